using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>What a drift check found: days checked, the days repaired, months repaired, rows changed.</summary>
public sealed record TrendRollupCheck(int Days, IReadOnlyList<DateOnly> FixedDays, int FixedMonths, int FixedRows);
