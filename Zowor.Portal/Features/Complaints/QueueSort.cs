namespace Zowor.Portal.Features.Complaints;

public enum QueueSort
{
    Urgency,
    Newest,
    Reference,
}
