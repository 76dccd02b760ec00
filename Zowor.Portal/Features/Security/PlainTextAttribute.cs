using System.ComponentModel.DataAnnotations;

namespace Zowor.Portal.Features.Security;

/// <summary>Free text under the one input policy (<see cref="PlainText"/>): no markup, no invisible control characters.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    /// <summary>Whether line breaks and tabs are allowed (a description, a note), or only one line (a name, a subject).</summary>
    public bool MultiLine { get; init; } = true;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        PlainText.Problem(value as string, MultiLine, validationContext.MemberName ?? string.Empty) is { } problem
            ? new ValidationResult(problem.ErrorMessage, validationContext.MemberName is { } member ? [member] : [])
            : ValidationResult.Success;
}
