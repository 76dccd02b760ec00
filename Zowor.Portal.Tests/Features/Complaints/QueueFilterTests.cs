using Microsoft.AspNetCore.WebUtilities;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Tests.Features.Complaints;

/// <summary>
/// The queue's filters, sort and page live in the URL (issue 17): every filter survives the trip to a query string and
/// back, so a shared link or the back button shows the same list; a hand-edited link with nonsense shows the default
/// list instead of failing.
/// </summary>
public sealed class QueueFilterTests
{
    public static TheoryData<string, QueueFilter> EveryFilter => new()
    {
        { "search", new QueueFilter { Search = "Kettle & jug 100% = ok?" } },
        { "level", new QueueFilter { Level = EscalationLevel.ChiefExecutive } },
        { "status", new QueueFilter { Status = ComplaintStatus.Resolving } },
        { "category", new QueueFilter { CategoryCode = "delivery" } },
        { "channel", new QueueFilter { Channel = ComplaintChannel.Email } },
        { "severity", new QueueFilter { Severity = ComplaintSeverity.Serious } },
        { "owner me", new QueueFilter { Owner = QueueFilter.Me } },
        { "owner unassigned", new QueueFilter { Owner = QueueQuery.Unassigned } },
        { "owner id", new QueueFilter { Owner = "3f2c7a9e-0d1b-4c55-9a7e-1e2f3a4b5c6d" } },
        { "due", new QueueFilter { Due = true } },
        { "waiting", new QueueFilter { Waiting = true } },
        { "closed", new QueueFilter { ClosedWithinDays = 30 } },
        { "sort", new QueueFilter { Sort = QueueSort.Reference, Descending = true } },
        { "page", new QueueFilter { Page = 3 } },
        { "page size", new QueueFilter { PageSize = 100 } },
        {
            "all at once", new QueueFilter
            {
                Search = "Шульц", Level = EscalationLevel.ChiefCustomerOfficer, Status = ComplaintStatus.Investigating, CategoryCode = "billing",
                Channel = ComplaintChannel.Phone, Severity = ComplaintSeverity.Normal, Owner = QueueFilter.Me, Due = true, Waiting = true,
                ClosedWithinDays = 7, Sort = QueueSort.Newest, Descending = true, Page = 1, PageSize = 50,
            }
        },
    };

    [Theory]
    [MemberData(nameof(EveryFilter))]
    public void Url_RoundTripsTheFilter(string what, QueueFilter filter)
    {
        var link = filter.Link("queue");

        var read = Parse(link);

        Assert.True(filter == read, $"{what}: {link} read back as {read}");
    }

    [Fact]
    public void Url_OfTheDefaultList_IsThePageAlone()
    {
        Assert.Equal("queue", new QueueFilter().Link("queue"));
        Assert.Equal(new QueueFilter(), Parse("queue"));
    }

    [Fact]
    public void Url_CountsPagesFromOne_AsPeopleDo()
    {
        Assert.Equal("queue?page=2", new QueueFilter { Page = 1 }.Link("queue"));
    }

    [Theory]
    [InlineData("queue?status=Nonsense&level=7&channel=3&closed=-5&page=0&size=33&sort=Sideways&due=maybe")]
    [InlineData("queue?status=&level=&closed=99999&page=abc&size=1000000")]
    public void Url_WithMalformedValues_ShowsTheDefaultList(string link)
    {
        Assert.Equal(new QueueFilter(), Parse(link));
    }

    [Fact]
    public void ToQuery_ALevelOutsideTheList_IsIgnored()
    {
        // A board link with level=1 on the board (levels 2 and 3) must not widen or empty the list.
        var query = new QueueFilter { Level = EscalationLevel.CustomerServiceManager }
            .ToQuery([EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive]);

        Assert.Equal([EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive], query.Levels);
    }

    [Fact]
    public void BuiltInViews_AreRecognisedOnAnyPageAndOrder()
    {
        var mine = BuiltInQueueViews.AssignedToMe with { Page = 4, Sort = QueueSort.Newest, PageSize = 50 };

        Assert.True(BuiltInQueueViews.Shows(mine, BuiltInQueueViews.AssignedToMe));
        Assert.False(BuiltInQueueViews.Shows(mine with { Due = true }, BuiltInQueueViews.AssignedToMe));
        Assert.Equal("queue?owner=me", BuiltInQueueViews.AssignedToMe.Link("queue"));
    }

    private static QueueFilter Parse(string link)
    {
        var query = link.Contains('?') ? QueryHelpers.ParseQuery(link[link.IndexOf('?')..]) : [];
        return QueueFilter.Parse(name => query.TryGetValue(name, out var value) ? value.ToString() : null);
    }
}
