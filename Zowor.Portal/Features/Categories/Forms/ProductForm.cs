namespace Zowor.Portal.Features.Categories;

/// <summary>A listed product being added (<see cref="Id"/> null) or edited; aliases one per line.</summary>
public sealed class ProductForm
{
    public long? Id { get; set; }
    public string? NameEn { get; set; }
    public string? NameRu { get; set; }
    public string? Aliases { get; set; }
    public bool IsActive { get; set; } = true;
}
