using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

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
