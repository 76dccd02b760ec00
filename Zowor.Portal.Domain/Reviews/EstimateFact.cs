namespace Zowor.Portal.Domain.Reviews;

/// <summary>What the first-estimate share needs to know of one complaint.</summary>
/// <param name="FirstEstimate">The first estimated resolution date given at acknowledgement.</param>
/// <param name="ResolvedOn">The business day it was resolved, if it is.</param>
public sealed record EstimateFact(DateOnly? FirstEstimate, DateOnly? ResolvedOn);
