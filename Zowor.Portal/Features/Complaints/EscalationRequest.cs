using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Complaints;

public sealed record EscalationRequest(EscalationLevel Level, string? Reason, long Version);
