namespace Zowor.Portal.Features.Escalation;

public sealed record CeoEscalation(int FromLevel, int ToLevel, string Reason, bool Automatic, DateTime At, string ByName);
