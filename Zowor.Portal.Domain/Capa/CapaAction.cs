using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Capa;

/// <summary>One corrective or preventive action: what, who, by when, and how it ended.</summary>
public sealed class CapaAction
{
    private CapaAction()
    {
        Description = string.Empty;
        OwnerId = string.Empty;
        OwnerName = string.Empty;
    }

    /// <summary>Days a new action gets until it is due, unless Quality picks another day.</summary>
    public const int DefaultDueDays = 14;

    /// <summary>The due date a new action is offered with: two weeks from <paramref name="today"/> (the business day).</summary>
    public static DateOnly DefaultDueOn(DateOnly today) => today.AddDays(DefaultDueDays);

    internal CapaAction(int number, string description, Actor owner, DateOnly dueOn, DateOnly addedOn)
    {
        Number = number;
        AddedOn = addedOn;
        Description = description;
        OwnerId = owner.Id;
        OwnerName = owner.Name;
        DueOn = dueOn;
        Status = CapaActionStatus.Open;
    }

    /// <summary>1, 2, 3… within the CAPA.</summary>
    public int Number { get; private set; }

    /// <summary>
    /// At most <see cref="CapaLimits.ActionDescription"/> characters; for memo and training actions the portal writes
    /// it ("Memo: " or "Training: " and the memo title or course name).
    /// </summary>
    public string Description { get; private set; }

    /// <summary>Identity user id of the person who must carry the action out.</summary>
    public string OwnerId { get; private set; }

    /// <summary>Copied from the owner when the action is added, so pages show it without looking the user up.</summary>
    public string OwnerName { get; private set; }

    /// <summary>Due day (business calendar).</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>Open, done or cancelled.</summary>
    public CapaActionStatus Status { get; private set; }

    /// <summary>The day it was done or cancelled.</summary>
    public DateOnly? FinishedOn { get; private set; }

    /// <summary>When the portal flagged it overdue (once per action).</summary>
    public DateTime? OverdueFlaggedAt { get; private set; }

    /// <summary>A task, a memo or a training action; memo and training actions finish only on the evidence.</summary>
    public CapaActionKind Kind { get; private set; }

    /// <summary>The business day the action was added; training completed before it does not count.</summary>
    public DateOnly? AddedOn { get; private set; }

    /// <summary>Set only on memo actions: the memo whose acknowledgements complete the action (P-81).</summary>
    public Guid? MemoId { get; private set; }

    /// <summary>Set only on training actions: the course whose completions complete the action (P-80).</summary>
    public int? TrainingCourseId { get; private set; }

    /// <summary>The memo's title or the course's name, as it was when linked.</summary>
    public string? TeachingTitle { get; private set; }

    /// <summary>The roles whose members must take the course (comma-separated); the memo's audience for a memo action.</summary>
    public string? RequiredRoles { get; private set; }

    /// <summary>
    /// <see cref="RequiredRoles"/> is stored comma-separated; this splits it, trimming and dropping blanks.
    /// </summary>
    public IReadOnlyList<string> RequiredRoleList =>
        RequiredRoles is null ? [] : RequiredRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Memo or training: finished by the portal when the evidence is complete, never by hand.</summary>
    public bool CompletesOnEvidence => Kind is CapaActionKind.Memo or CapaActionKind.Training;

    /// <summary>Still open after its due day.</summary>
    public bool IsOverdue(DateOnly today) => Status == CapaActionStatus.Open && DueOn < today;

    internal void Finish(CapaActionStatus status, DateOnly on)
    {
        Status = status;
        FinishedOn = on;
    }

    internal void Teach(CapaActionKind kind, Guid? memoId, int? courseId, string title, IReadOnlyCollection<string> roles)
    {
        Kind = kind;
        MemoId = memoId;
        TrainingCourseId = courseId;
        TeachingTitle = title;
        RequiredRoles = string.Join(',', roles);
    }

    internal void FlagOverdue(DateTime at) => OverdueFlaggedAt = at;
}
