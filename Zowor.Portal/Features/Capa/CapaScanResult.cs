namespace Zowor.Portal.Features.Capa;

public sealed record CapaScanResult(int AlertsRaised, int ActionsFlagged, int ActionsCompletedOnEvidence = 0);
