namespace Zowor.Portal.Features.Complaints;

/// <summary>What happened to one complaint of a bulk action.</summary>
public enum BulkOutcome
{
    Done,

    /// <summary>Someone else changed the complaint after the list was loaded; nothing was saved on it.</summary>
    Conflict,

    /// <summary>The complaint's rules refused the action (e.g. already at that level); nothing was saved on it.</summary>
    Refused,
}
