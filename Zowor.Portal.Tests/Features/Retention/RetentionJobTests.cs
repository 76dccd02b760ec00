using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Retention;

/// <summary>
/// P-51: records are kept 12 months after closure, then the customer's personal data and every free text that may hold
/// it are erased; statistics stay. Complaints go through their whole life in the real app (as a CSM, through
/// <see cref="ComplaintService"/>) with personal data in every field that takes text, and the test then reads every text
/// column of every table of the SQLite file, around the app, for any trace of it.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class RetentionJobTests : IAsyncLifetime
{
    // 1 September 2025, 11:00 in Almaty.
    private static readonly DateTime Start = new(2025, 9, 1, 6, 0, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    private const string AgentEmail = "aigerim.agent@zowor.test";
    private const string CsmEmail = "saule.csm@zowor.test";

    /// <summary>Closed 12 months and 1 day before the run: erased.</summary>
    private static readonly Customer Expired = new("Zebulon Quixote", "zebulon.quixote@example.org", "+7 701 555 0199", "7015550199", "QX-778812", "zqx");

    /// <summary>Closed 11 months before the run: kept whole.</summary>
    private static readonly Customer Kept = new("Ottilie Brandvold", "ottilie.b@example.no", "+47 912 34 567", "4791234567", "OB-552901", "obk");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly PortalAppFactory _app;
    private string _agentId = string.Empty;

    public RetentionJobTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _agentId = (await _app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent)).Id;
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync("dana.cco@zowor.test", "Dana Karimova (CCO)", PortalRoles.Cco);
        await _app.CreateStaffUserAsync("allen.ceo@zowor.test", "Allen Zhou (CEO)", PortalRoles.Ceo);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RunAsync_ClosedTwelveMonthsAndOneDayAgo_LeavesNoPersonalDataInAnyTable()
    {
        var (expiredId, keptId, runAt) = await TwoClosedComplaintsAsync();
        var statisticsBefore = TrendStatistics.Of((await _app.Database.LoadComplaintAsync(expiredId, Ct)).Complaint);
        Assert.NotEmpty(await FindInDatabaseAsync(Expired.Needles)); // it is all there before the run
        _clock.SetUtcNow(new DateTimeOffset(runAt));

        var erased = await RunRetentionAsync();

        Assert.Equal(1, erased);
        var leftovers = await FindInDatabaseAsync(Expired.Needles);
        Assert.True(leftovers.Count == 0, "Personal data left after erasure (P-51):\n" + string.Join("\n", leftovers));
        // The scan does find what must stay, so its silence above means something.
        Assert.Equal(Kept.Needles.Order(), (await FindInDatabaseAsync(Kept.Needles)).Select(f => f.Needle).Distinct().Order());

        var (c, _) = await _app.Database.LoadComplaintAsync(expiredId, Ct);
        Assert.Equal(runAt, c.AnonymisedAt);
        Assert.Equal(CustomerContact.Anonymous, c.Customer);
        Assert.Equal(statisticsBefore, TrendStatistics.Of(c));
        var anonymised = Assert.Single(TimelineEntry.Of(c), e => e.Kind == ComplaintHistoryKinds.Anonymised);
        Assert.Equal(new TimelineEntry(runAt, Actor.SystemId, Actor.System.Name, ComplaintHistoryKinds.Anonymised, null, null, null), anonymised);
        Assert.Equal(anonymised, TimelineEntry.Of(c)[^1]);
        // The timeline still tells what happened and when, without the content.
        Assert.Equal(
            [nameof(ComplaintStatus.Acknowledged), nameof(ComplaintStatus.Investigating), nameof(ComplaintStatus.Resolving), nameof(ComplaintStatus.Resolved), nameof(ComplaintStatus.Closed)],
            TimelineEntry.Of(c).Where(e => e.Kind == ComplaintHistoryKinds.StatusChanged).Select(e => e.After));
        Assert.Equal(("1", "2"), TimelineEntry.Of(c).Where(e => e.Kind == ComplaintHistoryKinds.Escalated).Select(e => (e.Before, e.After)).Single());
        Assert.All(TimelineEntry.Of(c), e => Assert.Null(e.Details));
    }

    [Fact]
    public async Task RunAsync_ClosedTwelveMonthsAndOneDayAgo_LeavesNoTraceInTheDatabaseFiles()
    {
        // Issue 4: "no personal data left in any table or file". Rows rewritten in place can leave the old bytes in the
        // page's free space, in freed pages or in the write-ahead log; what the tables no longer show may still be on disk.
        var (_, _, runAt) = await TwoClosedComplaintsAsync();
        _clock.SetUtcNow(new DateTimeOffset(runAt));

        await RunRetentionAsync();

        var leftovers = await _app.Database.FindInFilesAsync(Expired.Needles, Ct);

        Assert.True(leftovers.Count == 0, "Erased personal data still readable in the database files (P-51):\n" + string.Join("\n", leftovers));
    }

    [Fact]
    public async Task RunAsync_ClosedElevenMonthsAgo_LeavesTheComplaintUntouched()
    {
        var (_, keptId, runAt) = await TwoClosedComplaintsAsync();
        var (before, versionBefore) = await _app.Database.LoadComplaintAsync(keptId, Ct);
        _clock.SetUtcNow(new DateTimeOffset(runAt));

        await RunRetentionAsync();

        var (after, versionAfter) = await _app.Database.LoadComplaintAsync(keptId, Ct);
        Assert.Equal(runAt.AddMonths(-11), after.EndedAt);
        Assert.Null(after.AnonymisedAt);
        Assert.Equal(versionBefore, versionAfter);
        Assert.Equal(StoredComplaint.Of(before), StoredComplaint.Of(after));
        Assert.Equal(TimelineEntry.Of(before), TimelineEntry.Of(after));
        Assert.Equal(before.Evidence.Select(e => e.Description), after.Evidence.Select(e => e.Description));
        Assert.Equal(before.Interviews.Select(i => i.Summary), after.Interviews.Select(i => i.Summary));
        Assert.Equal(before.Communications.Select(m => m.Summary), after.Communications.Select(m => m.Summary));
        Assert.Equal(before.Escalations.Select(e => e.Reason), after.Escalations.Select(e => e.Reason));
        Assert.Equal(Kept.Name, after.Customer.Name);
        Assert.Contains(Kept.Token("desc"), after.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Twice_RecordsOneAnonymisedEntryAndChangesNothingMore()
    {
        var (expiredId, _, runAt) = await TwoClosedComplaintsAsync();
        _clock.SetUtcNow(new DateTimeOffset(runAt));
        await RunRetentionAsync();
        var (first, firstVersion) = await _app.Database.LoadComplaintAsync(expiredId, Ct);
        _clock.Advance(TimeSpan.FromDays(1));

        var erased = await RunRetentionAsync();

        var (second, secondVersion) = await _app.Database.LoadComplaintAsync(expiredId, Ct);
        Assert.Equal(0, erased);
        Assert.Equal(firstVersion, secondVersion);
        Assert.Equal(runAt, second.AnonymisedAt);
        Assert.Equal(TimelineEntry.Of(first), TimelineEntry.Of(second));
        Assert.Single(second.History, h => h.Kind == ComplaintHistoryKinds.Anonymised);
    }

    // ---- Helpers ----

    /// <summary>
    /// Walks one complaint of each customer from registration to closure through the app, the expired one closed
    /// 12 months and 1 day before the returned run time, the kept one 11 months before it.
    /// </summary>
    private async Task<(Guid ExpiredId, Guid KeptId, DateTime RunAt)> TwoClosedComplaintsAsync()
    {
        var expiredId = await LifecycleAsync(Expired, closeAt: Start.AddDays(2));
        var (expired, _) = await _app.Database.LoadComplaintAsync(expiredId, Ct);
        var runAt = expired.EndedAt!.Value.AddMonths(12).AddDays(1);
        var keptId = await LifecycleAsync(Kept, closeAt: runAt.AddMonths(-11));
        return (expiredId, keptId, runAt);
    }

    /// <summary>Registration to closure as a CSM, one step an hour, closing exactly at <paramref name="closeAt"/>.</summary>
    private async Task<Guid> LifecycleAsync(Customer customer, DateTime closeAt)
    {
        const int Steps = 14;
        _clock.SetUtcNow(new DateTimeOffset(closeAt.AddHours(-Steps)));
        await using var csm = await _app.SignInAsync(CsmEmail);
        var service = csm.Complaints;
        var receivedLocal = TimeZoneInfo.ConvertTimeFromUtc(Now.AddHours(-1), Almaty);
        var id = (await service.RegisterAsync(new RegisterComplaintForm
        {
            Channel = ComplaintChannel.Phone,
            ReceivedOn = receivedLocal.Date,
            ReceivedTime = receivedLocal.TimeOfDay,
            CustomerName = customer.Name,
            Email = customer.Email,
            Phone = customer.Phone,
            PreferredContact = ContactMethod.Email,
            OrderNumber = customer.Order,
            Product = "Trail running shoes",
            Subject = $"Shoes for {customer.Name} fell apart {customer.Token("subj")}",
            Description = $"{customer.Name} ({customer.Email}, {customer.Phone}) says the sole came off. {customer.Token("desc")}",
            CategoryCode = "product-defect",
            Severity = ComplaintSeverity.Normal,
            PreferredResolution = PreferredResolution.Refund,
        }, Ct)).Id;

        async Task Step(Func<long, Task> change)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            await change((await _app.Database.LoadComplaintAsync(id, Ct)).Version);
        }

        var today = () => TimeZoneInfo.ConvertTimeFromUtc(Now, Almaty).Date;
        await Step(v => service.AcknowledgeAsync(id, v, new AcknowledgeForm { Method = ContactMethod.Email, EstimatedResolutionDate = today().AddDays(10) }, Ct));
        await Step(v => service.AssignAsync(id, v, new AssignForm { OwnerId = _agentId }, Ct));
        await Step(v => service.StartInvestigationAsync(id, v, $"Calling {customer.Name} back. {customer.Token("invest")}", Ct));
        await Step(v => service.AddEvidenceAsync(id, v, new EvidenceForm { Kind = EvidenceKind.Communication, Description = $"Photos sent from {customer.Email}. {customer.Token("evid")}" }, Ct));
        await Step(v => service.AddInterviewAsync(id, v, new InterviewForm { StaffName = "Aigerim Agent", StaffRole = "Agent", InterviewedOn = today(), Summary = $"{customer.Name} was upset on the phone. {customer.Token("intv")}" }, Ct));
        await Step(v => service.LogCommunicationAsync(id, v, new CommunicationForm { Direction = CommunicationDirection.Outbound, Channel = CommunicationChannel.Phone, Summary = $"Called {customer.Phone} about order {customer.Order}. {customer.Token("comm")}" }, Ct));
        await Step(v => service.EscalateAsync(id, v, new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = $"{customer.Name} posts reviews widely. {customer.Token("esc")}" }, Ct));
        await Step(v => service.RecordRootCauseAsync(id, v, new RootCauseForm { Category = RootCauseCategory.ProductDefect, Description = $"Glue failure on {customer.Name}'s pair. {customer.Token("root")}", ContributingFactors = $"Order {customer.Order} came from batch 7. {customer.Token("factor")}" }, Ct));
        await Step(v => service.ProposeResolutionAsync(id, v, new ResolutionForm { Kind = ResolutionKind.PartialRefund, Amount = 25.50m, Currency = "EUR", Details = $"Refund half to {customer.Name}'s card. {customer.Token("offer")}" }, Ct));
        await Step(v => service.RecordCustomerResponseAsync(id, v, new CustomerResponseForm { Accepted = true, Note = $"{customer.Name} accepted by e-mail. {customer.Token("answer")}" }, Ct));
        await Step(v => service.ResolveAsync(id, v, new ResolveForm { ImplementedOn = today(), Note = $"Refund sent to {customer.Name}. {customer.Token("resolve")}" }, Ct));
        _clock.SetUtcNow(new DateTimeOffset(closeAt));
        await service.CloseAsync(id, (await _app.Database.LoadComplaintAsync(id, Ct)).Version,
            new CloseForm { Note = $"{customer.Name} thanked us. {customer.Token("close")}", Satisfaction = 4 }, Ct);

        var (closed, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal((ComplaintStatus.Closed, closeAt), (closed.Status, closed.EndedAt));
        return id;
    }

    private async Task<int> RunRetentionAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(Ct);
    }

    /// <summary>Every text value of every column of every table in the file that contains one of the needles.</summary>
    private async Task<List<(string Needle, string Where)>> FindInDatabaseAsync(IReadOnlyList<string> needles)
    {
        var found = new List<(string, string)>();
        await using var connection = new SqliteConnection(_app.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var table in await _app.Database.GetTableNamesAsync(Ct))
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"PRAGMA table_info(\"{table}\")";
                await using var reader = await info.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    columns.Add(reader.GetString(1));
                }
            }

            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
            await using var rows = await select.ExecuteReaderAsync(Ct);
            while (await rows.ReadAsync(Ct))
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var text = rows.IsDBNull(i) ? null : rows.GetValue(i) switch
                    {
                        string s => s,
                        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                        _ => null,
                    };
                    foreach (var needle in needles.Where(n => text?.Contains(n, StringComparison.OrdinalIgnoreCase) == true))
                    {
                        found.Add((needle, $"{table}.{columns[i]} contains '{needle}': {text}"));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>A customer and the unique markers put in each free-text field of their complaint.</summary>
    private sealed record Customer(string Name, string Email, string Phone, string PhoneDigits, string Order, string Prefix)
    {
        private static readonly string[] Fields = ["subj", "desc", "invest", "evid", "intv", "comm", "esc", "root", "factor", "offer", "answer", "resolve", "close"];

        public string Token(string field) => $"{Prefix}-{field}-marker";

        /// <summary>What must not survive the erasure: contact details, order number, and every marker.</summary>
        public IReadOnlyList<string> Needles => [Name, Name.Split(' ')[1], Email, Phone, PhoneDigits, Order, .. Fields.Select(Token)];
    }
}
