namespace Zowor.Portal.Features.Complaints;

/// <summary>One change saved since the version a request sent (a timeline entry), in a 409 answer.</summary>
public sealed record ConflictChange(string Kind, string By, DateTime At, string? Before, string? After, string? Details);
