namespace Zowor.Portal.Domain.Complaints;

/// <summary>What the CEO decided on a level-3 complaint (P-72, P-73).</summary>
public enum CeoDecisionOutcome
{
    /// <summary>The offer made stands.</summary>
    UpholdOffer,
    /// <summary>A better offer is to be made.</summary>
    ImproveOffer,
    /// <summary>The customer gets the full price back.</summary>
    RefundInFull,
    /// <summary>Another decision, described in the text.</summary>
    Other,
}
