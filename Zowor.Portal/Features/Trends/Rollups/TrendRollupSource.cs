using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>
/// What one complaint (with its survey) adds to the rollups: the columns the trend figures read, projected in SQL, and
/// <see cref="Contribute"/>, the one definition of its rows. The writer subtracts a complaint's contribution as stored
/// before a save and adds it as stored after; the rebuild and the drift check add up the contributions of the rows.
/// </summary>
public sealed class TrendRollupSource
{
    public Guid Id { get; init; }
    public DateTime ReceivedAt { get; init; }
    public int ReceivedMonth { get; init; }
    public string CategoryCode { get; init; } = string.Empty;
    public ComplaintChannel Channel { get; init; }
    public long? ProductId { get; init; }
    public string? Product { get; init; }
    public EscalationLevel Level { get; init; }
    public ComplaintStatus Status { get; init; }
    public RootCauseCategory? RootCause { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public ResolutionKind? ResolutionKind { get; init; }
    public long? RefundMinorUnits { get; init; }
    public string? RefundCurrency { get; init; }
    public double? AcknowledgementHours { get; init; }
    public double? ResolutionHours { get; init; }
    public DateTime? AcknowledgedAt { get; init; }
    public DateTime AcknowledgementDueAt { get; init; }
    public DateTime? AcknowledgementBreachedAt { get; init; }
    public DateOnly? FirstEstimate { get; init; }
    public bool SurveySent { get; init; }
    public DateTime? SurveyAnsweredAt { get; init; }
    public int? OutcomeScore { get; init; }
    public int? HandlingScore { get; init; }

    /// <summary>The complaints' rollup columns, with their survey (at most one per complaint).</summary>
    public static IQueryable<TrendRollupSource> Of(PortalDbContext db, IQueryable<Complaint> complaints) =>
        from c in complaints
        join s in db.SatisfactionSurveys on c.Id equals s.ComplaintId into surveys
        from s in surveys.DefaultIfEmpty()
        select new TrendRollupSource
        {
            Id = c.Id,
            ReceivedAt = c.ReceivedAt,
            ReceivedMonth = c.ReceivedMonth,
            CategoryCode = c.CategoryCode,
            Channel = c.Channel,
            ProductId = c.ProductId,
            Product = c.Product,
            Level = c.EscalationLevel,
            Status = c.Status,
            RootCause = c.RootCause != null ? c.RootCause.Category : null,
            ResolvedAt = c.ResolvedAt,
            ResolutionKind = c.Resolution != null ? c.Resolution.Kind : null,
            RefundMinorUnits = c.Resolution != null ? c.Resolution.AmountInMinorUnits : null,
            RefundCurrency = c.Resolution != null ? c.Resolution.Currency : null,
            AcknowledgementHours = c.AcknowledgementHours,
            ResolutionHours = c.ResolutionHours,
            AcknowledgedAt = c.Acknowledgement != null ? c.Acknowledgement.At : null,
            AcknowledgementDueAt = c.AcknowledgementDueAt,
            AcknowledgementBreachedAt = c.AcknowledgementBreachedAt,
            FirstEstimate = c.FirstEstimatedResolutionDate,
            SurveySent = s != null,
            SurveyAnsweredAt = s != null ? s.AnsweredAt : null,
            OutcomeScore = s != null ? s.OutcomeScore : null,
            HandlingScore = s != null ? s.HandlingScore : null,
        };

    /// <summary>The product the complaint counts under in the rollups: "#id" when listed, "=spelling" when not, null when none.</summary>
    public string? ProductRef => ProductId is { } id ? "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : Product is null ? null : "=" + Product;

    /// <summary>Whole hours, rounded down: the precision of the duration histograms and so of their median and 90th percentile.</summary>
    public static long Hour(double hours) => (long)Math.Floor(hours);

    /// <summary>
    /// Adds <paramref name="sign"/> × this complaint's rows to <paramref name="into"/>: in the day and the month it was received
    /// (business time zone <paramref name="zone"/>), in each of the four grains. The figures follow the row-based definitions in
    /// <see cref="TrendQueries"/> (P-20 by <see cref="AcknowledgementTarget"/>, P-21 by <see cref="TrendQueries.ResolvedByFirstEstimate"/>).
    /// </summary>
    public void Contribute(TimeZoneInfo zone, int sign, TrendRollupDelta into)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(ReceivedAt, DateTimeKind.Utc), zone));
        var month = new DateOnly(day.Year, day.Month, 1);
        var product = ProductRef;
        foreach (var (figure, key, text, sum) in Figures(zone))
        {
            foreach (var (span, first) in new[] { (TrendRollupSpan.Day, day), (TrendRollupSpan.Month, month) })
            {
                into.Add(new TrendRollupKey(span, TrendRollupGrain.All, TrendRollupGrain.AnyChannel, TrendRollupGrain.All, first.DayNumber, (int)figure, key, text), sign, sign * sum);
                into.Add(new TrendRollupKey(span, CategoryCode, (int)Channel, TrendRollupGrain.All, first.DayNumber, (int)figure, key, text), sign, sign * sum);
                if (product is not null)
                {
                    into.Add(new TrendRollupKey(span, TrendRollupGrain.All, TrendRollupGrain.AnyChannel, product, first.DayNumber, (int)figure, key, text), sign, sign * sum);
                    into.Add(new TrendRollupKey(span, CategoryCode, (int)Channel, product, first.DayNumber, (int)figure, key, text), sign, sign * sum);
                }
            }
        }
    }

    private IEnumerable<(TrendFigure Figure, long Key, string Text, long Sum)> Figures(TimeZoneInfo zone)
    {
        yield return (TrendFigure.Received, 0, string.Empty, 0);
        yield return (TrendFigure.ReceivedMonth, ReceivedMonth, string.Empty, 0);
        yield return (TrendFigure.Level, (long)Level, string.Empty, 0);
        if (RootCause is { } cause)
        {
            yield return (TrendFigure.RootCause, (long)cause, string.Empty, 0);
        }

        if (ResolvedAt is not null && ResolutionKind is { } kind)
        {
            yield return (TrendFigure.ResolutionKind, (long)kind, string.Empty, 0);
            if (RefundMinorUnits is { } minor && RefundCurrency is { } currency)
            {
                yield return (TrendFigure.Refund, 0, currency, minor);
            }
        }

        if (AcknowledgementHours is { } acknowledged)
        {
            yield return (TrendFigure.AcknowledgementHours, Hour(acknowledged), string.Empty, 0);
        }

        if (ResolutionHours is { } resolved)
        {
            yield return (TrendFigure.ResolutionHours, Hour(resolved), string.Empty, 0);
        }

        // AcknowledgementTarget: met by the deadline; missed when late or flagged; a complaint still waiting is a miss only
        // once its deadline has passed, which the query decides with the deadline kept as the key.
        if (AcknowledgedAt is { } at)
        {
            yield return (at <= AcknowledgementDueAt ? TrendFigure.AcknowledgementMet : TrendFigure.AcknowledgementMissed, 0, string.Empty, 0);
        }
        else if (AcknowledgementBreachedAt is not null)
        {
            yield return (TrendFigure.AcknowledgementMissed, 0, string.Empty, 0);
        }
        else if (Status == ComplaintStatus.Received)
        {
            yield return (TrendFigure.AcknowledgementWaiting, AcknowledgementDueAt.Ticks, string.Empty, 0);
        }

        if (ResolvedAt is { } resolvedAt && FirstEstimate is { } estimate)
        {
            yield return (TrendFigure.FirstEstimateResolved, 0, string.Empty, 0);
            if (DateOnly.FromDateTime(resolvedAt.AddMinutes(zone.BaseUtcOffset.TotalMinutes)) <= estimate)
            {
                yield return (TrendFigure.FirstEstimateKept, 0, string.Empty, 0);
            }
        }

        if (SurveySent)
        {
            yield return (TrendFigure.SurveySent, 0, string.Empty, 0);
            if (SurveyAnsweredAt is not null)
            {
                yield return (TrendFigure.SurveyAnswered, 0, string.Empty, 0);
            }

            if (OutcomeScore is { } outcome)
            {
                yield return (TrendFigure.OutcomeScore, 0, string.Empty, outcome);
            }

            if (HandlingScore is { } handling)
            {
                yield return (TrendFigure.HandlingScore, 0, string.Empty, handling);
            }
        }
    }
}
