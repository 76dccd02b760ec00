using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>What a complaint is about (P-11), validated once at registration.</summary>
public sealed record ComplaintDetails
{
    private ComplaintDetails(string subject, string description, string categoryCode, ComplaintSeverity severity,
        PreferredResolution preferredResolution, string? orderNumber, string? product)
    {
        Subject = subject;
        Description = description;
        CategoryCode = categoryCode;
        Severity = severity;
        PreferredResolution = preferredResolution;
        OrderNumber = orderNumber;
        Product = product;
    }

    /// <summary>One-line summary.</summary>
    public string Subject { get; }

    /// <summary>The problem in the customer's words.</summary>
    public string Description { get; }

    /// <summary>Category code from the admin-managed taxonomy.</summary>
    public string CategoryCode { get; }

    /// <summary>Normal or serious.</summary>
    public ComplaintSeverity Severity { get; }

    /// <summary>What the customer asks for.</summary>
    public PreferredResolution PreferredResolution { get; }

    /// <summary>Optional; trimmed and at most <see cref="ComplaintLimits.OrderNumber"/> characters.</summary>
    public string? OrderNumber { get; }

    /// <summary>
    /// Optional free text as given (at most <see cref="ComplaintLimits.Product"/> characters); the trends map its
    /// spellings to listed products.
    /// </summary>
    public string? Product { get; }

    /// <summary>Validates the details; throws <see cref="DomainException"/> with a readable message.</summary>
    public static ComplaintDetails Create(string? subject, string? description, string? categoryCode, ComplaintSeverity severity,
        PreferredResolution preferredResolution, string? orderNumber, string? product)
    {
        if (!Enum.IsDefined(severity))
        {
            throw new DomainException("Choose the severity.");
        }

        if (!Enum.IsDefined(preferredResolution))
        {
            throw new DomainException("Choose the customer's preferred resolution.");
        }

        return new ComplaintDetails(
            Guard.Text(subject, "Subject", ComplaintLimits.Subject),
            Guard.Text(description, "Description", ComplaintLimits.Description),
            Guard.Text(categoryCode, "Category", ComplaintLimits.Category),
            severity,
            preferredResolution,
            Guard.OptionalText(orderNumber, "Order number", ComplaintLimits.OrderNumber),
            Guard.OptionalText(product, "Product", ComplaintLimits.Product));
    }
}
