using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>A countdown's texts (<see cref="Countdown"/>): its title by status and the word before an overdue time.</summary>
public sealed record CountdownTexts(string AcknowledgementDue, string ResolutionTarget, string Overdue)
{
    public string TitleFor(ComplaintStatus status) => status == ComplaintStatus.Received ? AcknowledgementDue : ResolutionTarget;
}
