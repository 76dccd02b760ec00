namespace Zowor.Portal.Features.Complaints;

public sealed record QueueResult(IReadOnlyList<QueueRow> Rows, int Total);
