using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>
/// The repeat-customer rollup (issue 21). A customer's complaints do not add up per day (the same customer in two days is
/// one customer over both), so this table counts the complaints with a customer (e-mail or phone) by business day
/// (<see cref="Prior"/> 0), and each complaint that has one by its day <em>and the day of the same customer's previous
/// complaint</em> (<see cref="Prior"/> 1) or of the one before that (<see cref="Prior"/> 2), within the filter's grain (the
/// customer's complaints of that category, channel and product). For a period [a, b], with n the complaints in it:
/// <list type="bullet">
/// <item>customers = n − the complaints in [a, b] whose previous complaint is on or after a (all but each customer's first);</item>
/// <item>customers + repeat customers = n − those whose complaint-before-previous is on or after a (all but the first two);</item>
/// <item>complaints of repeat customers = n − (customers with exactly one).</item>
/// </list>
/// Both days are kept at two precisions (<see cref="RepeatCustomerSpan"/>): a day or its month, so that "in [a, b]" is whole
/// months plus the days at either end, and "before a" is whole months before a's month plus the days of a's month before a;
/// any period is then a few thousand rows whatever the number of complaints. Eight grains (every subset of category, channel
/// and product), so any filter of the dashboard reads one grain. Kept by <see cref="TrendRollupWriter"/> in the same
/// transaction as each save, recomputing the whole complaint chain of every customer the save touches (a change to one
/// complaint moves its successors' "previous"); rebuilt and checked by <see cref="TrendRollupStore"/> with the same
/// <see cref="RepeatCustomerChains"/>.
/// </summary>
public sealed class RepeatCustomerRollup
{
    /// <summary>The category code; "" in the grains without category.</summary>
    public string Category { get; set; } = TrendRollupGrain.All;

    /// <summary>The channel as a number; <see cref="TrendRollupGrain.AnyChannel"/> in the grains without channel.</summary>
    public int Channel { get; set; } = TrendRollupGrain.AnyChannel;

    /// <summary>"#id" or "=spelling" (<see cref="TrendRollupSource.ProductRef"/>); "" in the grains without product.</summary>
    public string Product { get; set; } = TrendRollupGrain.All;

    /// <summary>0: complaints counted by day; 1: <see cref="PriorDay"/> is the customer's previous complaint's; 2: the one before it.</summary>
    public int Prior { get; set; }

    /// <summary><see cref="RepeatCustomerSpan"/>: whether <see cref="Day"/> and <see cref="PriorDay"/> are days or their months.</summary>
    public int Span { get; set; }

    /// <summary>The complaint's business day (<see cref="DateOnly.DayNumber"/>), or its month's first day.</summary>
    public int Day { get; set; }

    /// <summary>The prior complaint's business day or month's first day; <see cref="RepeatCustomerSpan.None"/> (0) in the prior-0 rows.</summary>
    public int PriorDay { get; set; }

    public long Count { get; set; }
}

/// <summary>The precision of <see cref="RepeatCustomerRollup.Day"/> × <see cref="RepeatCustomerRollup.PriorDay"/>.</summary>
public static class RepeatCustomerSpan
{
    public const int DayDay = 0;
    public const int MonthMonth = 1;
    public const int DayMonth = 2;
    public const int MonthDay = 3;

    /// <summary>The <see cref="RepeatCustomerRollup.PriorDay"/> of the prior-0 rows (complaints by day, of span DayDay or MonthMonth).</summary>
    public const int None = 0;
}

/// <summary>The primary key of a <see cref="RepeatCustomerRollup"/> row.</summary>
public readonly record struct RepeatCustomerKey(string Category, int Channel, string Product, int Prior, int Span, int Day, int PriorDay);

/// <summary>What the repeat-customer rollup reads of a complaint.</summary>
public sealed class RepeatCustomerSource
{
    public Guid Id { get; init; }
    public DateTime ReceivedAt { get; init; }
    public string CategoryCode { get; init; } = string.Empty;
    public ComplaintChannel Channel { get; init; }
    public long? ProductId { get; init; }
    public string? Product { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>The customer as the row-based figures group them (<see cref="TrendQueries.ComplaintsPerCustomer"/>): e-mail, else phone.</summary>
    public string? CustomerKey => Email ?? Phone;

    public static IQueryable<RepeatCustomerSource> Of(IQueryable<Complaint> complaints) =>
        complaints.Select(c => new RepeatCustomerSource
        {
            Id = c.Id,
            ReceivedAt = c.ReceivedAt,
            CategoryCode = c.CategoryCode,
            Channel = c.Channel,
            ProductId = c.ProductId,
            Product = c.Product,
            Email = c.Customer.Email,
            Phone = c.Customer.Phone,
        });

    /// <summary>The complaints of customers <paramref name="keys"/> (in chunks: a filter of the rows, then the key in memory).</summary>
    public static async Task<List<RepeatCustomerSource>> OfCustomersAsync(IQueryable<Complaint> complaints, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var all = new List<RepeatCustomerSource>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            // Either index (e-mail, phone) answers its half; a phone that is another customer's key only when it has no e-mail is dropped below.
            var rows = await Of(complaints.Where(c => chunk.Contains(c.Customer.Email) || chunk.Contains(c.Customer.Phone))).ToListAsync(cancellationToken);
            var set = chunk.ToHashSet(StringComparer.Ordinal);
            all.AddRange(rows.Where(r => r.CustomerKey is { } key && set.Contains(key)));
        }

        return [.. all.DistinctBy(r => r.Id)];
    }
}

/// <summary>
/// The one definition of the repeat-customer rows: for one or more customers' complaints (all of each customer's), every
/// grain's chain of complaints in received order, each complaint counted by its day and its previous (and second previous)
/// complaint's day in four precisions.
/// </summary>
public static class RepeatCustomerChains
{
    private static readonly (bool Category, bool Channel, bool Product)[] Grains =
        [.. from category in new[] { false, true } from channel in new[] { false, true } from product in new[] { false, true } select (category, channel, product)];

    /// <summary>Adds <paramref name="sign"/> × the rows of <paramref name="complaints"/> (whole customers) to <paramref name="into"/>.</summary>
    public static void Contribute(IEnumerable<RepeatCustomerSource> complaints, TimeZoneInfo zone, int sign, Dictionary<RepeatCustomerKey, long> into)
    {
        var keyed = complaints.Where(c => c.CustomerKey is not null)
            .Select(c => (Source: c, Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(c.ReceivedAt, DateTimeKind.Utc), zone)), Product: ProductRef(c)))
            .OrderBy(c => c.Source.ReceivedAt).ThenBy(c => c.Source.Id).ToList();
        foreach (var grain in Grains)
        {
            var last = new Dictionary<(string Customer, string Category, int Channel, string Product), (DateOnly? Previous, DateOnly? BeforePrevious)>();
            foreach (var (source, day, product) in keyed)
            {
                if (grain.Product && product is null)
                {
                    continue;
                }

                var cell = (grain.Category ? source.CategoryCode : TrendRollupGrain.All, grain.Channel ? (int)source.Channel : TrendRollupGrain.AnyChannel,
                    grain.Product ? product! : TrendRollupGrain.All);
                var chain = (source.CustomerKey!, cell.Item1, cell.Item2, cell.Item3);
                var (previous, beforePrevious) = last.GetValueOrDefault(chain);
                Add(into, cell, 0, day, null, sign);
                Add(into, cell, 1, day, previous, sign);
                Add(into, cell, 2, day, beforePrevious, sign);
                last[chain] = (day, previous);
            }
        }
    }

    private static void Add(Dictionary<RepeatCustomerKey, long> into, (string Category, int Channel, string Product) cell, int prior, DateOnly day, DateOnly? priorDay, int sign)
    {
        var month = Month(day).DayNumber;
        if (prior == 0)
        {
            Bump(new(cell.Category, cell.Channel, cell.Product, 0, RepeatCustomerSpan.DayDay, day.DayNumber, RepeatCustomerSpan.None));
            Bump(new(cell.Category, cell.Channel, cell.Product, 0, RepeatCustomerSpan.MonthMonth, month, RepeatCustomerSpan.None));
            return;
        }

        if (priorDay is not { } p)
        {
            return; // no prior: counted by the prior-0 rows only
        }

        var priorMonth = Month(p).DayNumber;
        Bump(new(cell.Category, cell.Channel, cell.Product, prior, RepeatCustomerSpan.DayDay, day.DayNumber, p.DayNumber));
        Bump(new(cell.Category, cell.Channel, cell.Product, prior, RepeatCustomerSpan.MonthMonth, month, priorMonth));
        Bump(new(cell.Category, cell.Channel, cell.Product, prior, RepeatCustomerSpan.DayMonth, day.DayNumber, priorMonth));
        Bump(new(cell.Category, cell.Channel, cell.Product, prior, RepeatCustomerSpan.MonthDay, month, p.DayNumber));

        void Bump(RepeatCustomerKey key) => into[key] = into.GetValueOrDefault(key) + sign;
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static string? ProductRef(RepeatCustomerSource c) =>
        c.ProductId is { } id ? "#" + id.ToString(CultureInfo.InvariantCulture) : c.Product is null ? null : "=" + c.Product;

    /// <summary>The rows with a non-zero count.</summary>
    public static IEnumerable<RepeatCustomerRollup> Rows(Dictionary<RepeatCustomerKey, long> delta) =>
        delta.Where(d => d.Value != 0).Select(d => new RepeatCustomerRollup
        {
            Category = d.Key.Category, Channel = d.Key.Channel, Product = d.Key.Product, Prior = d.Key.Prior, Span = d.Key.Span,
            Day = d.Key.Day, PriorDay = d.Key.PriorDay, Count = d.Value,
        });

    public static RepeatCustomerKey KeyOf(RepeatCustomerRollup r) => new(r.Category, r.Channel, r.Product, r.Prior, r.Span, r.Day, r.PriorDay);

    /// <summary>The upsert of <paramref name="rows"/> (adds each count to the stored row, creating it), with <c>{n}</c> placeholders.</summary>
    internal static (string Sql, object[] Parameters) UpsertCommand(bool sqlServer, IReadOnlyList<RepeatCustomerRollup> rows)
    {
        var values = new StringBuilder();
        var parameters = new object[rows.Count * 8];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var p = i * 8;
            (parameters[p], parameters[p + 1], parameters[p + 2], parameters[p + 3]) = (r.Category, r.Channel, r.Product, r.Prior);
            (parameters[p + 4], parameters[p + 5], parameters[p + 6], parameters[p + 7]) = (r.Span, r.Day, r.PriorDay, r.Count);
            values.Append(i == 0 ? "(" : ", (");
            values.AppendJoin(", ", Enumerable.Range(p, 8).Select(n => "{" + n.ToString(CultureInfo.InvariantCulture) + "}"));
            values.Append(')');
        }

        const string columns = "\"Category\", \"Channel\", \"Product\", \"Prior\", \"Span\", \"Day\", \"PriorDay\"";
        var sql = sqlServer
            // HOLDLOCK: two transactions adding to a row neither has yet cannot both insert it.
            ? $"MERGE [RepeatCustomerRollups] WITH (HOLDLOCK) AS t USING (VALUES {values}) AS s([Category], [Channel], [Product], [Prior], [Span], [Day], [PriorDay], [Count]) " +
              "ON t.[Category] = s.[Category] AND t.[Channel] = s.[Channel] AND t.[Product] = s.[Product] AND t.[Prior] = s.[Prior] AND t.[Span] = s.[Span] " +
              "AND t.[Day] = s.[Day] AND t.[PriorDay] = s.[PriorDay] " +
              "WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count] " +
              "WHEN NOT MATCHED THEN INSERT ([Category], [Channel], [Product], [Prior], [Span], [Day], [PriorDay], [Count]) " +
              "VALUES (s.[Category], s.[Channel], s.[Product], s.[Prior], s.[Span], s.[Day], s.[PriorDay], s.[Count]);"
            : $"INSERT INTO \"RepeatCustomerRollups\" ({columns}, \"Count\") VALUES {values} " +
              $"ON CONFLICT ({columns}) DO UPDATE SET \"Count\" = \"Count\" + excluded.\"Count\";";
        return (sql, parameters);
    }
}

internal sealed class RepeatCustomerRollupConfiguration : IEntityTypeConfiguration<RepeatCustomerRollup>
{
    public void Configure(EntityTypeBuilder<RepeatCustomerRollup> builder)
    {
        builder.ToTable("RepeatCustomerRollups");
        // The key leads with the grain, then what the reader ranges over: one grain's rows of a prior and a precision by day.
        builder.HasKey(r => new { r.Category, r.Channel, r.Product, r.Prior, r.Span, r.Day, r.PriorDay });
        builder.Property(r => r.Category).HasMaxLength(ComplaintLimits.Category);
        builder.Property(r => r.Product).HasMaxLength(ComplaintLimits.Product + 1);
        // The drift check compares one business day's (or month's) rows of every grain.
        builder.HasIndex(r => new { r.Span, r.Day }).HasDatabaseName("IX_RepeatCustomerRollups_Span_Day");
    }
}
