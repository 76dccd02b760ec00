using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>One line of a complaint's stored timeline, compared by value.</summary>
public sealed record TimelineEntry(DateTime At, string ActorId, string ActorName, string Kind, string? Before, string? After, string? Details)
{
    /// <summary>The timeline in the order it was written (the entry key is the order).</summary>
    public static IReadOnlyList<TimelineEntry> Of(Complaint complaint) =>
        complaint.History.OrderBy(h => h.Id).Select(h => new TimelineEntry(h.At, h.ActorId, h.ActorName, h.Kind, h.Before, h.After, h.Details)).ToList();
}
