using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Categories;

/// <summary>
/// The admin-managed names, order and availability of a root-cause category. The codes are the domain's fixed list
/// (<see cref="RootCauseCategory"/>), because CAPA rules depend on some of them (no-fault and misuse never raise an
/// alert); complaints keep the code, so a rename shows everywhere at once and history keeps what was chosen.
/// </summary>
public sealed class RootCauseCategoryName
{
    public required RootCauseCategory Code { get; init; }
    public required string NameEn { get; set; }
    public required string NameRu { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public string Name(string twoLetterCulture) => twoLetterCulture == "ru" ? NameRu : NameEn;
}
