namespace Zowor.Portal.Domain.Escalation;

/// <summary>The order of the levels (P-70 to P-72), for whoever escalates by hand.</summary>
public static class EscalationLevels
{
    /// <summary>The level an escalation from <paramref name="current"/> goes to by default: one up, the CEO being the top.</summary>
    public static EscalationLevel Next(EscalationLevel current) =>
        current < EscalationLevel.ChiefExecutive ? current + 1 : EscalationLevel.ChiefExecutive;

    /// <summary>The levels an escalation from <paramref name="current"/> may go to, lowest first (none from the top).</summary>
    public static IReadOnlyList<EscalationLevel> Above(EscalationLevel current) =>
        Enum.GetValues<EscalationLevel>().Where(l => l > current).ToArray();
}
