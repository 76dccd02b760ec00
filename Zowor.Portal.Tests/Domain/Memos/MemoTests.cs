using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Memos;

namespace Zowor.Portal.Tests.Domain.Memos;

/// <summary>P-81: policy updates reach staff as memos, and each member of the audience acknowledges having read one.</summary>
public sealed class MemoTests
{
    private static readonly DateTime PublishedAt = new(2026, 3, 10, 6, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly string[] KnownRoles = ["Agent", "CSM", "CCO", "CEO", "Quality", "Admin"];
    private static readonly Actor Quality = new("user-quality", "Marat Quality");
    private static readonly Actor Csm = new("user-csm", "Sanzhar Serikov");

    private static Memo Publish(string[]? audience = null, DateOnly? effectiveOn = null) =>
        Memo.Publish("New acknowledgement script", "Read the **reference** back.", audience ?? ["Agent", "CSM"], effectiveOn ?? Today, KnownRoles, Today, Quality, PublishedAt);

    [Fact]
    public void Publish_WithValidInput_RecordsAuthorAudienceAndDates()
    {
        var memo = Publish(["CSM", "Agent", "CSM"], Today.AddDays(3));

        Assert.Equal(("New acknowledgement script", "user-quality", "Marat Quality", PublishedAt, Today.AddDays(3)),
            (memo.Title, memo.AuthorId, memo.AuthorName, memo.PublishedAt, memo.EffectiveOn));
        Assert.Equal(["Agent", "CSM"], memo.AudienceRoles);
        Assert.Empty(memo.Acknowledgements);
    }

    [Theory]
    [InlineData(new string[0], "Choose at least one role to send the memo to.")]
    [InlineData(new[] { "Agent", "Janitor" }, "The audience names a role that does not exist.")]
    public void Publish_WithBadAudience_Throws(string[] audience, string message)
    {
        var ex = Assert.Throws<DomainException>(() => Publish(audience));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Publish_WithEffectiveDateInThePast_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => Publish(effectiveOn: Today.AddDays(-1)));
        Assert.Equal("The effective date cannot be in the past.", ex.Message);
    }

    [Theory]
    [InlineData(null, "Body")]
    [InlineData("  ", "Body")]
    [InlineData("Title", null)]
    public void Publish_WithoutTitleOrText_Throws(string? title, string? body)
    {
        Assert.Throws<DomainException>(() => Memo.Publish(title, body, ["CSM"], Today, KnownRoles, Today, Quality, PublishedAt));
    }

    [Fact]
    public void Acknowledge_ByAudienceMember_RecordsWhoAndWhen()
    {
        var memo = Publish();

        var acknowledgement = memo.Acknowledge(Csm, ["CSM"], PublishedAt.AddHours(1));

        Assert.Equal((memo.Id, "user-csm", "Sanzhar Serikov", PublishedAt.AddHours(1)), (acknowledgement.MemoId, acknowledgement.UserId, acknowledgement.UserName, acknowledgement.At));
        Assert.True(memo.IsAcknowledgedBy("user-csm"));
        Assert.False(memo.IsAcknowledgedBy("user-agent"));
    }

    [Fact]
    public void Acknowledge_Twice_ThrowsAndKeepsTheFirstDate()
    {
        var memo = Publish();
        memo.Acknowledge(Csm, ["CSM"], PublishedAt.AddHours(1));

        var ex = Assert.Throws<DomainException>(() => memo.Acknowledge(Csm, ["CSM"], PublishedAt.AddHours(2)));

        Assert.Equal("You have already acknowledged this memo.", ex.Message);
        Assert.Equal(PublishedAt.AddHours(1), Assert.Single(memo.Acknowledgements).At);
    }

    [Theory]
    [InlineData("CEO")]
    [InlineData("Quality")]
    public void Acknowledge_OutsideTheAudience_Throws(string role)
    {
        var memo = Publish(["Agent", "CSM"]);

        var ex = Assert.Throws<DomainException>(() => memo.Acknowledge(new Actor("someone", "Someone"), [role], PublishedAt.AddHours(1)));

        Assert.Equal("This memo is not addressed to you.", ex.Message);
        Assert.Empty(memo.Acknowledgements);
    }

    [Fact]
    public void Acknowledge_ByHolderOfSeveralRoles_CountsAnyAudienceRole()
    {
        var memo = Publish(["Quality"]);

        memo.Acknowledge(Csm, ["CSM", "Quality"], PublishedAt);

        Assert.True(memo.IsAcknowledgedBy(Csm.Id));
    }

    [Fact]
    public void Acknowledge_BeforePublication_Throws()
    {
        var memo = Publish();

        Assert.Throws<DomainException>(() => memo.Acknowledge(Csm, ["CSM"], PublishedAt.AddMinutes(-1)));
    }
}
