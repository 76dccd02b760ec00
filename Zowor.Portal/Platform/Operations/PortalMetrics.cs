using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Platform.Operations;

/// <summary>
/// The portal's metrics on the <c>Zowor.Portal</c> meter, for any OpenTelemetry or dotnet-counters reader:
/// open complaints (a gauge read from the database when collected), acknowledgement breaches (P-20) and escalations by
/// level (P-71, P-72), counted as the changes are saved.
/// </summary>
public sealed class PortalMetrics : IDisposable
{
    public const string MeterName = "Zowor.Portal";

    private readonly Meter _meter;
    private readonly Counter<long> _breaches;
    private readonly Counter<long> _escalations;

    public PortalMetrics(IMeterFactory meters, IDbContextFactory<PortalDbContext> contexts)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("zowor.complaints.open", () => CountOpen(contexts), unit: "{complaint}",
            description: "Complaints that still need work.");
        _breaches = _meter.CreateCounter<long>("zowor.acknowledgement.breaches", unit: "{complaint}",
            description: "Complaints not acknowledged within 24 hours (P-20).");
        _escalations = _meter.CreateCounter<long>("zowor.escalations", unit: "{escalation}",
            description: "Escalations, tagged with the level reached.");
    }

    /// <summary>Counts what a saved change means for the metrics.</summary>
    public void Record(IEnumerable<Zowor.Portal.Domain.Common.IDomainEvent> events)
    {
        foreach (var domainEvent in events)
        {
            switch (domainEvent)
            {
                case ComplaintDeadlineFlagged { Kind: ComplaintHistoryKinds.AcknowledgementBreached }:
                    _breaches.Add(1);
                    break;
                case ComplaintEscalated escalated:
                    _escalations.Add(1, new KeyValuePair<string, object?>("level", (int)escalated.To),
                        new KeyValuePair<string, object?>("automatic", escalated.Automatic));
                    break;
            }
        }
    }

    private static int CountOpen(IDbContextFactory<PortalDbContext> contexts)
    {
        var open = ComplaintWorkflow.UnresolvedStatuses.ToArray();
        using var db = contexts.CreateDbContext();
        return db.Complaints.Count(c => open.Contains(c.Status));
    }

    public void Dispose() => _meter.Dispose();
}
