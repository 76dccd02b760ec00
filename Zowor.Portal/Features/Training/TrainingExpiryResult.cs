
namespace Zowor.Portal.Features.Training;

public sealed record TrainingExpiryResult(int Flagged, int Notified);
