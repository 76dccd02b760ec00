using System.Text.Json.Serialization;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Realtime;

/// <summary>Something open pages may need to show. Serialisable, because other web nodes receive it through Redis.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ComplaintChanged), "complaint")]
[JsonDerivedType(typeof(ComplaintsChanged), "complaints")]
[JsonDerivedType(typeof(UserNotified), "notified")]
[JsonDerivedType(typeof(PresenceSnapshot), "presence")]
[JsonDerivedType(typeof(SettingsChanged), "settings")]
[JsonDerivedType(typeof(MemoChanged), "memo")]
[JsonDerivedType(typeof(CapaChanged), "capa")]
public abstract record LiveEvent;

/// <summary>A complaint changed; enough for a page to decide whether to reload what it shows. No personal data.</summary>
public sealed record ComplaintChanged(
    Guid ComplaintId,
    string Reference,
    ComplaintStatus Status,
    EscalationLevel Level,
    EscalationLevel? PreviousLevel,
    string ChangedById,
    IReadOnlyList<string> Events) : LiveEvent;

/// <summary>
/// Many complaints changed in one go (a bulk action): one event instead of one per complaint, so every open page
/// reloads once and a node relays one message. Subscribers of <see cref="ComplaintChanged"/> that filter for one
/// complaint still hear each change (<see cref="PortalNotifier.Subscribe{TEvent}"/>); pages that reload on any change
/// use <see cref="PortalNotifier.SubscribeToComplaints"/> and reload once per batch.
/// </summary>
public sealed record ComplaintsChanged(IReadOnlyList<ComplaintChanged> Changes, IReadOnlyList<UserNotified> Notifications) : LiveEvent;

/// <summary>A user has a new personal notification (assigned, escalated to them, deadline breached).</summary>
public sealed record UserNotified(string UserId, Guid? ComplaintId, string Reference, string Kind) : LiveEvent;

/// <summary>Who has a case open on one web node; nodes exchange these so presence spans the cluster.</summary>
public sealed record PresenceSnapshot(string NodeId, Guid ComplaintId, IReadOnlyList<Viewer> Viewers) : LiveEvent;

/// <summary>Someone looking at a case.</summary>
public sealed record Viewer(string UserId, string Name);

/// <summary>The set of viewers of a case changed (raised on each node after it applied the change).</summary>
public sealed record PresenceChanged(Guid ComplaintId) : LiveEvent;

/// <summary>An Admin changed the settings; every node reloads them (time zone, thresholds shown in pages).</summary>
public sealed record SettingsChanged : LiveEvent;

/// <summary>
/// A memo was published or acknowledged (P-81): audiences reload their unread count, the author's acknowledgement list
/// reloads. Carries ids and role names only.
/// </summary>
public sealed record MemoChanged(Guid MemoId, MemoChange Change, IReadOnlyList<string> AudienceRoles, string AuthorId, string ChangedById) : LiveEvent;

/// <summary>What happened to a memo.</summary>
public enum MemoChange
{
    Published,
    Acknowledged,
}

/// <summary>
/// A CAPA changed, a recurring-issue alert was raised or handled, or an action became overdue (P-62): the CAPA pages,
/// the case pages that list CAPAs and the navigation badge reload. Ids only.
/// </summary>
public sealed record CapaChanged(Guid? CapaId, string Change, IReadOnlyList<Guid> ComplaintIds, string ChangedById) : LiveEvent;
