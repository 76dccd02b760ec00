namespace Zowor.Portal.Features.Categories;

/// <summary>A complaint category being added (<see cref="OriginalCode"/> null) or edited.</summary>
public sealed class CategoryForm
{
    public string? OriginalCode { get; set; }
    public string? Code { get; set; }
    public string? NameEn { get; set; }
    public string? NameRu { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public static CategoryForm From(ComplaintCategory category) => new()
    {
        OriginalCode = category.Code, Code = category.Code, NameEn = category.NameEn, NameRu = category.NameRu,
        SortOrder = category.SortOrder, IsActive = category.IsActive,
    };
}
