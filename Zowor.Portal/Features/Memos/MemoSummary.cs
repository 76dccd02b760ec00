namespace Zowor.Portal.Features.Memos;

public sealed record MemoSummary(Guid Id, string Title, DateOnly EffectiveOn, DateTime PublishedAt, string AuthorName, bool IsForMe, bool AcknowledgedByMe, bool IsMine);
