using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Training;

namespace Zowor.Portal.Features.Trends;

/// <summary>Every figure of the trends dashboard for one <see cref="TrendFilter"/> (P-60, P-61, P-90).</summary>
public sealed record TrendReport(
    TrendFilter Filter,
    int Received,
    IReadOnlyList<CountRow> ByMonth,
    IReadOnlyList<CountRow> ByCategory,
    IReadOnlyList<CountRow> ByChannel,
    IReadOnlyList<CountRow> ByProduct,
    IReadOnlyList<ParetoRow> RootCauses,
    int Acknowledged,
    AcknowledgementFigure Within24Hours,
    DurationFigures HoursToAcknowledge,
    DurationFigures HoursToResolve,
    IReadOnlyList<CountRow> ByEscalationLevel,
    IReadOnlyList<CountRow> ResolutionMix,
    IReadOnlyList<RefundTotal> Refunds,
    RepeatFigures Repeat,
    SatisfactionFigures Satisfaction,
    MemoAcknowledgementFigures Memos,
    TrainingComplianceFigures Training,
    CapaFigures Capa,
    FirstEstimateFigures FirstEstimate)
{
    /// <summary>
    /// P-20 by <see cref="AcknowledgementTarget"/>: met ÷ (met + missed), a complaint still unacknowledged past its deadline
    /// being a miss; null with none counted.
    /// </summary>
    public double? AcknowledgedWithin24HoursRate => Within24Hours.Rate;

    /// <summary>Share of the complaints received that reached level 2 or higher (levels only rise).</summary>
    public double? EscalatedToLevel2Rate => Rate(ByEscalationLevel.Where(r => r.Key is "2" or "3").Sum(r => r.Count));

    /// <summary>Share of the complaints received that reached the CEO (level 3).</summary>
    public double? EscalatedToLevel3Rate => Rate(ByEscalationLevel.Where(r => r.Key == "3").Sum(r => r.Count));

    private double? Rate(int count) => Received == 0 ? null : (double)count / Received;
}

/// <summary>One bar of a breakdown: a key (month <c>yyyy-MM</c>, category code, enum name or level) and a count.</summary>
public sealed record CountRow(string Key, int Count);

/// <summary>A Pareto bar: the count of one root cause and the cumulative share up to and including it (0–1).</summary>
public sealed record ParetoRow(string Key, int Count, double CumulativeShare);

/// <summary>Refunds paid in one currency (amounts are never added across currencies).</summary>
public sealed record RefundTotal(string Currency, decimal Amount, int Refunds);

/// <summary>Median and 90th percentile of a duration in hours over <see cref="Count"/> complaints; null when none.</summary>
public sealed record DurationFigures(int Count, double? Median, double? Percentile90);

/// <summary>
/// Repeat complaints: a customer is identified by e-mail address, or by phone number when there is no e-mail (both are
/// normalised when registered; anonymised complaints have neither and are left out). A repeat customer has more than
/// one complaint received in the period; the rate is repeat customers over all identified customers.
/// </summary>
public sealed record RepeatFigures(int Customers, int RepeatCustomers, int ComplaintsFromRepeatCustomers)
{
    public double? Rate => Customers == 0 ? null : (double)RepeatCustomers / Customers;
}

/// <summary>The satisfaction survey (P-01) for the period's complaints: surveys sent, answered, and the average scores (1–5).</summary>
public sealed record SatisfactionFigures(int Sent, int Answered, double? AverageOutcome, double? AverageHandling)
{
    public double? ResponseRate => Sent == 0 ? null : (double)Answered / Sent;
}

/// <summary>Open and overdue corrective/preventive actions (P-62); <see cref="Connected"/> is false until CAPA tracking is plugged in.</summary>
public sealed record CapaFigures(bool Connected, int Open, int Overdue);

/// <summary>
/// P-21: resolved complaints with an estimate, and how many of them were resolved on or before the business day of the
/// FIRST estimated resolution date given at acknowledgement.
/// </summary>
public sealed record FirstEstimateFigures(int Resolved, int ByFirstEstimate)
{
    public double? Rate => Resolved == 0 ? null : (double)ByFirstEstimate / Resolved;
}
