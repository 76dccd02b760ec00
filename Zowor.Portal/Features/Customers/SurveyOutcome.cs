namespace Zowor.Portal.Features.Customers;

/// <summary>The result of a survey submission.</summary>
public enum SurveyOutcome
{
    Saved,

    /// <summary>Already answered before.</summary>
    AlreadyAnswered,

    /// <summary>Unknown link.</summary>
    NotFound,
}
