using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

/// <summary>Title, type, source, problem and risk. The domain checks the same again.</summary>
public sealed class CapaDetailsForm
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(CapaLimits.Title, ErrorMessage = "The title is too long.")]
    [PlainText(MultiLine = false)]
    public string? Title { get; set; }

    public CapaKind Kind { get; set; } = CapaKind.Corrective;

    public CapaSource Source { get; set; } = CapaSource.Other;

    [Required(ErrorMessage = "Describe the problem.")]
    [StringLength(CapaLimits.Text, ErrorMessage = "The problem statement is too long.")]
    [PlainText]
    public string? ProblemStatement { get; set; }

    [Range(CapaLimits.MinScore, CapaLimits.MaxScore, ErrorMessage = "Severity must be between 1 and 5.")]
    public int Severity { get; set; } = 3;

    [Range(CapaLimits.MinScore, CapaLimits.MaxScore, ErrorMessage = "Likelihood must be between 1 and 5.")]
    public int Likelihood { get; set; } = 3;

    /// <summary>The CAPA's last change when the form was filled from it; a save refuses changes made since (issue 14).</summary>
    public int? OpenedOnChange { get; set; }

    public static CapaDetailsForm From(CapaRecord capa) => new()
    {
        Title = capa.Title,
        Kind = capa.Kind,
        Source = capa.Source,
        ProblemStatement = capa.ProblemStatement,
        Severity = capa.Severity,
        Likelihood = capa.Likelihood,
        OpenedOnChange = capa.LastChange,
    };
}

/// <summary>A new action: what, who and by when.</summary>
public sealed class CapaActionForm
{
    [Required(ErrorMessage = "Describe the action.")]
    [StringLength(CapaLimits.ActionDescription, ErrorMessage = "The action is too long.")]
    [PlainText]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the owner of the action.")]
    public string? OwnerId { get; set; }

    [Required(ErrorMessage = "Enter the due date of the action.")]
    public DateTime? DueOn { get; set; }
}

/// <summary>
/// A memo action (P-81): the memo published from the CAPA (title, text, audience, effective date) and the action's owner
/// and due date. The memo feature and the domain check again.
/// </summary>
public sealed class CapaMemoActionForm : IValidatableObject
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(Domain.Memos.MemoLimits.Title, ErrorMessage = "The title is too long.")]
    [PlainText(MultiLine = false)]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Write the memo text.")]
    [StringLength(Domain.Memos.MemoLimits.Body, ErrorMessage = "The memo text is too long (at most 20000 characters).")]
    [MarkdownText]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Choose the effective date.")]
    public DateTime? EffectiveOn { get; set; }

    /// <summary>The roles the memo is for; everyone in them must acknowledge it.</summary>
    public HashSet<string> AudienceRoles { get; set; } = [];

    [Required(ErrorMessage = "Choose the owner of the action.")]
    public string? OwnerId { get; set; }

    [Required(ErrorMessage = "Enter the due date of the action.")]
    public DateTime? DueOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AudienceRoles.Count == 0)
        {
            yield return new ValidationResult("Choose at least one role to send the memo to.", [nameof(AudienceRoles)]);
        }
    }
}

/// <summary>A training action (P-80): the course, the roles whose members must complete it, the owner and due date.</summary>
public sealed class CapaTrainingActionForm : IValidatableObject
{
    [Required(ErrorMessage = "Choose the course.")]
    public int? CourseId { get; set; }

    /// <summary>The roles whose members must complete the course.</summary>
    public HashSet<string> RequiredRoles { get; set; } = [];

    [Required(ErrorMessage = "Choose the owner of the action.")]
    public string? OwnerId { get; set; }

    [Required(ErrorMessage = "Enter the due date of the action.")]
    public DateTime? DueOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequiredRoles.Count == 0)
        {
            yield return new ValidationResult("Choose at least one role that must take the course.", [nameof(RequiredRoles)]);
        }
    }
}

/// <summary>The approver re-enters their password to sign the closure (an electronic signature).</summary>
public sealed class CapaClosureApprovalForm
{
    [Required(ErrorMessage = "Enter your password to sign.")]
    public string? Password { get; set; }
}

/// <summary>The 5 Whys chain and the six fishbone notes.</summary>
public sealed class RootCauseAnalysisForm
{
    [PlainText(MultiLine = false)]
    public string?[] Whys { get; set; } = new string?[CapaLimits.MaxWhys];

    [PlainText]
    public Dictionary<FishboneCategory, string?> Fishbone { get; set; } =
        Enum.GetValues<FishboneCategory>().ToDictionary(c => c, _ => (string?)null);

    /// <summary>The CAPA's last change when the form was filled from it; a save refuses changes made since (issue 14).</summary>
    public int? OpenedOnChange { get; set; }

    public static RootCauseAnalysisForm From(CapaRecord capa)
    {
        var form = new RootCauseAnalysisForm { OpenedOnChange = capa.LastChange };
        for (var i = 0; i < capa.Whys.Count && i < CapaLimits.MaxWhys; i++)
        {
            form.Whys[i] = capa.Whys[i];
        }

        foreach (var note in capa.Fishbone)
        {
            form.Fishbone[note.Category] = note.Notes;
        }

        return form;
    }
}

/// <summary>What must hold for the fix to count, and the window compared before and after.</summary>
public sealed class EffectivenessCheckForm
{
    [Required(ErrorMessage = "Enter the effectiveness criterion.")]
    [StringLength(CapaLimits.Text, ErrorMessage = "The criterion is too long.")]
    [PlainText]
    public string? Criterion { get; set; }

    [Range(CapaLimits.MinWindowDays, CapaLimits.MaxWindowDays, ErrorMessage = "The effectiveness window must be between 7 and 365 days.")]
    public int WindowDays { get; set; } = CapaLimits.DefaultWindowDays;

    /// <summary>The CAPA's last change when the form was filled from it; a save refuses changes made since (issue 14).</summary>
    public int? OpenedOnChange { get; set; }
}

/// <summary>Quality's decision on the effectiveness check.</summary>
public sealed class EffectivenessDecisionForm
{
    public bool Effective { get; set; }

    [StringLength(CapaLimits.Text, ErrorMessage = "The note is too long.")]
    [PlainText]
    public string? Note { get; set; }

    /// <summary>The CAPA's last change when the form was filled from it; a save refuses changes made since (issue 14).</summary>
    public int? OpenedOnChange { get; set; }
}
