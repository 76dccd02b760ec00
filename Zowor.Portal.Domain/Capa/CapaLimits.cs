namespace Zowor.Portal.Domain.Capa;

/// <summary>Lengths and ranges shared by the domain checks, the forms and the database columns.</summary>
public static class CapaLimits
{
    /// <summary>In characters: the column length, the form's limit and the domain guard's.</summary>
    public const int Title = 200;
    /// <summary>Longest problem statement, why answer, fishbone note, criterion or decision note.</summary>
    public const int Text = 4000;
    /// <summary>
    /// In characters; also bounds the memo title and course name a memo or training action is written from.
    /// </summary>
    public const int ActionDescription = 1000;
    /// <summary>
    /// In characters: every name a CAPA copies (opener, action owner, history actor, signer, decision maker,
    /// dismisser).
    /// </summary>
    public const int Person = 200;
    /// <summary>At most five Whys.</summary>
    public const int MaxWhys = 5;
    /// <summary>Lowest severity or likelihood.</summary>
    public const int MinScore = 1;
    /// <summary>Highest severity or likelihood.</summary>
    public const int MaxScore = 5;
    /// <summary>Shortest effectiveness window (days).</summary>
    public const int MinWindowDays = 7;
    /// <summary>Longest effectiveness window (days).</summary>
    public const int MaxWindowDays = 365;
    /// <summary>Default effectiveness window (days).</summary>
    public const int DefaultWindowDays = 90;
    /// <summary>Longest product name (as on complaints).</summary>
    public const int Product = 200;
    /// <summary>Longest category code (as on complaints).</summary>
    public const int Category = 64;
}
