namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// A user's own named queue view: a list page and the filter's query string (<see cref="QueueFilter.ToQueryString"/>),
/// so the view opens exactly as a shared link would. Only its owner sees, renames or deletes it.
/// </summary>
public sealed class SavedQueueView
{
    public const int NameLength = 60;

    /// <summary>The most views one user keeps (the row of chips stays readable).</summary>
    public const int MaxPerUser = 30;

    public Guid Id { get; init; } = Guid.NewGuid();
    public required string UserId { get; init; }
    public required string Name { get; set; }

    /// <summary>The list page it belongs to: <c>queue</c> or <c>escalations</c>.</summary>
    public required string PagePath { get; init; }
    public required string Query { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>The link that opens the view.</summary>
    public string Link => Query.Length > 0 ? $"{PagePath}?{Query}" : PagePath;
}
