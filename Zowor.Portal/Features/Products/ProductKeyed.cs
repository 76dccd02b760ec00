using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Products;

/// <summary>A complaint and the product it counts under.</summary>
public sealed class ProductKeyed
{
    public required Complaint Complaint { get; init; }
    public string? Product { get; init; }
}
