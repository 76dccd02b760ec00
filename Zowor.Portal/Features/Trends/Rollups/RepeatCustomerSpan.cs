using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zowor.Portal.Features.Trends.Rollups;

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
