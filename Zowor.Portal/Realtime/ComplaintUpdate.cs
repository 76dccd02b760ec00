namespace Zowor.Portal.Realtime;

/// <summary>A complaint change as hub clients see it (no personal data).</summary>
public sealed record ComplaintUpdate(Guid ComplaintId, string Reference, string Status, int Level, int? PreviousLevel, IReadOnlyList<string> Events);
