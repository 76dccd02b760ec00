using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Customers;

/// <summary>P-01: the customer rates the outcome and the handling once.</summary>
public sealed class SatisfactionSurveyTests
{
    private static readonly DateTime Issued = new(2026, 5, 4, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void P01_AnAnswer_RecordsBothScoresAndTheCommentOnce()
    {
        var survey = SatisfactionSurvey.Issue(Guid.NewGuid(), new string('1', 64), Issued);

        survey.Answer(4, 2, "  Quick refund, but nobody called.  ", Issued.AddDays(1));

        Assert.Equal((true, 4, 2, "Quick refund, but nobody called.", Issued.AddDays(1)),
            (survey.IsAnswered, survey.OutcomeScore, survey.HandlingScore, survey.Comment, survey.AnsweredAt));
    }

    [Fact]
    public void P01_ASecondAnswer_IsRefused_AndTheFirstOneStays()
    {
        var survey = SatisfactionSurvey.Issue(Guid.NewGuid(), new string('1', 64), Issued);
        survey.Answer(5, 5, null, Issued.AddDays(1));

        Assert.Throws<DomainException>(() => survey.Answer(1, 1, "changed my mind", Issued.AddDays(2)));

        Assert.Equal((5, 5, (string?)null), (survey.OutcomeScore, survey.HandlingScore, survey.Comment));
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, null)]
    [InlineData(3, -1)]
    public void ScoresOutside1To5_AreRefused(int? outcome, int? handling)
    {
        var survey = SatisfactionSurvey.Issue(Guid.NewGuid(), new string('1', 64), Issued);

        Assert.Throws<DomainException>(() => survey.Answer(outcome, handling, null, Issued.AddDays(1)));
        Assert.False(survey.IsAnswered);
    }

    [Fact]
    public void AnUnansweredSurvey_GetsANewLink_WhenTheComplaintIsClosedAgain_AnAnsweredOneDoesNot()
    {
        var open = SatisfactionSurvey.Issue(Guid.NewGuid(), new string('1', 64), Issued);
        var answered = SatisfactionSurvey.Issue(Guid.NewGuid(), new string('2', 64), Issued);
        answered.Answer(3, 3, null, Issued.AddDays(1));

        Assert.True(open.Reissue(new string('3', 64), Issued.AddDays(5)));
        Assert.False(answered.Reissue(new string('4', 64), Issued.AddDays(5)));

        Assert.Equal((new string('3', 64), Issued.AddDays(5)), (open.TokenHash, open.IssuedAt));
        Assert.Equal(new string('2', 64), answered.TokenHash);
    }

    [Fact]
    public void P51_Anonymising_ErasesTheComment_AndKeepsTheScores()
    {
        var survey = SatisfactionSurvey.Issue(Guid.NewGuid(), new string('1', 64), Issued);
        survey.Answer(2, 4, "Ivan Petrov, flat 12", Issued.AddDays(1));

        survey.Anonymise();

        Assert.Equal((2, 4, Complaint.Erased), (survey.OutcomeScore, survey.HandlingScore, survey.Comment));
    }
}
