using MudBlazor.Services;
using Zowor.Portal.Components;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Features.Trends.Rollups;
using Zowor.Portal.Platform.Hosting;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Platform.Security;

// "--smoke" checks the configured database and exits (Data/DatabaseSmokeTest; the README's SQL Server checklist).
var smoke = args.Contains(DatabaseSmokeTest.Argument);
// "--rebuild-trend-rollups" recomputes the trends dashboard's rollup tables from the complaints and exits (issue 21).
var rebuildRollups = args.Contains(TrendRollupStore.RebuildArgument);
var builder = WebApplication.CreateBuilder(args.Where(a => a != DatabaseSmokeTest.Argument && a != TrendRollupStore.RebuildArgument).ToArray());

// Running the built app from bin outside Development still serves _content/MudBlazor/*.
builder.WebHost.UseStaticWebAssets();

// A browser gone silent (crash, lost network) counts as disconnected after this long, and leaves the case's presence.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(o => o.ClientTimeoutInterval = Zowor.Portal.Realtime.PresenceTracker.VanishedBrowserTimeout);
// Messages appear bottom-left, over the navigation drawer: clear of the case header (status, owner, presence) and of the
// timeline in the case page's right column, which the "Saved." message used to cover (issue 20).
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);
builder.Services.AddScoped<Zowor.Portal.Components.Shared.ErrorPresenter>();
builder.Services.AddSingleton<Zowor.Portal.Components.Layout.PortalThemeCss>();
// The platform and every feature (Platform/Hosting/PortalFeatures).
builder.AddPortalFeatures();

// Enums travel as names in the JSON API ("ChiefCustomerOfficer", not 2).
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();
if (smoke)
{
    Environment.ExitCode = await DatabaseSmokeTest.RunAsync(app.Services, Console.Out, app.Lifetime.ApplicationStopping);
    return;
}

if (rebuildRollups)
{
    await using var scope = app.Services.CreateAsyncScope();
    var (complaints, rows) = await scope.ServiceProvider.GetRequiredService<TrendRollupStore>().RebuildAsync();
    Console.WriteLine($"Trend rollups rebuilt: {complaints} complaints, {rows} rows.");
    return;
}

app.UseTrustedProxies();
app.UsePortalSecurityHeaders();
app.UseApiProblemDetails();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

// Pages get the not-found page for an empty error status; the JSON API and the hub keep their bare status codes
// (re-executing their POSTs would reach the page endpoint and turn 401/403/415 into an antiforgery 400).
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/hubs"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRequestLocalization();
app.UsePublicChannelProtection();
app.UseAuthentication();
app.UseTwoFactorEnrolment();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
// No per-message deflate on the circuits' WebSockets (issue 21): zlib keeps its compression state, about 300 KB of native
// memory, for each open connection, which was a quarter of an idle queue circuit's cost. Render batches are small diffs,
// and the frame-ancestors policy that compression asks for is set for every response by UsePortalSecurityHeaders anyway.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true)
    .AnswerRegisteredComplaintsWithoutThePage();
app.MapPortalFeatures();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Zowor Complaints Portal is ready at {Urls}", string.Join(", ", app.Urls)));

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
