using Zowor.Portal.Domain.Training;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Training;

/// <summary>One staff member's standing per course id.</summary>
public sealed record StaffTraining(StaffMember Member, IReadOnlyDictionary<int, TrainingStanding> Standings);
