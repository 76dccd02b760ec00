using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace Zowor.Portal.Components.Layout;

/// <summary>
/// The portal theme's CSS variables as MudThemeProvider writes them, rendered once per process (issue 21). Each static
/// page rendered a MudThemeProvider of its own: a new theme object, some 300 colours converted to text, and on disposal a
/// JavaScript call that static rendering refuses with an exception; about 4 % of the CPU of each web-form complaint
/// (dotnet-trace, the POST renders its page before it handles the form) and of each page. The theme never changes while
/// the portal runs, so neither does its CSS.
/// </summary>
public sealed class PortalThemeCss(IServiceScopeFactory scopes, ILoggerFactory loggers) : IDisposable
{
    private readonly SemaphoreSlim _rendering = new(1, 1);
    private string? _markup;

    /// <summary>The <c>&lt;style&gt;</c> element MudThemeProvider renders for <see cref="PortalTheme.Theme"/>.</summary>
    public async ValueTask<string> MarkupAsync()
    {
        if (_markup is { } done)
        {
            return done;
        }

        await _rendering.WaitAsync();
        try
        {
            return _markup ??= await RenderAsync();
        }
        finally
        {
            _rendering.Release();
        }
    }

    private async Task<string> RenderAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        try
        {
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme });
                return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
            });
        }
        finally
        {
            try
            {
                await renderer.DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or JSException or TaskCanceledException)
            {
                // MudThemeProvider's disposal calls JavaScript, which a renderer without a browser refuses; nothing is lost.
            }
        }
    }

    public void Dispose() => _rendering.Dispose();
}
