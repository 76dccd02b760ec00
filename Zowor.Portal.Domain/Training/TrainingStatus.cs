namespace Zowor.Portal.Domain.Training;

/// <summary>Where one staff member stands on one course.</summary>
public enum TrainingStatus
{
    /// <summary>Completed, and valid for longer than the warning period.</summary>
    Valid,

    /// <summary>Completed, still valid, but expiring within the warning period.</summary>
    ExpiringSoon,

    /// <summary>Completed once, but the completion has expired: retraining is overdue.</summary>
    Expired,

    /// <summary>Never completed.</summary>
    Missing,
}
