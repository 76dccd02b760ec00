using Zowor.Portal.Domain.Training;

namespace Zowor.Portal.Features.Training;

public sealed record TrainingComplianceFigures(int Required, int Current, int ExpiringSoon, int Overdue)
{
    /// <summary>Share of required trainings that are current (valid or expiring soon), or null when nothing is required.</summary>
    public double? Rate => Required == 0 ? null : (double)Current / Required;

    public static TrainingComplianceFigures From(TrainingMatrixData matrix)
    {
        var required = matrix.Required.Select(r => r.Standing.Status).ToList();
        return new TrainingComplianceFigures(
            required.Count,
            required.Count(s => s is TrainingStatus.Valid or TrainingStatus.ExpiringSoon),
            required.Count(s => s == TrainingStatus.ExpiringSoon),
            required.Count(s => s is TrainingStatus.Expired or TrainingStatus.Missing));
    }
}
