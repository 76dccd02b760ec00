namespace Zowor.Portal.Domain.Complaints;

/// <summary>Which CEO outcomes a complaint can take: an offer can only be upheld when one was made.</summary>
public static class CeoDecisionOutcomes
{
    /// <summary>The outcomes open to the CEO on a complaint with or without an offer made.</summary>
    /// <param name="offerMade">Whether a resolution has been offered to the customer.</param>
    /// <returns>Every outcome, without "uphold the offer" when there is none.</returns>
    public static IReadOnlyList<CeoDecisionOutcome> For(bool offerMade) =>
        [.. Enum.GetValues<CeoDecisionOutcome>().Where(o => offerMade || o != CeoDecisionOutcome.UpholdOffer)];
}
