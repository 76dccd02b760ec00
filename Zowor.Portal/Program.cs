using MudBlazor.Services;
using Zowor.Portal.Components;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Localization;
using Zowor.Portal.Realtime;

var builder = WebApplication.CreateBuilder(args);

// Running the built app from bin outside Development still serves _content/MudBlazor/*.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.AddPortalLocalization();
builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddRealtime();
builder.AddComplaints();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapRealtime();
app.MapCultureEndpoint();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Zowor Complaints Portal is ready at {Urls}", string.Join(", ", app.Urls)));

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
