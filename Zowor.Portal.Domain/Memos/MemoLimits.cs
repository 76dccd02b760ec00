namespace Zowor.Portal.Domain.Memos;

/// <summary>Lengths shared by the domain checks, the forms and the database columns.</summary>
public static class MemoLimits
{
    /// <summary>Longest title.</summary>
    public const int Title = 200;
    /// <summary>Longest memo text (Markdown).</summary>
    public const int Body = 20_000;
}
