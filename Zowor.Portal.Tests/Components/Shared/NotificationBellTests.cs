using Bunit;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Components.Layout;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Shared;

/// <summary>
/// Issue 20: the bell says when each notification came ("just now", "3 h 55 min ago", the exact business time on hover);
/// opening one marks only that one read; "Mark all read" clears the rest. Closing the list leaves unread ones unread.
/// </summary>
public sealed class NotificationBellTests : PortalComponentTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var now = StartTime.UtcDateTime;
        await using var db = Database.CreateContext();
        db.Add(new UserNotification { UserId = CsmId, Reference = "ZW-2026-000041", Kind = NotificationKinds.Assigned, CreatedAt = now.AddHours(-3).AddMinutes(-55), ComplaintId = Guid.NewGuid() });
        db.Add(new UserNotification { UserId = CsmId, Reference = "ZW-2026-000042", Kind = NotificationKinds.Escalated, Detail = "2", CreatedAt = now.AddSeconds(-20), ComplaintId = Guid.NewGuid() });
        db.Add(new UserNotification { UserId = "user-someone-else", Reference = "ZW-2026-000043", Kind = NotificationKinds.Assigned, CreatedAt = now });
        await db.SaveChangesAsync(Cancellation);
        SignInAsCsm();
        RenderProviders();
    }

    [Fact]
    public void EachNotification_SaysWhenItCame()
    {
        var cut = Render<NotificationBell>();
        Open(cut);

        var items = Popovers.FindAll("[data-testid=notification-item]");
        Assert.Equal(2, items.Count);
        Assert.Contains("ZW-2026-000042 was escalated to level 2", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("just now", items[0].QuerySelector("[data-testid=notification-time]")!.TextContent.Trim());
        Assert.Equal("3 h 55 min ago", items[1].QuerySelector("[data-testid=notification-time]")!.TextContent.Trim());
        // The exact moment in business time (Asia/Almaty, UTC+5) on hover.
        Assert.Equal("10 Mar 2026, 07:05", items[1].QuerySelector("[data-testid=notification-time]")!.GetAttribute("title"));
    }

    [Fact]
    public async Task OpeningOne_MarksOnlyThatOneRead()
    {
        var cut = Render<NotificationBell>();
        Open(cut);

        Popovers.FindAll("[data-testid=notification-item]")[1].Click();

        await WaitForUnreadAsync(["ZW-2026-000042"]);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=notification-count] .mud-badge").TextContent.Trim()));
        Assert.Null((await ReadAtAsync("ZW-2026-000043")));
    }

    [Fact]
    public async Task MarkAllRead_ClearsTheUsersOwn_AndNobodyElses()
    {
        var cut = Render<NotificationBell>();
        Open(cut);

        Popovers.Find("[data-testid=notification-mark-all]").Click();

        await WaitForUnreadAsync([]);
        Assert.Null(await ReadAtAsync("ZW-2026-000043"));
        Assert.Equal(StartTime.UtcDateTime, await ReadAtAsync("ZW-2026-000041"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=notification-count] .mud-badge")));
    }

    private void Open(IRenderedComponent<NotificationBell> cut)
    {
        cut.WaitForElement("[data-testid=notification-count] .mud-badge");
        // A pointer's click (Detail 1): LazyMenu hands a keyboard press to MudMenu's button in the browser (portal.js).
        cut.Find("[data-testid=notification-button] button").Click(new Microsoft.AspNetCore.Components.Web.MouseEventArgs { Detail = 1 });
        Popovers.WaitForElement("[data-testid=notification-item]");
    }

    private async Task WaitForUnreadAsync(string[] expected)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = Database.CreateContext();
            var unread = await db.Set<UserNotification>().Where(n => n.UserId == CsmId && n.ReadAt == null).OrderByDescending(n => n.Id).Select(n => n.Reference).ToListAsync(Cancellation);
            if (unread.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(100, Cancellation);
        }

        Assert.Fail($"Unread never became [{string.Join(", ", expected)}]");
    }

    private async Task<DateTime?> ReadAtAsync(string reference)
    {
        await using var db = Database.CreateContext();
        return await db.Set<UserNotification>().Where(n => n.Reference == reference).Select(n => n.ReadAt).SingleAsync(Cancellation);
    }
}
