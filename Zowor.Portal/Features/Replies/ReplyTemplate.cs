namespace Zowor.Portal.Features.Replies;

/// <summary>
/// An admin-managed reply for staff to start from (P-41), in English and Russian, with placeholders
/// (<see cref="ReplyPlaceholders"/>) filled in for the complaint when staff pick it. Inactive templates are kept
/// but no longer offered.
/// </summary>
public sealed class ReplyTemplate
{
    public const int MaxNameLength = 100;

    public int Id { get; init; }
    public required string Name { get; set; }
    public required string SubjectEn { get; set; }
    public required string BodyEn { get; set; }
    public required string SubjectRu { get; set; }
    public required string BodyRu { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAt { get; set; }

    /// <summary>The subject and body in a language (<c>ru</c> or anything else for English).</summary>
    public (string Subject, string Body) In(string? language) => language == "ru" ? (SubjectRu, BodyRu) : (SubjectEn, BodyEn);
}
