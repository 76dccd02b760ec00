using System.ComponentModel.DataAnnotations;

namespace Zowor.Portal.Platform.Security;

/// <summary>
/// Free text under the one input policy (<see cref="PlainText"/>): no markup, no invisible control characters. On a list or
/// dictionary of texts (a CAPA's 5 Whys, its fishbone notes) every entry is under the policy.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    /// <summary>Whether line breaks and tabs are allowed (a description, a note), or only one line (a name, a subject).</summary>
    public bool MultiLine { get; init; } = true;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        PlainText.TextsOf(value).Select(text => PlainText.Problem(text, MultiLine, validationContext.MemberName ?? string.Empty)).FirstOrDefault(p => p is not null)
            is { } problem
            ? new ValidationResult(problem.ErrorMessage, validationContext.MemberName is { } member ? [member] : [])
            : ValidationResult.Success;
}
