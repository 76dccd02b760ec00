
namespace Zowor.Portal.Domain.Escalation;

/// <summary>An escalation a rule calls for: the level, why, and when it became due.</summary>
public sealed record EscalationDecision(EscalationLevel To, string Reason, DateTime DueAt);
