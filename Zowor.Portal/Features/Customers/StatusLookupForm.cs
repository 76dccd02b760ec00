using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Customers;

/// <summary>The status lookup: a reference and the e-mail address or phone number it was registered with.</summary>
public sealed class StatusLookupForm
{
    /// <summary>Reference, e.g. ZW-2026-000123.</summary>
    [Required(ErrorMessage = "Enter the reference of your complaint.")]
    [StringLength(20, ErrorMessage = "A reference looks like ZW-2026-000123.")]
    public string? Reference { get; set; }

    /// <summary>E-mail address or phone number.</summary>
    [Required(ErrorMessage = "Enter the e-mail address or phone number you gave us.")]
    [StringLength(ComplaintLimits.Email, ErrorMessage = "The e-mail address or phone number is too long.")]
    public string? Contact { get; set; }
}
