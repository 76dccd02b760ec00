using System.Linq.Expressions;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// THE definition of "acknowledged within 24 hours" (P-20), used by the case, the queue, the home summary, the CEO page,
/// the trends and the review packs. A still-unacknowledged complaint past its deadline is a miss, not left out of the
/// count: otherwise a figure reads 100 % beside an overdue acknowledgement. One expression per outcome serves both the
/// database (counts in SQL) and one loaded complaint (compiled once), so the two can never disagree.
/// </summary>
public static class AcknowledgementTarget
{
    /// <summary>Acknowledged by the deadline.</summary>
    public static readonly Expression<Func<Complaint, bool>> IsMet =
        c => c.Acknowledgement != null && c.Acknowledgement.At <= c.AcknowledgementDueAt;

    /// <summary>
    /// (complaint, now) → missed: acknowledged late; or never acknowledged and either still waiting past its deadline or
    /// flagged by the deadline scan before it was withdrawn.
    /// </summary>
    public static readonly Expression<Func<Complaint, DateTime, bool>> IsMissedAt =
        (c, now) => c.Acknowledgement != null
            ? c.Acknowledgement.At > c.AcknowledgementDueAt
            : c.AcknowledgementBreachedAt != null || (c.Status == ComplaintStatus.Received && c.AcknowledgementDueAt < now);

    /// <summary>(complaint, now) → waiting for its acknowledgement past the deadline now (the "acknowledgement overdue" count).</summary>
    public static readonly Expression<Func<Complaint, DateTime, bool>> IsOverdueAt =
        (c, now) => c.Status == ComplaintStatus.Received && c.AcknowledgementDueAt < now;

    private static readonly Func<Complaint, bool> Met = IsMet.Compile();
    private static readonly Func<Complaint, DateTime, bool> Missed = IsMissedAt.Compile();

    /// <summary>The complaint's outcome at <paramref name="now"/> (UTC).</summary>
    public static AcknowledgementOutcome Of(Complaint complaint, DateTime now) =>
        Met(complaint) ? AcknowledgementOutcome.Met : Missed(complaint, now) ? AcknowledgementOutcome.Missed : AcknowledgementOutcome.Pending;

    /// <summary><see cref="IsMissedAt"/> with <paramref name="now"/> filled in, for a database query (sent as a parameter).</summary>
    public static Expression<Func<Complaint, bool>> IsMissed(DateTime now) => Bind(IsMissedAt, now);

    /// <summary><see cref="IsOverdueAt"/> with <paramref name="now"/> filled in, for a database query.</summary>
    public static Expression<Func<Complaint, bool>> IsOverdue(DateTime now) => Bind(IsOverdueAt, now);

    private static Expression<Func<Complaint, bool>> Bind(Expression<Func<Complaint, DateTime, bool>> rule, DateTime now)
    {
        // A member of a closure object, as a captured variable would be: EF Core sends it as a query parameter.
        Expression value = Expression.Property(Expression.Constant(new Moment(now)), nameof(Moment.Value));
        var body = new Replace(rule.Parameters[1], value).Visit(rule.Body);
        return Expression.Lambda<Func<Complaint, bool>>(body, rule.Parameters[0]);
    }

    private sealed record Moment(DateTime Value);

    private sealed class Replace(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : base.VisitParameter(node);
    }
}
