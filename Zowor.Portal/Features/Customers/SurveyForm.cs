using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Customers;

/// <summary>The satisfaction survey (P-01).</summary>
public sealed class SurveyForm
{
    /// <summary>Outcome score 1–5.</summary>
    [Required(ErrorMessage = "Rate the outcome from 1 to 5.")]
    [Range(1, 5, ErrorMessage = "Rate the outcome from 1 to 5.")]
    public int? Outcome { get; set; }

    /// <summary>Handling score 1–5.</summary>
    [Required(ErrorMessage = "Rate how your complaint was handled from 1 to 5.")]
    [Range(1, 5, ErrorMessage = "Rate how your complaint was handled from 1 to 5.")]
    public int? Handling { get; set; }

    [StringLength(SatisfactionSurvey.MaxCommentLength, ErrorMessage = "The comment is too long (at most 2000 characters).")]
    [PlainText]
    public string? Comment { get; set; }
}
