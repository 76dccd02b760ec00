using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Escalation;

public sealed record CeoDecisionView(CeoDecisionOutcome Outcome, string Decision, DateTime At, string ByName);
