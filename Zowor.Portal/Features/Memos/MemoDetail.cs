namespace Zowor.Portal.Features.Memos;

public sealed record MemoDetail(
    Guid Id,
    string Title,
    string BodyHtml,
    IReadOnlyList<string> AudienceRoles,
    DateOnly EffectiveOn,
    DateTime PublishedAt,
    string AuthorName,
    bool IsForMe,
    DateTime? AcknowledgedByMeAt,
    bool IsMine,
    IReadOnlyList<MemoReader>? Readers);
