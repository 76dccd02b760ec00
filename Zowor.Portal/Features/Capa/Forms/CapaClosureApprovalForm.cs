using System.ComponentModel.DataAnnotations;

namespace Zowor.Portal.Features.Capa;

/// <summary>The approver re-enters their password to sign the closure (an electronic signature).</summary>
public sealed class CapaClosureApprovalForm
{
    [Required(ErrorMessage = "Enter your password to sign.")]
    public string? Password { get; set; }
}
