using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Suite;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Features.Trends.Rollups;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Trends;

/// <summary>
/// Issue 21, P-60, P-61, P-90: the trends dashboard reads only its rollup tables, and every figure it shows equals the one
/// counted from the complaint rows (<see cref="TrendQueries.GetRowReportAsync"/>, the oracle) on a generated dataset, after
/// a random sequence of changes through the one change path (acknowledgements, resolutions, escalations, reopenings,
/// withdrawals, erasures, the retention job, survey answers, new complaints); durations are compared to the hour, the
/// histograms' stated precision. The rebuild reproduces the rollups kept change by change, and the drift check repairs a
/// corrupted row. The same for the repeat-customer figures (<see cref="RepeatCustomerRollup"/>), also over random periods and
/// filters with customers complaining many times, out of order, and erased in the middle of their chains.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TrendRollupTests : IAsyncLifetime
{
    private static readonly DateTime Now = GeneratorOptions.DefaultNow;
    private static readonly DateOnly Today = new(2026, 11, 1);
    private static readonly Actor Csm = new("user-csm-1", "Saule Omarova");

    private readonly TestDatabase _database = TestDatabase.Create();
    private PortalAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IServiceProvider Services => _app.Services.CreateScope().ServiceProvider;

    public async ValueTask InitializeAsync()
    {
        // The benchmark generator's bulk INSERTs, then the portal's own rebuild (Datasets.GenerateAsync).
        await Datasets.GenerateAsync(_database.FilePath, new GeneratorOptions(1_200, 150, Seed: 21), Ct);
        SqliteConnection.ClearAllPools();
        _app = new PortalAppFactory(new PortalAppOptions { Database = _database, SeedDemoData = false, Clock = new FakeTimeProvider(new DateTimeOffset(Now)) });
        _app.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Rollups_OfAGeneratedDataset_GiveEveryFigureOfTheRows_ForEveryKindOfFilter() // P-60, P-61, P-90
    {
        foreach (var filter in await FiltersAsync())
        {
            await AssertRollupsEqualRowsAsync(filter);
        }
    }

    [Fact]
    public async Task Rollups_AfterRandomChanges_ErasuresAndRetention_StillGiveEveryFigureOfTheRows_AndTheRebuildReproducesThem() // P-60, P-51
    {
        await ChangeAtRandomAsync(new Random(7), steps: 160);

        foreach (var filter in await FiltersAsync())
        {
            await AssertRollupsEqualRowsAsync(filter);
        }

        var kept = await RollupRowsAsync();
        var (complaints, _) = await Services.GetRequiredService<TrendRollupStore>().RebuildAsync(Ct);
        Assert.True(complaints > 1_200, "the new complaints are rebuilt too");
        Assert.Equal(kept, await RollupRowsAsync());
    }

    [Fact]
    public async Task DriftCheck_RepairsACorruptedDayRowAndAMissingMonthRow_AndLeavesACleanDayAlone() // P-60
    {
        var store = Services.GetRequiredService<TrendRollupStore>();
        var filter = new TrendFilter(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 20));
        var expected = await RollupRowsAsync();
        var day = new DateOnly(2026, 10, 14);
        await using (var db = _database.CreateContext())
        {
            // Drift as a bug or a hand edit would leave it: a day counts 7 complaints too many, a month lost its level rows.
            Assert.Equal(1, await db.TrendRollups.Where(r => r.Span == TrendRollupSpan.Day && r.Day == day.DayNumber && r.Figure == (int)TrendFigure.Received
                    && r.Category == TrendRollupGrain.All && r.Channel == TrendRollupGrain.AnyChannel && r.Product == TrendRollupGrain.All)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Count, r => r.Count + 7), Ct));
            Assert.True(await db.TrendRollups.Where(r => r.Span == TrendRollupSpan.Month && r.Day == new DateOnly(2026, 9, 1).DayNumber && r.Figure == (int)TrendFigure.Level)
                .ExecuteDeleteAsync(Ct) > 0);
        }

        Assert.NotEqual(expected, await RollupRowsAsync());
        var report = await Services.GetRequiredService<TrendQueries>().GetReportAsync(filter, Ct);
        var rows = await Services.GetRequiredService<TrendQueries>().GetRowReportAsync(filter, Ct);
        // The dashboard shows the drift: September's levels are gone from the escalation chart.
        Assert.Equal(rows.Received, rows.ByEscalationLevel.Sum(l => l.Count));
        Assert.True(report.ByEscalationLevel.Sum(l => l.Count) < rows.Received, "the deleted month rows show on the dashboard");

        var clean = await store.CheckAsync([new DateOnly(2026, 10, 2)], Ct);
        var check = await store.CheckAsync([day, new DateOnly(2026, 9, 15)], Ct);

        Assert.Empty(clean.FixedDays);
        Assert.Equal(0, clean.FixedMonths);
        Assert.Equal([day], check.FixedDays);
        Assert.Equal(1, check.FixedMonths);
        Assert.Equal(expected, await RollupRowsAsync());
        await AssertRollupsEqualRowsAsync(filter);
    }

    [Fact]
    public async Task CheckJob_OnRollupsKeptChangeByChange_FindsNothingToRepair() // P-60
    {
        await ChangeAtRandomAsync(new Random(11), steps: 60);
        var store = Services.GetRequiredService<TrendRollupStore>();
        var days = Enumerable.Range(0, 40).Select(i => Today.AddDays(-i)).ToList();

        var check = await store.CheckAsync(days, Ct);

        Assert.Empty(check.FixedDays);
        Assert.Equal(0, check.FixedRows);
    }

    [Fact]
    public async Task RegistrationsWrittenTogether_KeepEveryFigureOfTheRows_AndABadOneFailsAlone() // P-21, P-60, issue 21's group commit
    {
        var updater = Services.GetRequiredService<ComplaintUpdater>();
        var before = await RollupRowsAsync();
        // The first registration holds SQLite's writer (its complaint is built inside the write) while the others queue, so
        // the next writer takes them as one batch: repeat customers among them, several categories, channels and products.
        var (first, release) = await HoldTheWriterAsync(updater, reference => Repeat(reference, 0));
        var batch = Enumerable.Range(1, 12).Select(i => updater.RegisterAsync(2026, reference => Repeat(reference, i), Csm, Now, Ct)).ToList();
        while (updater.QueuedRegistrations < 12)
        {
            await Task.Delay(5, Ct);
        }

        release.SetResult();
        var registered = await Task.WhenAll(batch.Prepend(first));

        Assert.Equal(13, registered.Select(c => c.Reference).Distinct().Count());
        foreach (var filter in await FiltersAsync())
        {
            await AssertRollupsEqualRowsAsync(filter);
        }

        Assert.True(await AssertRepeatEqualsRowsAsync(new Random(3), periods: 30) > 0, "the periods have repeat customers");

        // A batch with a registration that cannot be built: that sender alone gets the error, the others are registered.
        (var holder, release) = await HoldTheWriterAsync(updater, reference => Repeat(reference, 13));
        var good = Enumerable.Range(14, 4).Select(i => updater.RegisterAsync(2026, reference => Repeat(reference, i), Csm, Now, Ct)).ToList();
        var bad = updater.RegisterAsync(2026, _ => throw new DomainException("The complaint has no description."), Csm, Now, Ct);
        while (updater.QueuedRegistrations < 5)
        {
            await Task.Delay(5, Ct);
        }

        release.SetResult();

        Assert.Equal("The complaint has no description.", (await Assert.ThrowsAsync<DomainException>(() => bad)).Message);
        var alsoRegistered = await Task.WhenAll(good.Prepend(holder));
        await using var db = _database.CreateContext();
        var ids = registered.Concat(alsoRegistered).Select(c => c.Id).ToList();
        Assert.Equal(18, await db.Complaints.CountAsync(c => ids.Contains(c.Id), Ct));
        Assert.Equal(18, registered.Concat(alsoRegistered).Select(c => c.Reference).Distinct().Count());
        await AssertRollupsEqualRowsAsync(new TrendFilter(Today.AddYears(-3), Today));
        Assert.NotEqual(before, await RollupRowsAsync());
        var kept = await RollupRowsAsync();
        await Services.GetRequiredService<TrendRollupStore>().RebuildAsync(Ct);
        await Services.GetRequiredService<TrendRollupStore>().RebuildRepeatCustomersAsync(Ct);
        Assert.Equal(kept, await RollupRowsAsync());

        // Four customers complaining again and again, on different days, through every channel, two categories and products.
        static Complaint Repeat(ComplaintReference reference, int i) => Complaint.Register(reference, (ComplaintChannel)(i % 3),
            CustomerContact.Create($"Batch Customer {i % 4}", $"batch{i % 4}@example.com", null, ContactMethod.Email),
            ComplaintDetails.Create("Again a problem", "Something went wrong again.", i % 2 == 0 ? "delivery" : "product-defect",
                ComplaintSeverity.Normal, PreferredResolution.Refund, null, i % 3 == 0 ? "Kettle" : null),
            Now.AddDays(-i * 11), Csm, Now, receivedLocal: Now.AddDays(-i * 11).AddHours(5));
    }

    /// <summary>
    /// Starts a registration whose complaint is built only once <c>Release</c> is set, and returns when it holds SQLite's
    /// writer (it builds inside the write): registrations started meanwhile queue and are then written as one batch.
    /// </summary>
    private static async Task<(Task<Complaint> Holder, TaskCompletionSource Release)> HoldTheWriterAsync(ComplaintUpdater updater, Func<ComplaintReference, Complaint> create)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // On a thread of its own: SQLite's calls complete synchronously, so the holder blocks whoever calls it.
        var holder = Task.Run(() => updater.RegisterAsync(2026, reference =>
        {
            holding.TrySetResult();
            release.Task.Wait(Ct);
            return create(reference);
        }, Csm, Now, Ct), Ct);
        await holding.Task.WaitAsync(Ct);
        return (holder, release);
    }

    // ---- The oracle ----

    /// <summary>Every figure from the rollups equals the rows' one; durations equal the rows' computed on whole hours.</summary>
    private async Task AssertRollupsEqualRowsAsync(TrendFilter filter)
    {
        var queries = Services.GetRequiredService<TrendQueries>();
        var rows = await queries.GetRowReportAsync(filter, Ct);
        var rollups = await queries.GetReportAsync(filter, Ct);
        var (acknowledge, resolve) = await HourDurationsAsync(filter);
        Assert.Equal(rows.HoursToAcknowledge.Count, acknowledge.Count);
        Assert.Equal(rows.HoursToResolve.Count, resolve.Count);

        var expected = rows with { HoursToAcknowledge = acknowledge, HoursToResolve = resolve };
        Assert.True(Json(expected) == Json(rollups), $"{filter}:\nrows    {Json(expected)}\nrollups {Json(rollups)}");
    }

    /// <summary>Median and 90th percentile of the hours rounded down, loaded from the rows and worked out here.</summary>
    private async Task<(DurationFigures Acknowledge, DurationFigures Resolve)> HourDurationsAsync(TrendFilter filter)
    {
        await using var db = _database.CreateContext();
        var received = Services.GetRequiredService<TrendQueries>().Received(db, filter);
        var acknowledge = await received.Where(c => c.AcknowledgementHours != null).Select(c => c.AcknowledgementHours!.Value).ToListAsync(Ct);
        var resolve = await received.Where(c => c.ResolutionHours != null).Select(c => c.ResolutionHours!.Value).ToListAsync(Ct);
        return (Duration(acknowledge), Duration(resolve));

        static DurationFigures Duration(List<double> hours)
        {
            var whole = hours.Select(Math.Floor).Order().ToList();
            var n = whole.Count;
            if (n == 0)
            {
                return new DurationFigures(0, null, null);
            }

            var median = n % 2 == 1 ? whole[n / 2] : (whole[(n / 2) - 1] + whole[n / 2]) / 2;
            return new DurationFigures(n, Math.Round(median, 2), Math.Round(whole[(int)Math.Ceiling(0.9 * n) - 1], 2));
        }
    }

    private static string Json(TrendReport report) => JsonSerializer.Serialize(report);

    /// <summary>Three years, whole months, parts of months, one day, and each filter (category, channel, product) alone and together.</summary>
    private async Task<List<TrendFilter>> FiltersAsync()
    {
        var all = await Services.GetRequiredService<TrendQueries>().GetRowReportAsync(new TrendFilter(Today.AddYears(-3), Today), Ct);
        Assert.True(all.Received >= 1_200);
        var category = all.ByCategory[0].Key;
        var product = all.ByProduct[0].Key;
        return
        [
            new(Today.AddYears(-3), Today),
            new(new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 28)),
            new(new DateOnly(2026, 5, 17), new DateOnly(2026, 8, 3)),
            new(new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 20)),
            new(new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 14)),
            new(Today.AddMonths(-6), Today, CategoryCode: category),
            new(Today.AddYears(-3), Today, Channel: ComplaintChannel.Phone),
            new(Today.AddYears(-2), Today, Product: product),
            new(Today.AddYears(-3), Today, category, ComplaintChannel.Email, product),
        ];
    }

    /// <summary>Every non-empty rollup row (trend and repeat-customer), as text, in key order.</summary>
    private async Task<List<string>> RollupRowsAsync()
    {
        await using var db = _database.CreateContext();
        var rows = await db.TrendRollups.AsNoTracking().Where(r => r.Count != 0 || r.Sum != 0).ToListAsync(Ct);
        var repeat = await db.RepeatCustomerRollups.AsNoTracking().Where(r => r.Count != 0).ToListAsync(Ct);
        return rows.Select(r => $"{r.Span}|{r.Category}|{r.Channel}|{r.Product}|{r.Day}|{r.Figure}|{r.Key}|{r.Text}|{r.Count}|{r.Sum}")
            .Concat(repeat.Select(r => $"repeat|{r.Category}|{r.Channel}|{r.Product}|{r.Prior}|{r.Span}|{r.Day}|{r.PriorDay}|{r.Count}"))
            .Order(StringComparer.Ordinal).ToList();
    }

    // ---- Repeat customers ----

    /// <summary>
    /// The repeat-customer figures from the rollup (<see cref="TrendRollupReader.ReadRepeatAsync"/>) equal the rows'
    /// (<see cref="TrendQueries.RepeatAsync"/>) for random periods (whole months, parts of months, single days, across years)
    /// under every combination of category, channel and product filter. Returns how many periods had repeat customers.
    /// </summary>
    private async Task<int> AssertRepeatEqualsRowsAsync(Random random, int periods)
    {
        var queries = Services.GetRequiredService<TrendQueries>();
        var (withRepeat, fromRows) = (0, 0);
        await using var db = _database.CreateContext();
        var start = Today.AddYears(-3);
        for (var i = 0; i < periods; i++)
        {
            var from = start.AddDays(random.Next(Today.DayNumber - start.DayNumber + 1));
            var to = from.AddDays(random.Next(4) switch { 0 => 0, 1 => random.Next(31), _ => random.Next(800) });
            if (random.Next(3) == 0)
            {
                from = new DateOnly(from.Year, from.Month, 1);
            }

            if (random.Next(3) == 0)
            {
                to = new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddDays(-1);
            }

            to = to > Today ? Today : to;
            var filter = new TrendFilter(from, to,
                random.Next(3) == 0 ? (random.Next(2) == 0 ? "delivery" : "product-defect") : null,
                random.Next(3) == 0 ? (ComplaintChannel)random.Next(3) : null,
                random.Next(3) == 0 ? (random.Next(2) == 0 ? "Kettle" : "Toaster") : null);

            var rows = await TrendQueries.RepeatAsync(queries.Received(db, filter), Ct);
            var rollup = await TrendRollupReader.ReadRepeatAsync(db, filter, Ct);
            fromRows += rollup is null ? 1 : 0;
            Assert.True(rows == (rollup ?? rows), $"{filter}: rows {rows}, rollup {rollup}");
            withRepeat += rows.RepeatCustomers > 0 ? 1 : 0;
        }

        Assert.True(fromRows <= periods / 4, $"{fromRows} of {periods} periods fell back to the rows");
        return withRepeat;
    }

    /// <summary>
    /// <paramref name="count"/> complaints of eight customers (six by e-mail, two by phone only) through the one change path,
    /// received on random days of the last three years and out of order (a complaint received before the customer's
    /// latest moves the chain), some on a day the customer already complained, across categories, channels and products.
    /// </summary>
    private async Task<List<Guid>> RegisterRepeatCustomersAsync(Random random, int count)
    {
        var updater = Services.GetRequiredService<ComplaintUpdater>();
        var days = new List<DateTime>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var who = random.Next(8);
            var customer = who < 6
                ? CustomerContact.Create($"Repeat Customer {who}", $"repeat{who}@example.com", null, ContactMethod.Email)
                : CustomerContact.Create($"Repeat Caller {who}", null, $"+7701555000{who}", ContactMethod.Phone);
            var receivedAt = days.Count > 0 && random.Next(5) == 0
                ? days[random.Next(days.Count)].AddMinutes(random.Next(-300, 300))
                : Now.AddDays(-random.Next(3 * 365)).AddMinutes(-random.Next(1440));
            receivedAt = receivedAt > Now ? Now : receivedAt;
            days.Add(receivedAt);
            var details = ComplaintDetails.Create("Again a problem", "Something went wrong again.", random.Next(2) == 0 ? "delivery" : "product-defect",
                ComplaintSeverity.Normal, PreferredResolution.Refund, null, random.Next(3) switch { 0 => null, 1 => "Kettle", _ => "Toaster" });
            var complaint = await updater.RegisterAsync(2026, reference => Complaint.Register(reference, (ComplaintChannel)random.Next(3), customer, details,
                receivedAt, Csm, Now, receivedLocal: receivedAt.AddHours(5)), Csm, Now, Ct);
            ids.Add(complaint.Id);
        }

        return ids;
    }

    [Fact]
    public async Task RepeatCustomers_FromTheRollup_EqualTheRows_ForRandomPeriodsAndFilters_ThroughRegistrationsErasuresChangesAndRetention() // P-60, P-51
    {
        var random = new Random(2121);
        var ids = await RegisterRepeatCustomersAsync(random, 160);
        Assert.True(await AssertRepeatEqualsRowsAsync(random, periods: 60) > 10, "the periods have repeat customers");
        foreach (var filter in await FiltersAsync())
        {
            await AssertRollupsEqualRowsAsync(filter);
        }

        // Erasures in the middle of customers' chains (their later complaints' previous one changes), more complaints out
        // of order, then the random changes with the retention job a year on.
        var eraser = Services.GetRequiredService<PersonalDataEraser>();
        var updater = Services.GetRequiredService<ComplaintUpdater>();
        foreach (var id in ids.OrderBy(_ => random.Next()).Take(25))
        {
            await updater.ApplyAsync(id, null, Csm, Now, c => c.Withdraw("The customer withdrew.", Csm, Now), Ct);
            await eraser.EraseAsync(id, c => true, Now, Ct);
        }

        await RegisterRepeatCustomersAsync(random, 40);
        Assert.True(await AssertRepeatEqualsRowsAsync(random, periods: 60) > 10, "the periods have repeat customers");
        await ChangeAtRandomAsync(random, steps: 80);
        Assert.True(await AssertRepeatEqualsRowsAsync(random, periods: 60) > 5, "the periods have repeat customers");
        foreach (var filter in await FiltersAsync())
        {
            await AssertRollupsEqualRowsAsync(filter);
        }

        // The rebuild reproduces the rows kept change by change.
        var kept = await RollupRowsAsync();
        await Services.GetRequiredService<TrendRollupStore>().RebuildAsync(Ct);
        Assert.Equal(kept, await RollupRowsAsync());
        await Services.GetRequiredService<TrendRollupStore>().RebuildRepeatCustomersAsync(Ct);
        Assert.Equal(kept, await RollupRowsAsync());
    }

    [Fact]
    public async Task DriftCheck_RepairsCorruptedRepeatCustomerRows_OfADayAndAMonth() // P-60
    {
        var random = new Random(5);
        var ids = await RegisterRepeatCustomersAsync(random, 120);
        var expected = await RollupRowsAsync();
        var store = Services.GetRequiredService<TrendRollupStore>();
        DateOnly day, month;
        await using (var db = _database.CreateContext())
        {
            // A day's row of a repeat complaint counts three too many; a month lost its prior-1 rows (a customer's chain).
            var repeatRow = await db.RepeatCustomerRollups.Where(r => r.Prior == 1 && r.Span == RepeatCustomerSpan.DayDay && r.Count > 0).OrderBy(r => r.Day).FirstAsync(Ct);
            day = DateOnly.FromDayNumber(repeatRow.Day);
            Assert.Equal(1, await db.RepeatCustomerRollups.Where(r => r.Category == repeatRow.Category && r.Channel == repeatRow.Channel && r.Product == repeatRow.Product
                    && r.Prior == 1 && r.Span == RepeatCustomerSpan.DayDay && r.Day == repeatRow.Day && r.PriorDay == repeatRow.PriorDay)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Count, r => r.Count + 3), Ct));
            var monthRow = await db.RepeatCustomerRollups.Where(r => r.Prior == 1 && r.Span == RepeatCustomerSpan.MonthMonth && r.Day != new DateOnly(day.Year, day.Month, 1).DayNumber)
                .OrderByDescending(r => r.Day).FirstAsync(Ct);
            month = DateOnly.FromDayNumber(monthRow.Day);
            Assert.True(await db.RepeatCustomerRollups.Where(r => r.Span == RepeatCustomerSpan.MonthMonth && r.Day == monthRow.Day && r.Prior > 0).ExecuteDeleteAsync(Ct) > 0);
        }

        Assert.NotEqual(expected, await RollupRowsAsync());
        var whole = new TrendFilter(Today.AddYears(-3), Today);
        var rows = await Services.GetRequiredService<TrendQueries>().GetRowReportAsync(whole, Ct);
        Assert.NotEqual(rows.Repeat, (await Services.GetRequiredService<TrendQueries>().GetReportAsync(whole, Ct)).Repeat);

        var check = await store.CheckAsync([day, month.AddDays(3)], Ct);

        Assert.Contains(day, check.FixedDays);
        Assert.True(check.FixedMonths >= 1);
        Assert.Equal(expected, await RollupRowsAsync());
        Assert.Equal(rows.Repeat, (await Services.GetRequiredService<TrendQueries>().GetReportAsync(whole, Ct)).Repeat);
        Assert.NotEmpty(ids);
    }

    // ---- Changes through the one change path ----

    private async Task ChangeAtRandomAsync(Random random, int steps)
    {
        var updater = Services.GetRequiredService<ComplaintUpdater>();
        List<Guid> ids;
        await using (var db = _database.CreateContext())
        {
            ids = await db.Complaints.OrderBy(c => c.ReceivedAt).Select(c => c.Id).ToListAsync(Ct);
        }

        var applied = 0;
        for (var step = 0; step < steps; step++)
        {
            var at = Now.AddMinutes(step);
            var id = ids[random.Next(ids.Count)];
            try
            {
                switch (random.Next(10))
                {
                    case 0:
                        var complaint = await updater.RegisterAsync(2026, reference => NewComplaint(reference, random, at), Csm, at, Ct);
                        ids.Add(complaint.Id);
                        break;
                    case 1:
                        await Services.GetRequiredService<PersonalDataEraser>().EraseAsync(id, c => true, at, Ct);
                        break;
                    case 2:
                        await AnswerSurveyAsync(random, at);
                        break;
                    default:
                        await updater.ApplyAsync(id, null, Csm, at, c => Change(c, random.Next(7), random, at), Ct);
                        break;
                }

                applied++;
            }
            catch (DomainException)
            {
                // Not allowed in the complaint's state (a rule of the workflow): nothing was saved.
            }
        }

        // The retention job a year on, when the oldest closed complaints are due for erasure (P-51).
        ((FakeTimeProvider)_app.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromDays(400));
        await Services.GetRequiredService<RetentionJob>().RunAsync(Ct);
        Assert.True(applied > steps / 4, $"only {applied} of {steps} changes applied");
    }

    private static void Change(Complaint c, int kind, Random random, DateTime at)
    {
        switch (kind)
        {
            case 0:
                c.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(random.Next(1, 20)), Csm, at);
                break;
            case 1:
                c.StartInvestigation(Csm, at);
                c.RecordRootCause((RootCauseCategory)random.Next(Enum.GetValues<RootCauseCategory>().Length), "Found it.", null, Csm, at);
                c.ProposeResolution(random.Next(2) == 0
                    ? ResolutionOffer.Create(ResolutionKind.PartialRefund, random.Next(1, 9000) / 100m, random.Next(2) == 0 ? "EUR" : "KZT", null, "Part back.")
                    : ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "A new one."), Csm, at);
                c.RecordCustomerResponse(true, null, Csm, at);
                c.Resolve(at, Csm, at);
                break;
            case 2:
                c.Reopen("The customer wrote again.", Csm, at);
                break;
            case 3:
                c.Escalate(c.EscalationLevel == EscalationLevel.CustomerServiceManager ? EscalationLevel.ChiefCustomerOfficer : EscalationLevel.ChiefExecutive, "Needs a decision.", Csm, at);
                break;
            case 4:
                c.Withdraw("The customer withdrew.", Csm, at);
                break;
            case 5:
                c.Close("Done.", random.Next(1, 6), Csm, at);
                break;
            default:
                c.Acknowledge(ContactMethod.Phone, DateOnly.FromDateTime(at).AddDays(3), Csm, at);
                c.StartInvestigation(Csm, at);
                break;
        }
    }

    private static Complaint NewComplaint(ComplaintReference reference, Random random, DateTime at)
    {
        var details = ComplaintDetails.Create("Problem with my order", "Something went wrong with the order.", random.Next(2) == 0 ? "delivery" : "product-defect",
            ComplaintSeverity.Normal, PreferredResolution.Refund, null, random.Next(3) == 0 ? null : "Kettle");
        var customer = CustomerContact.Create("Test Customer", $"c{random.Next(50)}@example.com", null, ContactMethod.Email);
        var receivedAt = at.AddDays(-random.Next(0, 30));
        return Complaint.Register(reference, (ComplaintChannel)random.Next(3), customer, details, receivedAt, Csm, at, receivedLocal: receivedAt.AddHours(5));
    }

    private async Task AnswerSurveyAsync(Random random, DateTime at)
    {
        await using var db = _database.CreateContext();
        var open = await db.SatisfactionSurveys.Where(s => s.AnsweredAt == null).OrderBy(s => s.Id).Skip(random.Next(20)).FirstOrDefaultAsync(Ct);
        if (open is null)
        {
            return;
        }

        open.Answer(random.Next(1, 6), random.Next(3) == 0 ? null : random.Next(1, 6), null, at);
        await db.SaveChangesAsync(Ct);
    }
}
