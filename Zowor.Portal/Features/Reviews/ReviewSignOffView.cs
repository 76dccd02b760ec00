namespace Zowor.Portal.Features.Reviews;

/// <summary>Who signed a pack off for which role, and when (UTC).</summary>
public sealed record ReviewSignOffView(string Role, string SignedByName, DateTime SignedAt);
