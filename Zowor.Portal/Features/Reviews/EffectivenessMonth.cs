using Zowor.Portal.Domain.Reviews;

namespace Zowor.Portal.Features.Reviews;

/// <summary>One month's cohort: reopen rate, first-offer acceptance and share resolved by the first estimated date.</summary>
public sealed record EffectivenessMonth(DateOnly Month, RateFigure Reopen, RateFigure FirstOfferAccepted, RateFigure ResolvedByFirstEstimate);
