using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends;

/// <summary>
/// Which complaints a trend figure covers: those received from <see cref="From"/> to <see cref="To"/> (both days included,
/// business calendar), optionally of one category, channel and product.
/// </summary>
public sealed record TrendFilter(DateOnly From, DateOnly To, string? CategoryCode = null, ComplaintChannel? Channel = null, string? Product = null)
{
    /// <summary>The last <paramref name="months"/> whole months up to and including the current one.</summary>
    public static TrendFilter LastMonths(DateOnly today, int months)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        return new TrendFilter(thisMonth.AddMonths(1 - months), today);
    }

    /// <summary>The month of <paramref name="today"/> up to today.</summary>
    public static TrendFilter MonthToDate(DateOnly today) => new(new DateOnly(today.Year, today.Month, 1), today);

    /// <summary>The filter as a query string (<c>from=…&amp;to=…</c>) for the CSV links.</summary>
    public string ToQueryString()
    {
        var parts = new List<string> { $"from={From:yyyy-MM-dd}", $"to={To:yyyy-MM-dd}" };
        if (!string.IsNullOrEmpty(CategoryCode))
        {
            parts.Add("category=" + Uri.EscapeDataString(CategoryCode));
        }

        if (Channel is { } channel)
        {
            parts.Add("channel=" + channel);
        }

        if (!string.IsNullOrEmpty(Product))
        {
            parts.Add("product=" + Uri.EscapeDataString(Product));
        }

        return string.Join('&', parts);
    }
}
