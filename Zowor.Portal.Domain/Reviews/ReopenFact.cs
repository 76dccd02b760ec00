namespace Zowor.Portal.Domain.Reviews;

/// <summary>What the reopen rate needs to know of one complaint.</summary>
/// <param name="EverEnded">Whether it is (or was) resolved, closed or withdrawn.</param>
/// <param name="Reopened">Whether it was ever reopened.</param>
public sealed record ReopenFact(bool EverEnded, bool Reopened);
