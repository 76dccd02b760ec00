using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Settings;

/// <summary>
/// The thresholds of the rules in time (P-20 warning hours, P-21 update cadence, P-71/P-72 targets, P-51 retention,
/// business time zone): Admin only, validated, and a refused change leaves the stored row exactly as it was.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class SettingsServiceTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    private const string AdminEmail = "portal.admin@zowor.test";

    private static readonly Dictionary<string, string> RoleEmails = new()
    {
        [PortalRoles.Agent] = "aigerim.agent@zowor.test",
        [PortalRoles.Csm] = "saule.csm@zowor.test",
        [PortalRoles.Cco] = "dana.cco@zowor.test",
        [PortalRoles.Ceo] = "allen.ceo@zowor.test",
        [PortalRoles.Quality] = "marat.quality@zowor.test",
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly PortalAppFactory _app;

    public SettingsServiceTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string> NonAdminRoles => new(PortalRoles.All.Where(r => r != PortalRoles.Admin));

    public static TheoryData<string, string> InvalidChanges => new()
    {
        { "AcknowledgementWarningHours=0", "The warning must come between 1 and 23 hours after receipt." },
        { "AcknowledgementWarningHours=24", "The warning must come between 1 and 23 hours after receipt." },
        { "CustomerUpdateDays=0", "The update cadence must be between 1 and 60 days." },
        { "CustomerUpdateDays=61", "The update cadence must be between 1 and 60 days." },
        { "Level1ResolutionDays=0", "The level-1 target must be between 1 and 365 days." },
        { "Level2ResolutionDays=0", "The level-2 target must be between 1 and 365 days." },
        { "RetentionMonths=0", "Retention must be between 1 and 120 months." },
        { "OfferAnswerDays=0", "The waiting period for the customer's answer must be between 1 and 60 days." },
        { "OfferAnswerDays=61", "The waiting period for the customer's answer must be between 1 and 60 days." },
        { "TimeZone=Mars/Base", "The time zone is not known. Use an IANA id such as Asia/Almaty or Europe/Moscow." },
        { "TimeZone=", "Choose the business time zone." },
    };

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(AdminEmail, "Portal Admin", PortalRoles.Admin);
        foreach (var (role, email) in RoleEmails)
        {
            await _app.CreateStaffUserAsync(email, $"{role} user", role);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SaveAsync_AsAdminWithValidValues_StoresThemAndTheNextReadSeesThem()
    {
        _clock.Advance(TimeSpan.FromHours(2));
        await using var admin = await _app.SignInAsync(AdminEmail);
        var service = admin.Services.GetRequiredService<SettingsService>();
        var changed = await service.GetAsync(Ct);
        changed.AcknowledgementWarningHours = 20;
        changed.CustomerUpdateDays = 3;
        changed.Level1ResolutionDays = 7;
        changed.Level2ResolutionDays = 4;
        changed.RetentionMonths = 24;
        changed.OfferAnswerDays = 10;
        changed.TimeZone = "Europe/Moscow";

        await service.SaveAsync(changed, Ct);

        var stored = await StoredAsync();
        Assert.Equal((20, 3, 7, 4, 24, "Europe/Moscow"),
            (stored.AcknowledgementWarningHours, stored.CustomerUpdateDays, stored.Level1ResolutionDays, stored.Level2ResolutionDays, stored.RetentionMonths, stored.TimeZone));
        Assert.Equal((Start.AddHours(2), "Portal Admin"), (stored.UpdatedAt, stored.UpdatedBy));
        Assert.Equal(10, stored.OfferAnswerDays);
        var current = _app.Services.GetRequiredService<SettingsProvider>().Current;
        Assert.Equal((20, 7, "Europe/Moscow"), (current.AcknowledgementWarningHours, current.Level1ResolutionDays, current.TimeZone));
        Assert.Equal("Europe/Moscow", _app.Services.GetRequiredService<BusinessClock>().Zone.Id);
    }

    [Fact]
    public async Task GetAsync_AsAdminOnAFreshPortal_ReturnsThePolicyDefaults()
    {
        // P-20 warning 18 h; P-21 update every 5 days; P-71 10 days; P-72 5 days; P-51 12 months; Almaty; P-40 7 days.
        await using var admin = await _app.SignInAsync(AdminEmail);

        var settings = await admin.Services.GetRequiredService<SettingsService>().GetAsync(Ct);

        Assert.Equal((18, 5, 10, 5, 12, "Asia/Almaty"),
            (settings.AcknowledgementWarningHours, settings.CustomerUpdateDays, settings.Level1ResolutionDays, settings.Level2ResolutionDays, settings.RetentionMonths, settings.TimeZone));
        Assert.Equal(7, settings.OfferAnswerDays);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(23)]
    public async Task SaveAsync_WarningHoursAtTheirLimits_AreAccepted(int hours)
    {
        await using var admin = await _app.SignInAsync(AdminEmail);
        var service = admin.Services.GetRequiredService<SettingsService>();
        var changed = await service.GetAsync(Ct);
        changed.AcknowledgementWarningHours = hours;

        await service.SaveAsync(changed, Ct);

        Assert.Equal(hours, (await StoredAsync()).AcknowledgementWarningHours);
    }

    [Theory]
    [MemberData(nameof(InvalidChanges))]
    public async Task SaveAsync_InvalidValue_ThrowsDomainExceptionAndStoresNothing(string change, string message)
    {
        await using var admin = await _app.SignInAsync(AdminEmail);
        var service = admin.Services.GetRequiredService<SettingsService>();
        var changed = await service.GetAsync(Ct);
        var before = Json(await StoredAsync());
        changed.Level1ResolutionDays = 3; // a valid change that must not slip through with the invalid one
        Apply(changed, change);

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(changed, Ct));

        Assert.Equal(message, ex.Message);
        Assert.Equal(before, Json(await StoredAsync()));
        Assert.Equal(10, _app.Services.GetRequiredService<SettingsProvider>().Current.Level1ResolutionDays);
    }

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task SaveAndGet_AsNonAdmin_ThrowAccessDeniedAndStoreNothing(string role)
    {
        var before = Json(await StoredAsync());
        await using var user = await _app.SignInAsync(RoleEmails[role]);
        var service = user.Services.GetRequiredService<SettingsService>();
        var changed = new PortalSettings { Level1ResolutionDays = 1, AcknowledgementWarningHours = 1 };

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => service.GetAsync(Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => service.SaveAsync(changed, Ct));

        Assert.Equal(before, Json(await StoredAsync()));
    }

    private async Task<PortalSettings> StoredAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Set<PortalSettings>().AsNoTracking().SingleAsync(Ct);
    }

    private static string Json(PortalSettings settings) => JsonSerializer.Serialize(settings);

    private static void Apply(PortalSettings settings, string change)
    {
        var (name, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        switch (name)
        {
            case nameof(PortalSettings.TimeZone):
                settings.TimeZone = value;
                break;
            default:
                typeof(PortalSettings).GetProperty(name)!.SetValue(settings, int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
