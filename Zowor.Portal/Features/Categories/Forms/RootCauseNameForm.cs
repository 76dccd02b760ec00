using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Categories;

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
