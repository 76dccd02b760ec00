namespace Zowor.Portal.Domain.Memos;

/// <summary>One staff member's confirmation that they read a memo (P-81 evidence).</summary>
public sealed class MemoAcknowledgement
{
    private MemoAcknowledgement()
    {
    }

    internal MemoAcknowledgement(Guid memoId, string userId, string userName, DateTime at)
    {
        MemoId = memoId;
        UserId = userId;
        UserName = userName;
        At = at;
    }

    /// <summary>Database-generated; 0 until the acknowledgement is first saved.</summary>
    public long Id { get; private set; }

    /// <summary>The memo acknowledged.</summary>
    public Guid MemoId { get; private set; }

    /// <summary>The staff member who acknowledged.</summary>
    public string UserId { get; private set; } = string.Empty;

    /// <summary>Display name at the time, so the record reads without joins.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>When (UTC).</summary>
    public DateTime At { get; private set; }
}
