namespace Zowor.Portal.Domain.Memos;

/// <summary>Lengths shared by the domain checks, the forms and the database columns.</summary>
public static class MemoLimits
{
    /// <summary>In characters: the column length, the form's limit and the domain guard's.</summary>
    public const int Title = 200;
    /// <summary>Longest memo text (Markdown).</summary>
    public const int Body = 20_000;
}
