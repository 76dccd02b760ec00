namespace Zowor.Portal.Features.Complaints;

public sealed record ComplaintSummary(int Open, int AtLevel1, int AwaitingAcknowledgement, int AcknowledgementOverdue, int AtLevel2, int AtLevel3, int AssignedToMe);
