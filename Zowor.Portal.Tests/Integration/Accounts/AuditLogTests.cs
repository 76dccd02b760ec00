using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Accounts;

/// <summary>P-91 accountability: an Admin browses the audit log by user, complaint, action and date, and downloads it as CSV.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class AuditLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly PortalAppFactory _app;

    public AuditLogTests() => _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync("audit.admin@zowor.test", "Audit Admin", PortalRoles.Admin);
        var audit = _app.Services.GetRequiredService<AuditTrail>();
        var anna = new Actor("anna-id", "Anna CSM");
        var boris = new Actor("boris-id", "Boris Agent");
        var first = Guid.NewGuid();
        await audit.RecordViewAsync(anna, first, "ZW-2026-000001", Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        await audit.RecordAsync(anna, AuditActions.SearchedCustomer, null, null, "by e-mail: 1 complaint(s)", Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        await audit.RecordViewAsync(boris, first, "ZW-2026-000001", Ct);
        await audit.RecordAsync(boris, AuditActions.ExportedCustomer, Guid.NewGuid(), "ZW-2026-000002", "=cmd|' /C calc'!A0", Ct);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Search_ByUserComplaintActionAndDate_FindsExactlyTheMatches()
    {
        await using var admin = await _app.SignInAsync("audit.admin@zowor.test");
        var log = admin.Services.GetRequiredService<AuditLogQueries>();

        Assert.Equal(4, (await log.SearchAsync(new AuditFilter(), Ct)).Count);
        Assert.Equal(["ExportedCustomer", "ViewedPersonalData"], (await log.SearchAsync(new AuditFilter(UserId: "boris-id"), Ct)).Select(l => l.Action));
        Assert.Equal(["Boris Agent", "Anna CSM"], (await log.SearchAsync(new AuditFilter(Reference: " zw-2026-000001 "), Ct)).Select(l => l.UserName));
        Assert.Equal(["Anna CSM"], (await log.SearchAsync(new AuditFilter(Action: AuditActions.SearchedCustomer), Ct)).Select(l => l.UserName));
        var onTheSecond = await log.SearchAsync(new AuditFilter(From: new DateOnly(2026, 11, 3), To: new DateOnly(2026, 11, 3)), Ct);
        Assert.Equal([AuditActions.SearchedCustomer], onTheSecond.Select(l => l.Action));
        Assert.Empty(await log.SearchAsync(new AuditFilter(UserId: "anna-id", Action: AuditActions.ExportedCustomer), Ct));
    }

    [Fact]
    public async Task Search_AsAnotherRole_IsRefused()
    {
        await _app.CreateStaffUserAsync("audit.csm@zowor.test", "Audit CSM", PortalRoles.Csm);
        await using var csm = await _app.SignInAsync("audit.csm@zowor.test");

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => csm.Services.GetRequiredService<AuditLogQueries>().SearchAsync(new AuditFilter(), Ct));
    }

    [Fact]
    public async Task Csv_WithTheFilter_HoldsTheMatches_FormulasDefused()
    {
        using var client = await PortalClient.SignedInAsync(_app, await AdminWithPasswordAsync(), "Str0ng-Passphrase!", cancellationToken: Ct);

        using var response = await client.Http.GetAsync("admin/audit/csv?user=boris-id&from=2026-11-01&to=2026-11-30", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("At,User,UserId,Action,Reference,ComplaintId,Detail", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains("Boris Agent", l, StringComparison.Ordinal));
        Assert.Contains(",'=cmd|' /C calc'!A0", lines[1], StringComparison.Ordinal);

        using var badDate = await client.Http.GetAsync("admin/audit/csv?from=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    // An Admin signs in over HTTP with a password and the demo authenticator key (the one created above has neither).
    private async Task<string> AdminWithPasswordAsync()
    {
        const string email = "http.admin@zowor.test";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "HTTP Admin" };
        Assert.True((await users.CreateAsync(user, "Str0ng-Passphrase!")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Admin)).Succeeded);
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", Zowor.Portal.Data.DbSeeder.DemoAuthenticatorKey);
        await users.SetTwoFactorEnabledAsync(user, true);
        return email;
    }
}
