using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

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
