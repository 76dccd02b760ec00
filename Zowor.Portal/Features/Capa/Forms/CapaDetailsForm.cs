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
