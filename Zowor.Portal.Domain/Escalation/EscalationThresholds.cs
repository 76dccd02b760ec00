
namespace Zowor.Portal.Domain.Escalation;

/// <summary>The thresholds of the automatic escalation rules (P-71, P-72).</summary>
/// <param name="Level1ResolutionTarget">How long level 1 has from receipt before the complaint goes to level 2.</param>
/// <param name="Level2ResolutionTarget">How long level 2 has from its escalation before the complaint goes to level 3.</param>
public sealed record EscalationThresholds(TimeSpan Level1ResolutionTarget, TimeSpan Level2ResolutionTarget);
