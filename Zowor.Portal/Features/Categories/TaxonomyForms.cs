using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Products;

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

/// <summary>A root-cause category's names, order and availability (its code is fixed).</summary>
public sealed class RootCauseNameForm
{
    public RootCauseCategory Code { get; set; }
    public string? NameEn { get; set; }
    public string? NameRu { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public static RootCauseNameForm From(RootCauseCategoryName name) => new()
    {
        Code = name.Code, NameEn = name.NameEn, NameRu = name.NameRu, SortOrder = name.SortOrder, IsActive = name.IsActive,
    };
}

/// <summary>A listed product being added (<see cref="Id"/> null) or edited; aliases one per line.</summary>
public sealed class ProductForm
{
    public long? Id { get; set; }
    public string? NameEn { get; set; }
    public string? NameRu { get; set; }
    public string? Aliases { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A listed product with its aliases (the spellings other than its names), for the admin page.</summary>
public sealed record ProductEntry(long Id, string NameEn, string NameRu, bool IsActive, IReadOnlyList<string> Aliases, int Complaints)
{
    public ProductForm ToForm() => new() { Id = Id, NameEn = NameEn, NameRu = NameRu, Aliases = string.Join('\n', Aliases), IsActive = IsActive };
}

/// <summary>A free-text product spelling no listed product covers, with how many complaints use it.</summary>
public sealed record UnmappedProduct(string Spelling, int Complaints);

/// <summary>A product offered for type-ahead and mapping.</summary>
public sealed record ProductChoice(long Id, string NameEn, string NameRu)
{
    public string Name(string twoLetterCulture) => twoLetterCulture == "ru" ? NameRu : NameEn;

    public static ProductChoice Of(ListedProduct product) => new(product.Id, product.NameEn, product.NameRu);
}
