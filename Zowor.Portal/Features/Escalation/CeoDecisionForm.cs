using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Escalation;

/// <summary>The CEO's decision as entered on the CEO review page.</summary>
public sealed class CeoDecisionForm
{
    public CeoDecisionOutcome? Outcome { get; set; }
    [Zowor.Portal.Platform.Security.PlainText]
    public string? Decision { get; set; }
}
