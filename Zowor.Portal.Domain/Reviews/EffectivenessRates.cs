namespace Zowor.Portal.Domain.Reviews;

/// <summary>
/// The definitions of the resolution-effectiveness figures (P-61). Each takes the facts of one cohort — the complaints
/// received in one month — and counts which of them the figure counts and which meet it. The database supplies the
/// facts; the rules live here once, so the page, the tests and the definitions on the page say the same thing.
/// </summary>
public static class EffectivenessRates
{
    /// <summary>
    /// Reopen rate: of the complaints that reached an end (resolved, closed or withdrawn) at least once, the share that
    /// were reopened. A complaint still being worked for the first time is not counted.
    /// </summary>
    public static RateFigure ReopenRate(IEnumerable<ReopenFact> complaints)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        var ended = complaints.Where(c => c.EverEnded || c.Reopened).ToList();
        return new RateFigure(ended.Count(c => c.Reopened), ended.Count);
    }

    /// <summary>
    /// First-offer acceptance rate: of the complaints whose customer answered an offer, the share whose FIRST answer was
    /// an acceptance. A recorded "no answer" is not an answer and is not counted.
    /// </summary>
    /// <param name="answers">Per complaint, its answers to offers in the order given (true = accepted).</param>
    public static RateFigure FirstOfferAcceptance(IEnumerable<IReadOnlyList<bool>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var answered = answers.Where(a => a.Count > 0).ToList();
        return new RateFigure(answered.Count(a => a[0]), answered.Count);
    }

    /// <summary>
    /// Share resolved by the first estimated date (P-21): of the complaints given an estimate, those resolved or whose
    /// FIRST estimated date has passed by <paramref name="today"/> are counted; they meet it when resolved on or before
    /// that date (business calendar). A later revision of the estimate does not move the goal.
    /// </summary>
    public static RateFigure ResolvedByFirstEstimate(IEnumerable<EstimateFact> complaints, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        var counted = complaints
            .Where(c => c.FirstEstimate is { } estimate && (c.ResolvedOn is not null || estimate < today))
            .ToList();
        return new RateFigure(counted.Count(c => c.ResolvedOn <= c.FirstEstimate), counted.Count);
    }

    /// <summary>
    /// One survey answer's satisfaction: the mean of the customer's two scores (outcome and handling, 1–5); null when
    /// either is missing.
    /// </summary>
    public static double? SatisfactionScore(int? outcome, int? handling) =>
        outcome is { } o and >= 1 and <= 5 && handling is { } h and >= 1 and <= 5 ? (o + h) / 2.0 : null;
}
