namespace Zowor.Portal.Features.Search;

/// <summary>Complaints related to one case (P-51, P-60).</summary>
/// <param name="PossibleDuplicates">Of the same customer about the same order, received within 7 days of this one.</param>
public sealed record RelatedComplaints(
    IReadOnlyList<RelatedComplaint> SameCustomer,
    IReadOnlyList<RelatedComplaint> SameOrder,
    IReadOnlyList<RelatedComplaint> SameProductAndCategory,
    IReadOnlyList<RelatedComplaint> PossibleDuplicates)
{
    public static RelatedComplaints None { get; } = new([], [], [], []);

    public bool IsEmpty => SameCustomer.Count == 0 && SameOrder.Count == 0 && SameProductAndCategory.Count == 0;
}
