using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Customers;

/// <summary>Information the customer adds on the status page (P-41).</summary>
public sealed class CustomerMessageForm
{
    /// <summary>The signed access token from the lookup.</summary>
    public string? Access { get; set; }

    [Required(ErrorMessage = "Write your message.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The message is too long (at most 2000 characters).")]
    [PlainText]
    public string? Text { get; set; }
}
