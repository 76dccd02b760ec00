using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

public sealed record CommunicationRequest(CommunicationDirection Direction, CommunicationChannel Channel, string? Summary, long Version);
