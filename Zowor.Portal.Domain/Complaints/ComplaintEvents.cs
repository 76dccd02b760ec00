using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>Raised once, by <see cref="Complaint.Register"/>, before the complaint is first saved.</summary>
public sealed record ComplaintRegistered(Guid ComplaintId, string Reference, DateTime OccurredAt) : IDomainEvent;

/// <summary>A complaint's status moved.</summary>
public sealed record ComplaintStatusChanged(Guid ComplaintId, ComplaintStatus From, ComplaintStatus To, DateTime OccurredAt) : IDomainEvent;

/// <summary>Raised on every assignment, with the new owner's Identity user id.</summary>
public sealed record ComplaintAssigned(Guid ComplaintId, string OwnerId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A complaint rose to a higher escalation level.</summary>
public sealed record ComplaintEscalated(Guid ComplaintId, EscalationLevel From, EscalationLevel To, bool Automatic, DateTime OccurredAt) : IDomainEvent;

/// <summary>Something else about a complaint was recorded (evidence, interview, root cause, answer, contact).</summary>
public sealed record ComplaintUpdated(Guid ComplaintId, string Kind, DateTime OccurredAt) : IDomainEvent;

/// <summary>A deadline rule flagged the complaint (warning, breach, update due); Kind is a <see cref="ComplaintHistoryKinds"/> value.</summary>
public sealed record ComplaintDeadlineFlagged(Guid ComplaintId, string Kind, DateTime OccurredAt) : IDomainEvent;

/// <summary>Staff wrote a reply for the customer; the web app e-mails it with this subject (null: the standard one) and text.</summary>
public sealed record CustomerReplyWritten(Guid ComplaintId, string? Subject, string Text, DateTime OccurredAt) : IDomainEvent;

/// <summary>The complaint was withdrawn as a duplicate of the primary, whose reference the customer now follows.</summary>
public sealed record ComplaintMarkedDuplicate(Guid ComplaintId, Guid PrimaryId, string PrimaryReference, DateTime OccurredAt) : IDomainEvent;
