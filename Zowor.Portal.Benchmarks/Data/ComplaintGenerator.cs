using System.Diagnostics;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Benchmarks.Data;

/// <summary>What to generate.</summary>
/// <param name="Size">Number of complaints.</param>
/// <param name="Open">How many of them are still open (unresolved); the rest are closed, resolved or withdrawn.</param>
/// <param name="Seed">The same seed gives the same data.</param>
/// <param name="Years">How far back the complaints reach.</param>
/// <param name="Now">The generator's "now" (UTC); fixed by default so that a seed is reproducible.</param>
public sealed record GeneratorOptions(int Size, int Open, int Seed = 2026, int Years = 3, DateTime? Now = null)
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
    private const int BatchSize = 2_000;

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

    /// <summary>Generates and stores the complaints; returns counts and timing.</summary>
    public async Task<GeneratorResult> GenerateAsync(GeneratorOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Size);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Open);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Open, options.Size);
        var watch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        Randomizer.Seed = new Random(options.Seed);
        var faker = new Faker("en");
        var now = options.Now ?? GeneratorOptions.DefaultNow;
        var staff = new[] { new Actor("gen-agent", "Generated Agent"), new Actor("gen-csm", "Generated CSM"), new Actor("gen-cco", "Generated CCO") };
        var sequences = new Dictionary<int, int>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            foreach (var row in await db.Complaints.GroupBy(c => c.ReferenceYear).Select(g => new { Year = g.Key, Last = g.Max(c => c.ReferenceSequence) }).ToListAsync(cancellationToken))
            {
                sequences[row.Year] = row.Last;
            }
        }

        // Which complaints stay open: the newest ones, as in life (P-20 to P-41 deadlines run on them).
        var span = TimeSpan.FromDays(365.25 * options.Years);
        var times = Enumerable.Range(0, options.Size)
            .Select(_ => now - TimeSpan.FromTicks((long)(span.Ticks * Math.Pow(random.NextDouble(), 1.3))))
            .Order()
            .ToArray();
        var firstOpen = options.Size - options.Open;
        var written = 0;
        var surveys = 0;
        for (var start = 0; start < options.Size; start += BatchSize)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var end = Math.Min(options.Size, start + BatchSize);
            for (var i = start; i < end; i++)
            {
                var complaint = Build(faker, random, staff, sequences, times[i], now, open: i >= firstOpen);
                db.Complaints.Add(complaint);
                complaint.ClearDomainEvents();
                if (complaint.Status == ComplaintStatus.Closed && random.NextDouble() < 0.45)
                {
                    var survey = SatisfactionSurvey.Issue(complaint.Id, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), complaint.Closure!.At);
                    var outcome = random.Next(1, 6);
                    survey.Answer(outcome, Math.Clamp(outcome + random.Next(-1, 2), 1, 5), null, complaint.Closure.At.AddHours(random.Next(1, 96)));
                    db.SatisfactionSurveys.Add(survey);
                    surveys++;
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            written = end;
            progress?.Report(written);
        }

        return new GeneratorResult(written, options.Open, surveys, 0, watch.Elapsed);
    }

    private static Complaint Build(Faker faker, Random random, Actor[] staff, Dictionary<int, int> sequences, DateTime receivedAt, DateTime now, bool open)
    {
        var (category, products, causes, subjects) = Catalogue[Weighted(random, [30, 25, 12, 10, 9, 8, 6])];
        var channel = (ComplaintChannel)Weighted(random, [45, 35, 20]);
        var year = receivedAt.Year;
        sequences[year] = sequences.GetValueOrDefault(year) + 1;
        var reference = ComplaintReference.Create(year, sequences[year]);
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var hasEmail = channel != ComplaintChannel.Phone || random.NextDouble() < 0.6;
        var email = hasEmail ? $"{first}.{last}.{reference.Sequence}@example.com".ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal) : null;
        var phone = !hasEmail || random.NextDouble() < 0.5 ? $"+7 7{random.Next(0, 99):D2} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}" : null;
        var customer = CustomerContact.Create($"{first} {last}", email, phone, email is null ? ContactMethod.Phone : ContactMethod.Email);
        var product = products[random.Next(products.Length)];
        var subject = subjects[random.Next(subjects.Length)];
        var details = ComplaintDetails.Create(subject, $"{subject}. {faker.Lorem.Sentence(12)}", category,
            random.NextDouble() < 0.04 ? ComplaintSeverity.Serious : ComplaintSeverity.Normal,
            (PreferredResolution)random.Next(0, 5), $"ZW-{random.Next(100000, 999999)}", product);
        var agent = staff[0];
        var csm = staff[1];
        var registeredBy = channel == ComplaintChannel.WebForm ? Actor.Customer : agent;
        var complaint = Complaint.Register(reference, channel, customer, details, receivedAt, registeredBy, receivedAt.AddMinutes(channel == ComplaintChannel.WebForm ? 0 : 10),
            random.NextDouble() < 0.3 ? "ru" : "en");

        // How far the complaint got: open ones stop somewhere before resolution; the rest are closed (or withdrawn).
        var stage = open ? random.Next(0, 4) : 9;
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
        complaint.RecordRootCause(causes[random.Next(causes.Length)], faker.Lorem.Sentence(8), null, agent, Clamp(at.AddHours(random.Next(2, 48)), now));
        if (complaint.EscalationLevel == EscalationLevel.CustomerServiceManager && random.NextDouble() < 0.15)
        {
            complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Unresolved past the level-1 target.", csm, Clamp(at.AddDays(random.Next(1, 10)), now), automatic: random.NextDouble() < 0.5);
            if (random.NextDouble() < 0.2)
            {
                complaint.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the CEO (P-73).", staff[2], Clamp(at.AddDays(random.Next(10, 15)), now));
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
