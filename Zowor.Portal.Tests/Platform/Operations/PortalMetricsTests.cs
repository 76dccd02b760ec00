using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Platform.Operations;

/// <summary>The Zowor.Portal meter: open complaints, acknowledgement breaches (P-20) and escalations by level (P-71, P-72).</summary>
[Collection(PortalHostCollection.Name)]
public sealed class PortalMetricsTests : IAsyncLifetime
{
    private const string CsmEmail = "saule.csm@zowor.test";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly MeterListener _listener = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        var factory = _app.Services.GetRequiredService<IMeterFactory>();
        // Only this app's meter: other hosts in the test process have their own.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PortalMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        _ = _app.Services.GetRequiredService<PortalMetrics>();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Changes_AreCountedAsBreachesEscalationsByLevelAndOpenComplaints()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        // Received three days ago and never acknowledged: the scan records the 24-hour breach.
        var first = await csm.Complaints.RegisterAsync(CustomerFixtures.Form("Timur Akhmetov", "timur.a@example.kz", null, "Parcel late", "ZW-1"), Ct);
        await csm.Complaints.RegisterAsync(CustomerFixtures.Form("Aisha Bekova", "aisha@example.kz", null, "Wrong size", "ZW-2"), Ct);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeadlineScanJob>().RunAsync(Ct);
        }

        var (_, version) = await _app.Database.LoadComplaintAsync(first.Id, Ct);
        await csm.Complaints.EscalateAsync(first.Id, version, new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "The customer asked for a manager." }, Ct);
        _listener.RecordObservableInstruments();

        lock (_measurements)
        {
            Assert.Equal(2, _measurements.Where(m => m.Instrument == "zowor.acknowledgement.breaches").Sum(m => m.Value));
            var escalation = Assert.Single(_measurements, m => m.Instrument == "zowor.escalations");
            Assert.Equal(1, escalation.Value);
            Assert.Equal(2, escalation.Tags["level"]);
            Assert.Equal(2, _measurements.Last(m => m.Instrument == "zowor.complaints.open").Value);
        }
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagMap = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            tagMap[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, tagMap));
        }
    }
}
