using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Search;

/// <summary>A complaint found; <paramref name="ByReferenceOrContact"/> when its reference, customer or order matched (ranked first).</summary>
public sealed record SearchHit(Guid Id, string Reference, DateTime ReceivedAt, string CustomerName, string Subject, ComplaintStatus Status,
    EscalationLevel Level, bool ByReferenceOrContact);
