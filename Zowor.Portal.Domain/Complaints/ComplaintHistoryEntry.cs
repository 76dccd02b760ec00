using System.Globalization;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// One line of the append-only audit trail: who did what when, with the value before and after.
/// Entries are only ever added; nothing in the domain changes or removes one.
/// </summary>
public sealed class ComplaintHistoryEntry
{
    private ComplaintHistoryEntry()
    {
        Kind = string.Empty;
        ActorId = string.Empty;
        ActorName = string.Empty;
    }

    internal ComplaintHistoryEntry(DateTime at, string actorId, string actorName, string kind, string? before, string? after, string? details)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Kind = kind;
        Before = before;
        After = after;
        Details = details;
    }

    /// <summary>Storage key; also the order of entries.</summary>
    public long Id { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>User id, or <c>system</c> / <c>customer</c>.</summary>
    public string ActorId { get; private set; }

    /// <summary>
    /// Copied when the entry is written, so the history reads as it happened without looking users up.
    /// </summary>
    public string ActorName { get; private set; }

    /// <summary>What happened, one of <see cref="ComplaintHistoryKinds"/>.</summary>
    public string Kind { get; private set; }

    /// <summary>The value before, when something changed.</summary>
    public string? Before { get; private set; }

    /// <summary>The value after, when something changed.</summary>
    public string? After { get; private set; }

    /// <summary>Free text: reason, note or summary.</summary>
    public string? Details { get; private set; }

    /// <summary>For <see cref="ComplaintHistoryKinds.StatusChanged"/>: the status before the move.</summary>
    public ComplaintStatus? StatusBefore => Kind == ComplaintHistoryKinds.StatusChanged ? EnumOrNull<ComplaintStatus>(Before) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.StatusChanged"/>: the status after the move.</summary>
    public ComplaintStatus? StatusAfter => Kind == ComplaintHistoryKinds.StatusChanged ? EnumOrNull<ComplaintStatus>(After) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.Acknowledged"/>: how the customer was told.</summary>
    public ContactMethod? AcknowledgedBy => Kind == ComplaintHistoryKinds.Acknowledged ? EnumOrNull<ContactMethod>(Details) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.EstimateRevised"/>: the estimated resolution date before.</summary>
    public DateOnly? EstimateBefore => Kind == ComplaintHistoryKinds.EstimateRevised ? DateOrNull(Before) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.Acknowledged"/> and <see cref="ComplaintHistoryKinds.EstimateRevised"/>: the estimated resolution date given.</summary>
    public DateOnly? EstimateAfter =>
        Kind is ComplaintHistoryKinds.Acknowledged or ComplaintHistoryKinds.EstimateRevised ? DateOrNull(After) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.CustomerResponded"/>: whether the customer accepted the offer.</summary>
    public bool? CustomerAccepted => Kind == ComplaintHistoryKinds.CustomerResponded ? After == AcceptedText : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.CustomerNoAnswer"/>: the days waited for an answer.</summary>
    public int? DaysWithoutAnswer =>
        Kind == ComplaintHistoryKinds.CustomerNoAnswer && int.TryParse(After, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) ? days : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.Escalated"/>: the level before.</summary>
    public EscalationLevel? EscalatedFrom => Kind == ComplaintHistoryKinds.Escalated ? LevelOrNull(Before) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.Escalated"/>: the level after.</summary>
    public EscalationLevel? EscalatedTo => Kind == ComplaintHistoryKinds.Escalated ? LevelOrNull(After) : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.Assigned"/>: the new owner's name.</summary>
    public string? AssignedTo => Kind == ComplaintHistoryKinds.Assigned ? After : null;

    /// <summary>The listed product's name a <see cref="ComplaintHistoryKinds.ProductMapped"/> entry mapped the complaint to.</summary>
    public string? MappedProduct => Kind == ComplaintHistoryKinds.ProductMapped ? After : null;

    /// <summary>For <see cref="ComplaintHistoryKinds.CeoDecision"/>: what the CEO decided.</summary>
    public CeoDecisionOutcome? CeoDecisionOutcome => Kind == ComplaintHistoryKinds.CeoDecision ? EnumOrNull<CeoDecisionOutcome>(After) : null;

    /// <summary>How <see cref="ComplaintHistoryKinds.CustomerResponded"/> stores an acceptance (and the opposite).</summary>
    internal const string AcceptedText = "Accepted";

    /// <summary>How <see cref="ComplaintHistoryKinds.CustomerResponded"/> stores a rejection.</summary>
    internal const string RejectedText = "Rejected";

    /// <summary>How dates are stored in Before/After.</summary>
    internal const string DateFormat = "yyyy-MM-dd";

    /// <summary>Escalation levels are stored as their number.</summary>
    internal static string LevelText(EscalationLevel level) => ((int)level).ToString(CultureInfo.InvariantCulture);

    internal static string DateText(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static TEnum? EnumOrNull<TEnum>(string? stored)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(stored, out var value) && Enum.IsDefined(value) ? value : null;

    private static DateOnly? DateOrNull(string? stored) =>
        DateOnly.TryParseExact(stored, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static EscalationLevel? LevelOrNull(string? stored) =>
        int.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) && Enum.IsDefined((EscalationLevel)level) ? (EscalationLevel)level : null;
}
