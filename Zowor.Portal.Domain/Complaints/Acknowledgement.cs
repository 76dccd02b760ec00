namespace Zowor.Portal.Domain.Complaints;

/// <summary>How and when receipt was acknowledged, with the estimate given to the customer (P-20, P-21).</summary>
/// <param name="Method">E-mail or phone.</param>
/// <param name="At">When (UTC).</param>
/// <param name="ById">User id of who acknowledged.</param>
/// <param name="ByName">Name of who acknowledged.</param>
/// <param name="EstimatedResolutionDate">The date the customer was told to expect a resolution.</param>
public sealed record Acknowledgement(ContactMethod Method, DateTime At, string ById, string ByName, DateOnly EstimatedResolutionDate)
{
    /// <summary>Days from the acknowledgement to the resolution date the form proposes (staff may pick another).</summary>
    public const int DefaultEstimateDays = 7;

    /// <summary>The estimated resolution date the acknowledgement form starts with: a week from <paramref name="today"/>.</summary>
    public static DateOnly DefaultEstimate(DateOnly today) => today.AddDays(DefaultEstimateDays);
}
