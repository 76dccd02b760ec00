namespace Zowor.Portal.Domain.Complaints;

/// <summary>The formal closing of a complaint (P-50).</summary>
/// <param name="At">When (UTC).</param>
/// <param name="ById">User id of who closed it.</param>
/// <param name="ByName">Name of who closed it.</param>
/// <param name="Note">Closing note.</param>
/// <param name="Satisfaction">Customer satisfaction 1–5 when known.</param>
public sealed record Closure(DateTime At, string ById, string ByName, string Note, int? Satisfaction);
