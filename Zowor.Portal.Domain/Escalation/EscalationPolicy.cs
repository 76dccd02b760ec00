using System.Globalization;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Domain.Escalation;

/// <summary>
/// The automatic escalation rules as a pure function of a complaint's facts and the time: a serious complaint belongs at
/// level 2 (P-71); an unresolved one past the level-1 target goes to level 2 (P-71); one past the level-2 target after its
/// escalation goes to level 3 (P-72). Applied repeatedly until it returns null, it replays missed steps in order.
/// </summary>
public static class EscalationPolicy
{
    /// <summary>The next escalation due at <paramref name="now"/>, or null when none is.</summary>
    public static EscalationDecision? Next(Complaint complaint, DateTime now, EscalationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (!complaint.IsUnresolved)
        {
            return null;
        }

        switch (complaint.EscalationLevel)
        {
            case EscalationLevel.CustomerServiceManager when complaint.Severity == ComplaintSeverity.Serious:
                return new EscalationDecision(EscalationLevel.ChiefCustomerOfficer, "Serious complaint: handled by the Chief Customer Officer (P-71).", complaint.RegisteredAt);
            case EscalationLevel.CustomerServiceManager when complaint.ClockStartedAt + thresholds.Level1ResolutionTarget <= now:
                return new EscalationDecision(
                    EscalationLevel.ChiefCustomerOfficer,
                    string.Format(CultureInfo.InvariantCulture,
                        complaint.ReopenedAt is null ? "Unresolved {0:0.#} days after receipt: past the level-1 target (P-71)." : "Unresolved {0:0.#} days after the reopening: past the level-1 target (P-71).",
                        thresholds.Level1ResolutionTarget.TotalDays),
                    complaint.ClockStartedAt + thresholds.Level1ResolutionTarget);
            case EscalationLevel.ChiefCustomerOfficer when complaint.EscalatedAt is { } escalatedAt && Level2Start(complaint, escalatedAt) + thresholds.Level2ResolutionTarget <= now:
                return new EscalationDecision(
                    EscalationLevel.ChiefExecutive,
                    string.Format(CultureInfo.InvariantCulture,
                        Level2Start(complaint, escalatedAt) == escalatedAt ? "Unresolved {0:0.#} days after escalation to the Chief Customer Officer (P-72)." : "Unresolved {0:0.#} days after the reopening at the Chief Customer Officer (P-72).",
                        thresholds.Level2ResolutionTarget.TotalDays),
                    Level2Start(complaint, escalatedAt) + thresholds.Level2ResolutionTarget);
            default:
                return null;
        }
    }

    /// <summary>The level-2 target counts from the escalation, or from a later reopening (the complaint kept its level).</summary>
    public static DateTime Level2Start(Complaint complaint, DateTime escalatedAt)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.ReopenedAt is { } reopened && reopened > escalatedAt ? reopened : escalatedAt;
    }
}
