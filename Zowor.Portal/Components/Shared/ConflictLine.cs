namespace Zowor.Portal.Components.Shared;

/// <summary>One change saved by someone else since a form was opened, as <see cref="ConflictNotice"/> lists it.</summary>
/// <param name="What">What happened, already in the user's language.</param>
/// <param name="Details">The text saved with it (the colleague's root cause, note or summary).</param>
/// <param name="By">Who saved it.</param>
/// <param name="At">When (UTC).</param>
public sealed record ConflictLine(string What, string? Details, string By, DateTime At);
