using Zowor.Portal.Domain.Reviews;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// What a review pack holds besides the complaint figures (P-61, P-62, P-63, P-80, P-81; ISO 9001 9.3.2): the CAPAs,
/// the memos and training, customer satisfaction, and the previous review's decisions — all as they stood when the pack
/// was generated. Null in packs made before these sections existed.
/// </summary>
public sealed record ReviewSections(
    CapaSection Capa,
    IReadOnlyList<MemoRow> Memos,
    IReadOnlyList<TrainingSessionRow> Training,
    SatisfactionSection Satisfaction,
    PreviousReview? Previous);

/// <summary>
/// CAPAs in the period: opened and closed in it, overdue at its end (not closed, an action past its due day and not
/// finished by then), and the effectiveness decisions recorded in it.
/// </summary>
public sealed record CapaSection(
    IReadOnlyList<CapaRow> Opened,
    IReadOnlyList<CapaRow> Closed,
    IReadOnlyList<CapaRow> Overdue,
    IReadOnlyList<EffectivenessResultRow> Effectiveness);

/// <summary>One CAPA as the pack lists it; <see cref="Status"/> is its status when the pack was generated.</summary>
public sealed record CapaRow(string Number, string Title, string Kind, string Source, string Status);

/// <summary>An effectiveness decision (P-61): found effective, or not (back to investigation), with the recurrence counts seen.</summary>
public sealed record EffectivenessResultRow(string Number, string Title, bool Effective, DateTime At, string ByName, string? Details);

/// <summary>A memo published in the period (P-81) and how many had acknowledged it when the pack was generated.</summary>
public sealed record MemoRow(string Title, DateTime PublishedAt, IReadOnlyList<string> Audience, int Acknowledged);

/// <summary>A training session held in the period (P-80) and how many completed it there.</summary>
public sealed record TrainingSessionRow(string Course, DateOnly HeldOn, string Trainer, int Completed);

/// <summary>
/// Customer satisfaction (P-01, ISO 9001 9.1.2): surveys sent in the period, surveys answered in the period and their
/// average scores (1–5), the answers by complaint category, and the closing note's score staff recorded.
/// </summary>
public sealed record SatisfactionSection(
    int Sent,
    int Answered,
    double? AverageOutcome,
    double? AverageHandling,
    IReadOnlyList<SatisfactionRow> ByCategory)
{
    /// <summary>Answered in the period ÷ sent in the period (a survey sent late in the month may be answered in the next).</summary>
    public double? ResponseRate => Sent == 0 ? null : (double)Answered / Sent;
}

/// <summary>Answers and their mean satisfaction (the mean of the two scores) for one key.</summary>
public sealed record SatisfactionRow(string Key, int Answers, double? Average);

/// <summary>The previous review of the same kind and its decisions with their status when this pack was generated.</summary>
public sealed record PreviousReview(DateOnly PeriodStart, IReadOnlyList<PreviousDecisionRow> Decisions);

public sealed record PreviousDecisionRow(string Finding, string Decision, string? Owner, DateOnly? DueDate, ReviewDecisionStatus Status, DateOnly? DoneOn);
