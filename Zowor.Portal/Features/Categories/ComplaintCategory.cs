namespace Zowor.Portal.Features.Categories;

/// <summary>An entry of the admin-managed complaint taxonomy. Complaints keep the code, so renaming never rewrites history.</summary>
public sealed class ComplaintCategory
{
    public required string Code { get; init; }
    public required string NameEn { get; set; }
    public required string NameRu { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public string Name(string twoLetterCulture) => twoLetterCulture == "ru" ? NameRu : NameEn;
}
