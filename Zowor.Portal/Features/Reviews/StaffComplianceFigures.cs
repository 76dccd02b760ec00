using Zowor.Portal.Features.Training;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// P-80 and P-81 in a review: acknowledgement of the period's memos and training compliance at the period's end.
/// Null in packs made before memos and training existed.
/// </summary>
public sealed record StaffComplianceFigures(MemoAcknowledgementFigures Memos, TrainingComplianceFigures Training);
