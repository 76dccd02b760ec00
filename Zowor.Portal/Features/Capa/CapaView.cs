using Zowor.Portal.Domain.Capa;

namespace Zowor.Portal.Features.Capa;

/// <summary>A CAPA as the editor shows it, with the evidence of its memo and training actions by action number.</summary>
public sealed record CapaView(
    CapaRecord Capa, EffectivenessEvidence? Evidence, string? CategoryName, bool CanManage, DateOnly Today,
    IReadOnlyDictionary<int, TeachingEvidence> Teaching, bool CanApproveClosure);
