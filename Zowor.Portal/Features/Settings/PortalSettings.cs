using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Settings;

/// <summary>
/// The thresholds of the rules in time, changed by an Admin and read by every scan, so a change applies from the next
/// scan without a restart. The 24-hour acknowledgement deadline itself is P-20, not a setting.
/// </summary>
public sealed class PortalSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    [Range(1, 23, ErrorMessage = "The warning must come between 1 and 23 hours after receipt.")]
    public int AcknowledgementWarningHours { get; set; } = 18;

    [Range(1, 60, ErrorMessage = "The update cadence must be between 1 and 60 days.")]
    public int CustomerUpdateDays { get; set; } = 5;

    [Range(1, 365, ErrorMessage = "The level-1 target must be between 1 and 365 days.")]
    public int Level1ResolutionDays { get; set; } = 10;

    [Range(1, 365, ErrorMessage = "The level-2 target must be between 1 and 365 days.")]
    public int Level2ResolutionDays { get; set; } = 5;

    /// <summary>P-40: how long the customer has to answer an offer before staff may record "no answer" and resolve without it.</summary>
    [Range(1, 60, ErrorMessage = "The waiting period for the customer's answer must be between 1 and 60 days.")]
    public int OfferAnswerDays { get; set; } = DefaultOfferAnswerDays;

    public const int DefaultOfferAnswerDays = 7;

    [Range(1, 120, ErrorMessage = "Retention must be between 1 and 120 months.")]
    public int RetentionMonths { get; set; } = 12;

    /// <summary>P-60, P-62: this many complaints about one product and category (or one root cause) within the window raise a recurring-issue alert.</summary>
    [Range(2, 100, ErrorMessage = "The recurring-issue threshold must be between 2 and 100 complaints.")]
    public int RecurrenceThreshold { get; set; } = 3;

    [Range(1, 365, ErrorMessage = "The recurring-issue window must be between 1 and 365 days.")]
    public int RecurrenceWindowDays { get; set; } = 30;

    [Required(ErrorMessage = "Choose the business time zone.")]
    [StringLength(64)]
    public string TimeZone { get; set; } = "Asia/Almaty";

    public DateTime? UpdatedAt { get; set; }

    [StringLength(200)]
    public string? UpdatedBy { get; set; }

    public EscalationThresholds Escalation => new(TimeSpan.FromDays(Level1ResolutionDays), TimeSpan.FromDays(Level2ResolutionDays));

    public PortalSettings Copy() => (PortalSettings)MemberwiseClone();
}
