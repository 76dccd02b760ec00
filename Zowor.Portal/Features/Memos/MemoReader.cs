namespace Zowor.Portal.Features.Memos;

/// <summary>Someone the memo is for, and when they acknowledged it (null: not yet).</summary>
public sealed record MemoReader(string UserId, string Name, IReadOnlyList<string> Roles, DateTime? AcknowledgedAt);
