namespace Zowor.Portal.Features.Customers;

/// <summary>One line of the customer's view of the case.</summary>
public sealed record CustomerUpdate(DateTime At, CustomerUpdateKind Kind, string? Title, string? Text);
