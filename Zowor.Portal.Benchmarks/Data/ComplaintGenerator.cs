using System.Diagnostics;
using System.Threading.Channels;
using Bogus;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Benchmarks.Data;

/// <summary>What to generate.</summary>
/// <param name="Size">Number of complaints.</param>
/// <param name="Open">How many of them are still open (unresolved); the rest are closed, resolved or withdrawn.</param>
/// <param name="Seed">The same seed gives the same data.</param>
/// <param name="Years">How far back the complaints reach.</param>
/// <param name="Now">The generator's "now" (UTC); fixed by default so that a seed is reproducible.</param>
/// <param name="SearchIndexPerRow">
/// Keep the search index's triggers during the load, and index the queue after each batch (slower): only for proving that
/// the one-pass fill gives the same index.
/// </param>
public sealed record GeneratorOptions(int Size, int Open, int Seed = 2026, int Years = 3, DateTime? Now = null, bool SearchIndexPerRow = false)
{
    /// <summary>The fixed default "now": data from one seed is identical whenever it is generated.</summary>
    public static readonly DateTime DefaultNow = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
}

/// <summary>
/// Fills a portal database with realistic complaints through the domain model (so every rule and derived field holds):
/// categories, channels, products, acknowledgements, investigations, escalations, resolutions, closures and survey
/// answers over several years, reproducible from a seed. Inserts go in batches with change detection off.
/// </summary>
public sealed class ComplaintGenerator(IDbContextFactory<PortalDbContext> contexts)
{
    private const int BatchSize = 5_000;

    /// <summary>The portal's default business time zone (appsettings <c>Portal:TimeZone</c>): months are counted in it.</summary>
    private static readonly TimeZoneInfo BusinessTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    /// <summary>The deadline rules at their defaults (an Admin can change them in the portal).</summary>
    private static readonly PortalSettings DeadlineSettings = new();

    private static readonly Actor[] Staff = [new("gen-agent", "Generated Agent"), new("gen-csm", "Generated CSM"), new("gen-cco", "Generated CCO")];

    private static readonly (string Category, string[] Products, RootCauseCategory[] Causes, string[] Subjects)[] Catalogue =
    [
        ("product-defect", ["SteelBoil 1.7 L kettle", "AirBeat headphones", "VoltMax 20000 power bank", "Zowor Blender 600", "ThermoCup 450"],
            [RootCauseCategory.ProductDefect, RootCauseCategory.Supplier, RootCauseCategory.CustomerMisuse, RootCauseCategory.NoFaultFound],
            ["Stopped working after a week", "Leaks at the base", "Does not charge", "Makes a burning smell", "Button broke off"]),
        ("delivery", ["Trail running shoes", "Garden hose set", "Lego city set", "Office chair"],
            [RootCauseCategory.Carrier, RootCauseCategory.WarehouseProcess, RootCauseCategory.Systems],
            ["Parcel arrived late", "Tracking says delivered, nothing arrived", "Courier never came", "Delivered to the wrong address"]),
        ("packaging", ["Ceramic vase", "Crystal wine glasses (6)", "Table lamp"],
            [RootCauseCategory.Packaging, RootCauseCategory.Carrier],
            ["Arrived broken", "Box crushed", "Item scratched in transit"]),
        ("wrong-item", ["Winter boots", "Urban rain jacket", "Bed linen set"],
            [RootCauseCategory.WarehouseProcess, RootCauseCategory.StaffError, RootCauseCategory.Systems],
            ["Wrong size delivered", "Wrong colour", "Received someone else's order"]),
        ("billing", ["Office chair", "Zowor Blender 600", "Gift card"],
            [RootCauseCategory.Systems, RootCauseCategory.Policy, RootCauseCategory.StaffError],
            ["Charged twice", "Discount not applied", "Refund not received"]),
        ("service", ["Warranty claim", "Return request"],
            [RootCauseCategory.StaffError, RootCauseCategory.Communication, RootCauseCategory.Policy],
            ["Nobody called back", "Rude reply from support", "Waited an hour on the hotline"]),
        ("website", ["Checkout", "Mobile app"],
            [RootCauseCategory.Systems],
            ["Checkout page froze", "Cannot log in", "Promo code rejected"]),
    ];

    /// <summary>
    /// Generates and stores the complaints, then the CAPAs; returns counts and timing. Two threads: one builds batches
    /// through the domain and lays them out as rows, the other writes the previous batch with prepared INSERTs.
    /// </summary>
    public async Task<GeneratorResult> GenerateAsync(GeneratorOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Size);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Open);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Open, options.Size);
        var watch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        Randomizer.Seed = new Random(options.Seed);
        var faker = new Faker("en") { Random = new Randomizer(options.Seed) };
        var text = new TextPools(options.Seed);
        var now = options.Now ?? GeneratorOptions.DefaultNow;
        var sequences = new Dictionary<int, int>();
        string connectionString;
        TableLayouts layouts;
        IEntityType complaintType;
        IEntityType surveyType;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            foreach (var row in await db.Complaints.GroupBy(c => c.ReferenceYear).Select(g => new { Year = g.Key, Last = g.Max(c => c.ReferenceSequence) }).ToListAsync(cancellationToken))
            {
                sequences[row.Year] = row.Last;
            }

            connectionString = db.Database.GetConnectionString()!;
            layouts = new TableLayouts(db.Model);
            complaintType = db.Model.FindEntityType(typeof(Complaint))!;
            surveyType = db.Model.FindEntityType(typeof(SatisfactionSurvey))!;
        }

        // Which complaints stay open: the newest ones, as in life (P-20 to P-41 deadlines run on them). More complaints
        // in recent months than three years ago: the business grows.
        var span = TimeSpan.FromDays(365.25 * options.Years);
        var times = Enumerable.Range(0, options.Size)
            .Select(_ => now - TimeSpan.FromTicks((long)(span.Ticks * Math.Pow(random.NextDouble(), 1.3))))
            .Order()
            .ToArray();
        var firstOpen = options.Size - options.Open;
        var scopes = new ScopeSamples();
        var batches = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
        var surveys = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (var start = 0; start < options.Size; start += BatchSize)
                {
                    var batch = new RowBatch();
                    var end = Math.Min(options.Size, start + BatchSize);
                    for (var i = start; i < end; i++)
                    {
                        var complaint = Build(text, random, sequences, times[i], now, open: i >= firstOpen);
                        SetId(complaintType, complaint, TextPools.TimeOrderedId(random, complaint.ReceivedAt));
                        batch.Add(complaintType, complaint, layouts, p => p.Name == PortalDbContext.VersionProperty ? 1L : null); // version 1, as SaveChanges sets it
                        scopes.Add(complaint);
                        if (complaint.Status == ComplaintStatus.Closed && random.NextDouble() < 0.45)
                        {
                            var survey = Survey(random, complaint);
                            SetId(surveyType, survey, TextPools.TimeOrderedId(random, survey.IssuedAt));
                            batch.Add(surveyType, survey, layouts);
                            surveys++;
                        }
                    }

                    await batches.Writer.WriteAsync(batch, stop.Token);
                }

                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, stop.Token);

        var written = 0;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                // A bulk load: a crash leaves a half-made file that the next run regenerates anyway.
                pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            using var inserter = new BulkInserter(connection, layouts);
            var indexes = inserter.DropIndexes(AggregateTables(complaintType).Append(surveyType.GetTableName()!));
            // The search indexes' triggers fire per row (a queued key and a message recount each): dropped for the load, the
            // indexes filled in one pass after it, as the migrations fill them, and the triggers re-created. Per row, the
            // queue is indexed after each batch, as the portal's SearchIndexer indexes it every second.
            var searchIndexes = TableExists(connection, "ComplaintSearchPending");
            var bulkIndex = searchIndexes && !options.SearchIndexPerRow;
            if (bulkIndex)
            {
                Execute(connection, [.. SqliteSearchIndexSql.DropTriggers, .. SqliteSearchIndexSql.DropIdentityTriggers]);
            }

            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    inserter.Write(batch);
                    if (searchIndexes && options.SearchIndexPerRow)
                    {
                        Execute(connection, SqliteSearchIndexSql.IndexQueue, transaction: true);
                    }

                    written = Math.Min(options.Size, written + BatchSize);
                    progress?.Report(written);
                }
            }
            catch
            {
                await stop.CancelAsync(); // the builder must not wait forever for room in the channel
                throw;
            }

            // Not in a finally: a failed load leaves a partial file that is thrown away (Datasets generates into *.partial).
            inserter.CreateIndexes(indexes);
            if (bulkIndex)
            {
                // The fill indexes every complaint: start from empty indexes (and queue) in case the file held some already.
                Execute(connection,
                [
                    "DELETE FROM \"ComplaintSearch\";", "DELETE FROM \"ComplaintSearchIdentity\";", "DELETE FROM \"ComplaintSearchPending\";",
                    SqliteSearchIndexSql.Fill, SqliteSearchIndexSql.FillIdentity, .. SqliteSearchIndexSql.CreateCurrentTriggers,
                ], transaction: true);
            }
        }

        await producer;
        var capas = await GenerateCapasAsync(faker, random, scopes, now, Math.Clamp(options.Size / 2_000, 3, 500), cancellationToken);
        return new GeneratorResult(written, options.Open, surveys, capas, watch.Elapsed);
    }

    private static bool TableExists(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, IEnumerable<string> statements, bool transaction = false)
    {
        using var scope = transaction ? connection.BeginTransaction() : null;
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = scope;
            command.CommandText = sql;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        scope?.Commit();
    }

    /// <summary>Replaces the random id the domain gave with a seeded one, before any dependent row takes it as its key.</summary>
    private static void SetId(IEntityType type, object entity, Guid id) => type.FindPrimaryKey()!.Properties[0].PropertyInfo!.SetValue(entity, id);

    /// <summary>The tables an aggregate's rows go to: its own and those of everything reached through its navigations.</summary>
    private static IEnumerable<string> AggregateTables(IEntityType type) =>
        type.GetNavigations().Where(n => !n.IsOnDependent).SelectMany(n => AggregateTables(n.TargetEntityType)).Prepend(type.GetTableName()!).Distinct();

    private static SatisfactionSurvey Survey(Random random, Complaint complaint)
    {
        var token = new byte[32];
        random.NextBytes(token);
        var survey = SatisfactionSurvey.Issue(complaint.Id, Convert.ToHexStringLower(token), complaint.Closure!.At);
        var outcome = random.Next(1, 6);
        survey.Answer(outcome, Math.Clamp(outcome + random.Next(-1, 2), 1, 5), null, complaint.Closure.At.AddHours(random.Next(1, 96)));
        return survey;
    }

    /// <summary>
    /// CAPAs over the recurring problems (a product and category with many complaints), at every stage of their
    /// workflow: open, investigating, planned, implementing, in the effectiveness check and closed. Few enough for EF.
    /// </summary>
    private async Task<int> GenerateCapasAsync(Faker faker, Random random, ScopeSamples scopes, DateTime now, int count, CancellationToken cancellationToken)
    {
        var quality = new Actor("gen-quality", "Generated Quality Lead");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var numbers = await db.Capas.GroupBy(c => c.NumberYear).Select(g => new { Year = g.Key, Last = g.Max(c => c.NumberSequence) })
            .ToDictionaryAsync(x => x.Year, x => x.Last, cancellationToken);
        var busiest = scopes.Busiest();
        for (var n = 0; n < count; n++)
        {
            var (scope, sample) = busiest[Weighted(random, busiest.Select(b => b.Sample.Seen).ToArray())];
            var links = sample.Recent.OrderBy(_ => random.Next()).Take(random.Next(3, 13)).ToList();
            var openedAt = links.Max(l => l.ReceivedAt).AddDays(random.Next(1, 10));
            openedAt = openedAt > now ? now.AddHours(-random.Next(1, 48)) : openedAt;
            var year = openedAt.Year;
            numbers[year] = numbers.GetValueOrDefault(year) + 1;
            var capa = CapaRecord.Open(year, numbers[year], $"Recurring: {scope.Category} on {scope.Product}", CapaKind.Corrective,
                random.NextDouble() < 0.6 ? CapaSource.RecurringIssueAlert : CapaSource.ComplaintReview,
                $"{sample.Seen:N0} complaints about {scope.Product} ({scope.Category}). {faker.Lorem.Sentence(10)}",
                CapaRisk.Create(random.Next(2, 6), random.Next(1, 6)),
                links.Select(l => new CapaComplaintLink(l.Id, l.Reference)), scope.Product, scope.Category, null, quality, openedAt);
            SetId(db.Model.FindEntityType(typeof(CapaRecord))!, capa, TextPools.TimeOrderedId(random, openedAt));
            Advance(capa, faker, random, quality, openedAt, now, stage: Weighted(random, [15, 15, 10, 15, 10, 35]));
            db.Capas.Add(capa);
        }

        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    /// <summary>Works a CAPA through its steps up to <paramref name="stage"/> (0 open … 5 closed), one to three weeks apart.</summary>
    private static void Advance(CapaRecord capa, Faker faker, Random random, Actor by, DateTime at, DateTime now, int stage)
    {
        DateTime Next() => at = Clamp(at.AddDays(random.Next(3, 21)), now);
        if (stage >= 1)
        {
            capa.StartInvestigation(by, Next());
            capa.RecordRootCauseAnalysis(
                Enumerable.Range(0, random.Next(2, 6)).Select(_ => faker.Lorem.Sentence(7)),
                [(FishboneCategory.Process, faker.Lorem.Sentence(6)), (FishboneCategory.ProductMaterials, faker.Lorem.Sentence(6))], by, at);
        }

        if (stage >= 2)
        {
            capa.PlanActions(by, Next());
            var today = DateOnly.FromDateTime(at);
            capa.AddAction("Change the supplier's inspection checklist", by, today.AddDays(random.Next(7, 40)), today, by, at);
            capa.AddAction("Retrain the packing team", by, today.AddDays(random.Next(7, 40)), today, by, at);
            capa.SetEffectivenessCheck("Complaints in scope fall by half within the window", 90, by, at);
        }

        if (stage >= 3)
        {
            capa.StartImplementation(by, Next());
        }

        if (stage >= 4)
        {
            var done = DateOnly.FromDateTime(Next());
            capa.FinishAction(1, CapaActionStatus.Done, done, by, at);
            capa.FinishAction(2, random.NextDouble() < 0.8 ? CapaActionStatus.Done : CapaActionStatus.Cancelled, done, by, at);
            capa.StartEffectivenessCheck(by, at);
        }

        if (stage >= 5)
        {
            var before = random.Next(8, 40);
            capa.RecordEffectiveness(true, "Recurrence fell after the actions.", new EffectivenessEvidence(before, random.Next(0, before / 2), 90, true), by, Next());
            var closedAt = Next();
            capa.Close(CapaSignature.ApproveClosure(new Actor("bench-cco", "Benchmark CCO"), "CCO", closedAt), closedAt);
        }
    }

    /// <summary>
    /// One complaint and its history up to a random stage. An open one is then brought to the state the deadline job
    /// (P-20 to P-41) would have left it in by <paramref name="now"/>: warned, breached, flagged for a customer update,
    /// escalated, each step dated when it fell due, so the dataset is a steady state rather than a backlog for the job.
    /// </summary>
    private static Complaint Build(TextPools text, Random random, Dictionary<int, int> sequences, DateTime receivedAt, DateTime now, bool open)
    {
        var complaint = BuildStages(text, random, sequences, receivedAt, now, open);
        if (open)
        {
            DeadlineScanJob.ApplyDueSteps(complaint, DeadlineSettings, now);
        }

        return complaint;
    }

    private static Complaint BuildStages(TextPools text, Random random, Dictionary<int, int> sequences, DateTime receivedAt, DateTime now, bool open)
    {
        var (category, products, causes, subjects) = Catalogue[Weighted(random, [30, 25, 12, 10, 9, 8, 6])];
        var channel = (ComplaintChannel)Weighted(random, [45, 35, 20]);
        var year = receivedAt.Year;
        sequences[year] = sequences.GetValueOrDefault(year) + 1;
        var reference = ComplaintReference.Create(year, sequences[year]);
        var russian = random.NextDouble() < 0.3;
        var (first, last) = text.Name(random, russian);
        var hasEmail = channel != ComplaintChannel.Phone || random.NextDouble() < 0.6;
        var email = hasEmail ? (russian ? $"client.{reference.Year}.{reference.Sequence}" : $"{first}.{last}.{reference.Sequence}".ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal)) + "@example.com" : null;
        var phone = !hasEmail || random.NextDouble() < 0.5 ? $"+7 7{random.Next(0, 99):D2} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}" : null;
        var customer = CustomerContact.Create($"{first} {last}", email, phone, email is null ? ContactMethod.Phone : ContactMethod.Email);
        var product = products[random.Next(products.Length)];
        var subject = subjects[random.Next(subjects.Length)];
        var details = ComplaintDetails.Create(subject, $"{subject}. {text.Sentence(random)}", category,
            random.NextDouble() < 0.04 ? ComplaintSeverity.Serious : ComplaintSeverity.Normal,
            (PreferredResolution)random.Next(0, 5), $"ZW-{random.Next(100000, 999999)}", product);
        var agent = Staff[0];
        var csm = Staff[1];
        var registeredBy = channel == ComplaintChannel.WebForm ? Actor.Customer : agent;
        var complaint = Complaint.Register(reference, channel, customer, details, receivedAt, registeredBy, receivedAt.AddMinutes(channel == ComplaintChannel.WebForm ? 0 : 10),
            russian ? "ru" : "en", TimeZoneInfo.ConvertTimeFromUtc(receivedAt, BusinessTimeZone));

        // How far the complaint got: open ones stop somewhere before resolution; the rest are closed (or withdrawn).
        // Unacknowledged complaints are the last two days' (older ones were acknowledged, late or not).
        var stage = !open ? 9 : now - receivedAt < TimeSpan.FromDays(2) ? random.Next(0, 4) : random.Next(1, 4);
        if (stage == 0)
        {
            return complaint; // received, awaiting acknowledgement
        }

        var at = receivedAt.AddHours(random.NextDouble() < 0.9 ? random.Next(1, 24) : random.Next(24, 60));
        complaint.Acknowledge(complaint.Customer.Email is null ? ContactMethod.Phone : ContactMethod.Email, DateOnly.FromDateTime(at.AddDays(random.Next(3, 14))), agent, Clamp(at, now));
        if (!open && random.NextDouble() < 0.04)
        {
            complaint.Withdraw("The customer no longer wants to pursue the complaint.", csm, Clamp(at.AddDays(1), now));
            return complaint;
        }

        if (stage == 1)
        {
            return complaint;
        }

        at = at.AddHours(random.Next(1, 12));
        complaint.StartInvestigation(agent, Clamp(at, now));
        complaint.RecordRootCause(causes[random.Next(causes.Length)], text.Sentence(random), null, agent, Clamp(at.AddHours(random.Next(2, 48)), now));
        if (random.NextDouble() < 0.25)
        {
            // A quarter of the customers write back while it is investigated (the status page), so the search index's
            // messages column holds the customers' own words as in a running portal (issue 17's query table searches them).
            var replies = russian ? RussianReplies : Replies;
            complaint.AddCustomerInformation($"{replies[random.Next(replies.Length)]} {text.Sentence(random)}", Clamp(at.AddHours(random.Next(1, 24)), now));
        }

        if (complaint.EscalationLevel == EscalationLevel.CustomerServiceManager && random.NextDouble() < 0.15)
        {
            complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Unresolved past the level-1 target.", csm, Clamp(at.AddDays(random.Next(1, 10)), now), automatic: random.NextDouble() < 0.5);
            if (random.NextDouble() < 0.2)
            {
                complaint.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the CEO (P-73).", Staff[2], Clamp(at.AddDays(random.Next(10, 15)), now));
            }
        }

        if (stage == 2)
        {
            return complaint;
        }

        at = Clamp(at.AddDays(random.Next(1, 5)), now);
        var offer = Weighted(random, [30, 20, 20, 15, 15]) switch
        {
            0 => ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "Replacement sent."),
            1 => ResolutionOffer.Create(ResolutionKind.FullRefund, 20m + random.Next(0, 300), "EUR", null, "Full refund."),
            2 => ResolutionOffer.Create(ResolutionKind.PartialRefund, 5m + random.Next(0, 80), "EUR", null, "Partial refund."),
            3 => ResolutionOffer.Create(ResolutionKind.Compensation, null, null, CompensationKind.Discount, "Discount on the next order."),
            _ => ResolutionOffer.Create(ResolutionKind.ExplanationOnly, null, null, null, "Explained what happened."),
        };
        complaint.ProposeResolution(offer, agent, at);
        if (stage == 3)
        {
            return complaint;
        }

        var resolvedAt = Clamp(at.AddDays(random.Next(0, 10)), now);
        complaint.RecordCustomerResponse(true, null, agent, resolvedAt);
        complaint.Resolve(resolvedAt, agent, resolvedAt);
        complaint.Close("Resolved.", random.Next(1, 6), csm, Clamp(resolvedAt.AddHours(random.Next(1, 72)), now));
        return complaint;
    }

    private static DateTime Clamp(DateTime at, DateTime now) => at > now ? now : at;

    private static readonly string[] Replies =
    [
        "Any news on this? I attached the receipt from the shop.", "The courier still has not collected the parcel.",
        "I sent photos of the damage to your e-mail yesterday.", "My neighbour bought the same model and it works fine.",
        "Please call me after six in the evening.", "The replacement you offered would suit me.",
        "I found the original packaging in the garage.", "Could you refund to the card I paid with?",
    ];

    private static readonly string[] RussianReplies =
    [
        "Есть новости? Чек из магазина прикладываю.", "Курьер так и не забрал посылку.", "Фотографии повреждений отправила вчера на почту.",
        "Позвоните мне после шести вечера, пожалуйста.", "Замена товара меня устроит.", "Верните деньги на карту, которой я платил.",
    ];

    private static int Weighted(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}

/// <summary>What a generation run did.</summary>
public sealed record GeneratorResult(int Complaints, int Open, int Surveys, int Capas, TimeSpan Elapsed);

/// <summary>The latest complaints per product and category, and how many there were: what CAPAs are opened on.</summary>
internal sealed class ScopeSamples
{
    private const int Kept = 40;
    private readonly Dictionary<(string Category, string Product), Sample> _scopes = [];

    public void Add(Complaint complaint)
    {
        var key = (complaint.CategoryCode, complaint.Product ?? "-");
        if (!_scopes.TryGetValue(key, out var sample))
        {
            _scopes[key] = sample = new Sample();
        }

        sample.Seen++;
        sample.Recent.Enqueue((complaint.Id, complaint.Reference, complaint.ReceivedAt));
        if (sample.Recent.Count > Kept)
        {
            sample.Recent.Dequeue();
        }
    }

    /// <summary>The ten scopes with the most complaints.</summary>
    public List<((string Category, string Product) Scope, Sample Sample)> Busiest() =>
        _scopes.OrderByDescending(s => s.Value.Seen).Take(10).Select(s => (s.Key, s.Value)).ToList();

    public sealed class Sample
    {
        public int Seen { get; set; }

        public Queue<(Guid Id, string Reference, DateTime ReceivedAt)> Recent { get; } = new();
    }
}

