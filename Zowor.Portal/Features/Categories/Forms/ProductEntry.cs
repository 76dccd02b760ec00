namespace Zowor.Portal.Features.Categories;

/// <summary>A listed product with its aliases (the spellings other than its names), for the admin page.</summary>
public sealed record ProductEntry(long Id, string NameEn, string NameRu, bool IsActive, IReadOnlyList<string> Aliases, int Complaints)
{
    public ProductForm ToForm() => new() { Id = Id, NameEn = NameEn, NameRu = NameRu, Aliases = string.Join('\n', Aliases), IsActive = IsActive };
}
