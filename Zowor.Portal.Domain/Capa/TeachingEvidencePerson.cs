namespace Zowor.Portal.Domain.Capa;

/// <summary>One person a teaching action needs, and when they acknowledged the memo or completed the course.</summary>
/// <param name="UserId">The staff member.</param>
/// <param name="Name">Their name.</param>
/// <param name="DoneAt">When (UTC; a course completion counts from the start of its day), or null.</param>
public sealed record TeachingEvidencePerson(string UserId, string Name, DateTime? DoneAt);
