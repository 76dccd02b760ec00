using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends.Rollups;

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

    /// <summary>How many values a repeat-customer row binds.</summary>
    internal const int Width = 8;

    /// <summary>Writes a repeat-customer row's values into <paramref name="v"/> from <paramref name="at"/>, in its upsert's column order.</summary>
    internal static void Fill(RepeatCustomerRollup r, object[] v, int at)
    {
        (v[at], v[at + 1], v[at + 2], v[at + 3]) = (r.Category, r.Channel, r.Product, r.Prior);
        (v[at + 4], v[at + 5], v[at + 6], v[at + 7]) = (r.Span, r.Day, r.PriorDay, r.Count);
    }

    /// <summary>
    /// SQL Server's MERGE of <paramref name="rows"/> (adds each count to the stored row, creating it), with <c>{n}</c>
    /// placeholders (SQLite upserts row by row, <see cref="SqliteUpsert"/>).
    /// </summary>
    internal static (string Sql, object[] Parameters) UpsertCommand(IReadOnlyList<RepeatCustomerRollup> rows)
    {
        var values = new StringBuilder();
        var parameters = new object[rows.Count * Width];
        for (var i = 0; i < rows.Count; i++)
        {
            var p = i * Width;
            Fill(rows[i], parameters, p);
            values.Append(i == 0 ? "(" : ", (");
            values.AppendJoin(", ", Enumerable.Range(p, Width).Select(n => "{" + n.ToString(CultureInfo.InvariantCulture) + "}"));
            values.Append(')');
        }

        // HOLDLOCK: two transactions adding to a row neither has yet cannot both insert it.
        var sql = $"MERGE [RepeatCustomerRollups] WITH (HOLDLOCK) AS t USING (VALUES {values}) AS s([Category], [Channel], [Product], [Prior], [Span], [Day], [PriorDay], [Count]) " +
              "ON t.[Category] = s.[Category] AND t.[Channel] = s.[Channel] AND t.[Product] = s.[Product] AND t.[Prior] = s.[Prior] AND t.[Span] = s.[Span] " +
              "AND t.[Day] = s.[Day] AND t.[PriorDay] = s.[PriorDay] " +
              "WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count] " +
              "WHEN NOT MATCHED THEN INSERT ([Category], [Channel], [Product], [Prior], [Span], [Day], [PriorDay], [Count]) " +
              "VALUES (s.[Category], s.[Channel], s.[Product], s.[Prior], s.[Span], s.[Day], s.[PriorDay], s.[Count]);";
        return (sql, parameters);
    }

    private const string Columns = "\"Category\", \"Channel\", \"Product\", \"Prior\", \"Span\", \"Day\", \"PriorDay\"";

    /// <summary>SQLite's upsert of the rows in <paramref name="values"/> (one or more parenthesised VALUES lists).</summary>
    internal static string SqliteUpsert(StringBuilder values) =>
        $"INSERT INTO \"RepeatCustomerRollups\" ({Columns}, \"Count\") VALUES {values} " +
        $"ON CONFLICT ({Columns}) DO UPDATE SET \"Count\" = \"Count\" + excluded.\"Count\";";
}
