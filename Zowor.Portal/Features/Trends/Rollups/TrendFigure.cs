using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>What a rollup row counts. Numbers are stored: never renumber.</summary>
public enum TrendFigure
{
    Received = 1,

    /// <summary>By escalation level (Key = level).</summary>
    Level = 2,

    /// <summary>By root cause (Key = <see cref="RootCauseCategory"/>).</summary>
    RootCause = 3,

    /// <summary>Resolved, by resolution kind (Key = <see cref="ResolutionKind"/>).</summary>
    ResolutionKind = 4,

    /// <summary>Refunds of resolved complaints (Text = currency, Sum = minor units).</summary>
    Refund = 5,

    /// <summary>Histogram of the hours to acknowledge (Key = whole hours, rounded down).</summary>
    AcknowledgementHours = 6,

    /// <summary>Histogram of the hours to resolve (Key = whole hours, rounded down).</summary>
    ResolutionHours = 7,

    /// <summary>Acknowledged by the deadline (P-20).</summary>
    AcknowledgementMet = 8,

    /// <summary>Missed for good: acknowledged late, or flagged by the deadline scan.</summary>
    AcknowledgementMissed = 9,

    /// <summary>Still waiting, neither acknowledged nor flagged (Key = the deadline's UTC ticks): a miss once the deadline passed.</summary>
    AcknowledgementWaiting = 10,

    /// <summary>Resolved with a first estimate (P-21).</summary>
    FirstEstimateResolved = 11,

    /// <summary>Resolved on or before the business day of the first estimate.</summary>
    FirstEstimateKept = 12,

    SurveySent = 13,

    SurveyAnswered = 14,

    /// <summary>Outcome scores given (Sum = the scores).</summary>
    OutcomeScore = 15,

    /// <summary>Handling scores given (Sum = the scores).</summary>
    HandlingScore = 16,

    /// <summary>
    /// Received, by the complaint's stored month key (Key = <see cref="Complaint.ReceivedMonth"/>, yyyymm): the month chart
    /// counts by that key as the rows do, which for complaints stored before the trends migration is the UTC month.
    /// </summary>
    ReceivedMonth = 17,
}
