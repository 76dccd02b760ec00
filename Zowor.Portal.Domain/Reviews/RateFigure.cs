namespace Zowor.Portal.Domain.Reviews;

/// <summary>A count meeting a definition out of the count it applies to.</summary>
/// <param name="Met">How many meet it.</param>
/// <param name="Counted">How many the figure counts.</param>
public sealed record RateFigure(int Met, int Counted)
{
    /// <summary>Met ÷ counted, or null when nothing is counted.</summary>
    public double? Rate => Counted == 0 ? null : (double)Met / Counted;
}
