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
