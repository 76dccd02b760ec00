using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Complaints;

public sealed record ComplaintState(Guid Id, string Reference, ComplaintStatus Status, EscalationLevel Level, long Version);
