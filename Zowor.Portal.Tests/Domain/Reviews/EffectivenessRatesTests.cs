using System.Globalization;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Reviews;

namespace Zowor.Portal.Tests.Domain.Reviews;

/// <summary>P-61: the definitions of the effectiveness figures, on hand-built cohorts; and the P-63 review rules.</summary>
public sealed class EffectivenessRatesTests
{
    [Fact]
    public void ReopenRate_CountsOnlyComplaintsThatEnded_P61()
    {
        // Five complaints: two ended and stayed ended, one ended and was reopened (now ended again), one reopened and
        // still open (it ended once before), one still being worked for the first time (not counted).
        var figure = EffectivenessRates.ReopenRate(
        [
            new ReopenFact(EverEnded: true, Reopened: false),
            new ReopenFact(EverEnded: true, Reopened: false),
            new ReopenFact(EverEnded: true, Reopened: true),
            new ReopenFact(EverEnded: false, Reopened: true),
            new ReopenFact(EverEnded: false, Reopened: false),
        ]);

        Assert.Equal(new RateFigure(2, 4), figure);
        Assert.Equal(0.5, figure.Rate);
    }

    [Fact]
    public void FirstOfferAcceptance_UsesTheFirstAnswerOnly_P61()
    {
        // Accepted at once; rejected then accepted (a miss: the first offer failed); rejected; no answer recorded (not counted).
        var figure = EffectivenessRates.FirstOfferAcceptance([[true], [false, true], [false], []]);

        Assert.Equal(new RateFigure(1, 3), figure);
    }

    [Fact]
    public void ResolvedByFirstEstimate_CountsResolvedAndPastDue_NotPendingOrWithoutEstimate_P61_P21()
    {
        var today = new DateOnly(2026, 11, 15);
        var figure = EffectivenessRates.ResolvedByFirstEstimate(
        [
            new EstimateFact(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 10)), // on the day: met
            new EstimateFact(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12)), // late: counted, missed
            new EstimateFact(new DateOnly(2026, 11, 10), null),                        // unresolved past the date: missed
            new EstimateFact(new DateOnly(2026, 11, 20), null),                        // date not reached: not counted yet
            new EstimateFact(null, new DateOnly(2026, 11, 1)),                         // never given an estimate: not counted
        ], today);

        Assert.Equal(new RateFigure(1, 3), figure);
    }

    [Fact]
    public void Rates_WithNothingCounted_AreNull()
    {
        Assert.Null(EffectivenessRates.ReopenRate([new ReopenFact(false, false)]).Rate);
        Assert.Null(EffectivenessRates.FirstOfferAcceptance([]).Rate);
    }

    [Theory]
    [InlineData(5, 4, 4.5)]
    [InlineData(1, 2, 1.5)]
    [InlineData(null, 4, null)]
    [InlineData(6, 4, null)]
    public void SatisfactionScore_IsTheMeanOfBothScores_P61(int? outcome, int? handling, double? expected) =>
        Assert.Equal(expected, EffectivenessRates.SatisfactionScore(outcome, handling));

    [Theory]
    [InlineData("2026-11-01", "2026-11-10", null, ReviewDecisionStatus.Open)]
    [InlineData("2026-11-11", "2026-11-10", null, ReviewDecisionStatus.Overdue)]
    [InlineData("2026-11-11", "2026-11-10", "2026-11-09", ReviewDecisionStatus.Done)]
    [InlineData("2026-11-05", "2026-11-10", "2026-11-09", ReviewDecisionStatus.Open)]
    public void DecisionStatus_OnADay_P63(string asOf, string due, string? done, ReviewDecisionStatus expected) =>
        Assert.Equal(expected, ReviewDecisions.StatusOn(
            DateOnly.Parse(asOf, CultureInfo.InvariantCulture), DateOnly.Parse(due, CultureInfo.InvariantCulture),
            done is null ? null : DateOnly.Parse(done, CultureInfo.InvariantCulture)));

    [Fact]
    public void SignOff_OncePerRole_ByAHolderOfTheRole_P63()
    {
        ReviewSignOffRules.Check("Quality", ["Quality"], []);
        ReviewSignOffRules.Check("CCO", ["CCO", "Quality"], ["Quality"]);

        Assert.Throws<DomainException>(() => ReviewSignOffRules.Check("Quality", ["Quality"], ["Quality"]));
        Assert.Throws<DomainException>(() => ReviewSignOffRules.Check("CCO", ["Quality"], []));
        Assert.Throws<DomainException>(() => ReviewSignOffRules.Check("CEO", ["CEO"], []));
    }
}
