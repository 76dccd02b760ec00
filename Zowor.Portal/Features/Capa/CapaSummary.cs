using Zowor.Portal.Domain.Capa;

namespace Zowor.Portal.Features.Capa;

public sealed record CapaSummary(
    Guid Id, string Number, string Title, CapaKind Kind, CapaStatus Status, int RiskScore, DateTime OpenedAt,
    int OpenActions, int OverdueActions, DateOnly? NextDueOn, int Complaints)
{
    public RiskLevel RiskLevel => CapaRisk.LevelOf(RiskScore);
}
