using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Training;

namespace Zowor.Portal.Tests.Domain.Training;

/// <summary>P-80: every staff member holds current training; the expiry rules decide valid, expiring soon, expired or missing.</summary>
public sealed class TrainingStandingTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    // Expires in 31 days: still plainly valid with a 30-day warning.
    [InlineData(31, TrainingStatus.Valid)]
    // 30 days to go down to 1 day: expiring soon.
    [InlineData(30, TrainingStatus.ExpiringSoon)]
    [InlineData(1, TrainingStatus.ExpiringSoon)]
    // The expiry day itself and after: expired.
    [InlineData(0, TrainingStatus.Expired)]
    [InlineData(-200, TrainingStatus.Expired)]
    public void Evaluate_ByDaysToExpiry_GivesTheStatus(int daysToExpiry, TrainingStatus expected)
    {
        var expires = Today.AddDays(daysToExpiry);

        var standing = TrainingStanding.Evaluate([(expires.AddMonths(-12), expires)], Today);

        Assert.Equal((expected, expires), (standing.Status, standing.ExpiresOn));
        Assert.Equal(expected is TrainingStatus.Valid or TrainingStatus.ExpiringSoon, standing.IsCurrent);
    }

    [Fact]
    public void Evaluate_WithoutCompletions_IsMissing()
    {
        var standing = TrainingStanding.Evaluate([], Today);

        Assert.Equal(new TrainingStanding(TrainingStatus.Missing, null, null), standing);
        Assert.False(standing.IsCurrent);
    }

    [Fact]
    public void Evaluate_WithAnExpiredAndARenewedCompletion_CountsTheRenewal()
    {
        var standing = TrainingStanding.Evaluate([(Today.AddMonths(-25), Today.AddMonths(-1)), (Today.AddMonths(-1), Today.AddMonths(23))], Today);

        Assert.Equal((TrainingStatus.Valid, Today.AddMonths(-1), Today.AddMonths(23)), (standing.Status, standing.CompletedOn, standing.ExpiresOn));
    }

    [Fact]
    public void Evaluate_WithNeverExpiringCompletion_StaysValid()
    {
        var standing = TrainingStanding.Evaluate([(Today.AddYears(-10), null)], Today);

        Assert.Equal(new TrainingStanding(TrainingStatus.Valid, Today.AddYears(-10), null), standing);
    }

    [Fact]
    public void Evaluate_WithCustomWarningWindow_FlagsEarlier()
    {
        var standing = TrainingStanding.Evaluate([(Today.AddMonths(-11), Today.AddDays(45))], Today, warningDays: 60);

        Assert.Equal(TrainingStatus.ExpiringSoon, standing.Status);
    }

    [Fact]
    public void ExpiryFor_TwelveMonthCourse_IsTheSameDayAYearLater()
    {
        var course = TrainingCourse.Create("Complaint handling procedure", null, 12, mandatory: true);

        Assert.Equal(new DateOnly(2027, 2, 28), course.ExpiryFor(new DateOnly(2026, 2, 28)));
        Assert.Null(TrainingCourse.Create("Induction", null, null, mandatory: false).ExpiryFor(Today));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void CreateCourse_WithValidityOutOfRange_Throws(int months)
    {
        Assert.Throws<DomainException>(() => TrainingCourse.Create("Empathy", null, months, mandatory: true));
    }

    [Fact]
    public void RecordSession_GivesEveryAttendeeACompletionWithTheCoursesExpiry()
    {
        var course = TrainingCourse.Create("Empathy in customer conversations", null, 24, mandatory: true);
        Actor[] attendees = [new("a", "Aigerim"), new("b", "Sanzhar"), new("a", "Aigerim")];

        var session = TrainingSession.Record(course, Today.AddDays(-1), " Talk Well Academy ", null, attendees, Today, new Actor("admin", "Admin"), new DateTime(2026, 3, 10, 6, 0, 0, DateTimeKind.Utc));

        Assert.Equal("Talk Well Academy", session.Trainer);
        Assert.Equal(
            [("a", Today.AddDays(-1), (DateOnly?)Today.AddDays(-1).AddMonths(24)), ("b", Today.AddDays(-1), Today.AddDays(-1).AddMonths(24))],
            session.Completions.Select(c => (c.UserId, c.CompletedOn, c.ExpiresOn)));
    }

    [Fact]
    public void RecordSession_InTheFuture_Throws()
    {
        var course = TrainingCourse.Create("Empathy", null, 24, mandatory: true);

        var ex = Assert.Throws<DomainException>(() => TrainingSession.Record(course, Today.AddDays(1), "Trainer", null, [new Actor("a", "A")], Today, new Actor("admin", "Admin"), DateTime.UtcNow));

        Assert.Equal("Record a session once it has taken place: the date cannot be in the future.", ex.Message);
    }

    [Fact]
    public void RecordSession_WithoutAttendees_Throws()
    {
        var course = TrainingCourse.Create("Empathy", null, 24, mandatory: true);

        Assert.Throws<DomainException>(() => TrainingSession.Record(course, Today, "Trainer", null, [], Today, new Actor("admin", "Admin"), DateTime.UtcNow));
    }
}
