using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Evidence;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Features.Products;
using Zowor.Portal.Features.Replies;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Hosting;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Platform.Storage;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// The one base class of the bUnit tests: MudBlazor services with loose JS interop, the real localizer (English text is
/// the key, so English renders the keys), the app's real complaint services on a fresh SQLite file per test, and
/// bUnit's authentication state judged by the portal's real policies (<see cref="PortalRoles.PolicyRoles"/>).
/// MudBlazor's services are <see cref="IAsyncDisposable"/> only, so xunit disposes the context asynchronously.
/// </summary>
public abstract class PortalComponentTestBase : BunitContext, IAsyncLifetime
{
    /// <summary>"Now" for every test: Tuesday 2026-03-10 06:00 UTC (11:00 in Almaty), after all <see cref="ComplaintBuilder"/> walks.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Configuration the app reads: the business time zone; no Redis, so live updates stay on this node.</summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["Portal:TimeZone"] = "Asia/Almaty" };

    /// <summary>The staff member signed in by <see cref="SignInAsCsm"/>: a CSM satisfies every complaint policy.</summary>
    public const string CsmId = "user-csm-2";

    public const string CsmName = "Sanzhar Serikov";

    public const string AgentId = "user-agent-1";

    public const string AgentName = "Aigerim Agent";

    private IRenderedComponent<MudPopoverProvider>? _popovers;
    private IRenderedComponent<MudSnackbarProvider>? _snackbars;

    protected PortalComponentTestBase()
    {
        // A pure component's test reserves a name only; one with data gets a copy of the migrated template.
        Database = UsesDatabase ? TestDatabase.CreateMigrated() : TestDatabase.Create();

        // Database work runs on the thread pool; a busy 2-core build machine needs more than bUnit's default second.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Charts size their drawing to their box (MatchBoundsToSize), which a browser measures; without an answer they
        // draw nothing. A card's chart on a laptop screen is about this big.
        JSInterop.Setup<MudBlazor.Interop.ElementSize>("mudObserveElementSize", _ => true)
            .SetResult(new MudBlazor.Interop.ElementSize { Width = 640, Height = 240 });

        Services.AddMudServices();
        Services.AddScoped<Zowor.Portal.Components.Shared.ErrorPresenter>();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddLogging();
        Services.AddOptions();
        AddPortalServices();

        // The same registrations as AddPortalData (SQLite branch), on this test's own file.
        Services.AddPooledDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(Database.ConnectionString));
        Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
        Services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqlitePortalDbContext>>().CreateDbContext());
        Services.AddScoped<CurrentUser>();

        // bUnit supplies the authentication state (user, roles, claims) and the cascading state. Its stand-in
        // IAuthorizationService only knows policy names handed to SetPolicies; replacing it with the real one means
        // CurrentUser, the pages and the services judge the signed-in roles by the portal's real policy table.
        Authorization = AddAuthorization();
        Services.AddAuthorizationCore(o =>
        {
            foreach (var (policy, roles) in PortalRoles.PolicyRoles)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());

        // Blazor Server after the prerender: the case page registers presence only in an interactive circuit.
        // Last, because it creates the renderer, after which no service can be added.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The test's own SQLite file, a copy of the migrated template; <see cref="InitializeAsync"/> adds categories.</summary>
    protected TestDatabase Database { get; }

    /// <summary>The clock behind <see cref="BusinessClock"/> and the services.</summary>
    protected FakeTimeProvider Time { get; } = new(StartTime);

    /// <summary>The running test's cancellation token (bUnit also has a <c>TestContext</c>, hence the shortcut).</summary>
    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    /// <summary>bUnit's authentication state; <see cref="SignInAs"/> fills it.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Policy names the given roles satisfy, read from the portal's own table.</summary>
    public static IReadOnlySet<string> PoliciesOf(params string[] roles) =>
        PortalRoles.PolicyRoles.Where(p => p.Value.Intersect(roles).Any()).Select(p => p.Key).ToHashSet();

    /// <summary>Whether the test needs the SQLite file; pure components (e.g. WorkflowActions) skip the migration.</summary>
    protected virtual bool UsesDatabase => true;

    public virtual async ValueTask InitializeAsync()
    {
        if (!UsesDatabase)
        {
            return;
        }

        await using var db = Database.CreateContext();
        db.Categories.AddRange(
            new ComplaintCategory { Code = "product-defect", NameEn = "Product defect", NameRu = "Дефект товара", SortOrder = 10 },
            new ComplaintCategory { Code = "delivery", NameEn = "Delivery", NameRu = "Доставка", SortOrder = 20 },
            new ComplaintCategory { Code = "retired", NameEn = "Retired category", NameRu = "Старая категория", SortOrder = 30, IsActive = false });
        await db.SaveChangesAsync();
    }

    /// <summary>Signs a staff member in with the claims the portal's cookie carries: id, display name and roles.</summary>
    protected void SignInAs(string userId, string displayName, params string[] roles) =>
        Authorization.SetAuthorized(displayName).SetRoles(roles).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(PortalClaimsPrincipalFactory.DisplayNameClaim, displayName));

    protected void SignInAsCsm() => SignInAs(CsmId, CsmName, PortalRoles.Csm);

    protected void SignInAsAgent() => SignInAs(AgentId, AgentName, PortalRoles.Agent);

    /// <summary>Stores a complaint built through the domain (e.g. by <see cref="ComplaintBuilder"/>), as a service would.</summary>
    protected async Task<Complaint> SaveAsync(Complaint complaint)
    {
        await using var db = Database.CreateContext();
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync();
        complaint.ClearDomainEvents();
        return complaint;
    }

    /// <summary>Changes a stored complaint through the domain on a separate context, without telling any page (another node's edit).</summary>
    protected async Task ChangeBehindThePageAsync(Guid id, Action<Complaint> change)
    {
        await using var db = Database.CreateContext();
        var complaint = await db.Complaints.AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications).Include(c => c.Escalations)
            .SingleAsync(c => c.Id == id);
        change(complaint);
        await db.SaveChangesAsync();
    }

    /// <summary>The rendered <see cref="MudPopoverProvider"/>, where open selects put their items; see <see cref="RenderProviders"/>.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers =>
        _popovers ?? throw new InvalidOperationException("Call RenderProviders() before rendering the component under test.");

    /// <summary>The rendered <see cref="MudSnackbarProvider"/>, where pages show saved, refused and conflict messages.</summary>
    protected IRenderedComponent<MudSnackbarProvider> Snackbars =>
        _snackbars ?? throw new InvalidOperationException("Call RenderProviders() before rendering the component under test.");

    /// <summary>Renders the popover and snackbar providers, as MainLayout does; call it before rendering a page.</summary>
    protected void RenderProviders()
    {
        _popovers = Render<MudPopoverProvider>();
        _snackbars = Render<MudSnackbarProvider>();
    }

    /// <summary>Opens the <c>MudSelect</c> whose label reads <paramref name="label"/> and clicks the item reading <paramref name="item"/>.</summary>
    protected void Choose(IRenderedComponent<IComponent> cut, string label, string item)
    {
        OpenSelect(cut, label);
        Popovers.WaitForAssertion(() => Assert.Contains(item, OpenItems()));
        Popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == item).Click();
        Popovers.WaitForAssertion(() => Assert.Empty(Popovers.FindAll(".mud-popover-open .mud-list-item")));
    }

    /// <summary>The items the <c>MudSelect</c> labelled <paramref name="label"/> offers; leaves it open.</summary>
    protected IReadOnlyList<string> OptionsOf(IRenderedComponent<IComponent> cut, string label)
    {
        OpenSelect(cut, label);
        Popovers.WaitForElement(".mud-popover-open .mud-list-item");
        return OpenItems();
    }

    private static void OpenSelect(IRenderedComponent<IComponent> cut, string label) =>
        cut.FindAll("div.mud-select > .mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim() == label)
            .MouseDown();

    private List<string> OpenItems() =>
        Popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();

    /// <summary>Validation messages shown under the form's fields (without character counters).</summary>
    protected static IReadOnlyList<string> ValidationMessages(IRenderedComponent<IComponent> cut) =>
        cut.FindAll(".mud-input-helper-text.mud-input-error > div:first-child").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The validation message shown under the input matched by <paramref name="inputSelector"/>, or null.</summary>
    protected static string? ValidationMessageOf(IRenderedComponent<IComponent> cut, string inputSelector)
    {
        var describedBy = cut.Find(inputSelector).GetAttribute("aria-describedby");
        return describedBy is null
            ? null
            : cut.FindAll($".mud-input-error [id='{describedBy}']").SingleOrDefault()?.TextContent.Trim();
    }

    /// <summary>Texts of the snackbars on screen.</summary>
    protected IReadOnlyList<string> SnackbarMessages() =>
        Snackbars.FindAll(".mud-snackbar").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The actions offered by the rendered workflow buttons (<c>data-testid="action-{Action}"</c>), in screen order.</summary>
    protected static IReadOnlyList<ComplaintAction> ActionButtons(IRenderedComponent<IComponent> cut) =>
        ActionButtonElements(cut).Select(b => Enum.Parse<ComplaintAction>(b.GetAttribute("data-testid")!["action-".Length..])).ToList();

    /// <summary>The workflow buttons themselves.</summary>
    protected static IReadOnlyList<IElement> ActionButtonElements(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("[data-testid=workflow-actions] button[data-testid^='action-']").ToList();

    /// <summary>
    /// Registers every feature and live updates exactly as the app does, by running <see cref="PortalFeatures.AddBusinessFeatures"/>
    /// on a throw-away builder and copying what it registers, so a service added to a feature reaches these tests too.
    /// Only the clock is swapped for <see cref="Time"/>.
    /// </summary>
    private void AddPortalServices()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(Settings);
        // No background delivery in component tests; files beside the test database.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Mail:Dispatch"] = "false", ["Jobs:RunServer"] = "false", ["Storage:DataPath"] = Database.FilesFolder });
        var defaults = builder.Services.Count;
        builder.AddRealtime();
        builder.AddSettings();
        builder.AddPortalMetrics();
        builder.AddStorage();
        // Every feature, as the app registers them (their hosted services and job server are never started here).
        builder.AddBusinessFeatures();
        builder.Services.AddIdentityCore<PortalUser>().AddRoles<Microsoft.AspNetCore.Identity.IdentityRole>().AddEntityFrameworkStores<PortalDbContext>();
        builder.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(TestPasswords.Configure);
        // The Admin's users page ends a user's sessions on a role change (UserAdminService).
        builder.Services.AddSingleton<SessionRevocation>();
        foreach (var descriptor in builder.Services.Skip(defaults))
        {
            Services.Add(descriptor);
        }

        Services.AddSingleton<IConfiguration>(builder.Configuration);
        Services.AddSingleton<IWebHostEnvironment>(builder.Environment);
        Services.RemoveAll<TimeProvider>();
        Services.AddSingleton<TimeProvider>(Time);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Database.Dispose();
    }
}
