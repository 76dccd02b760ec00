using System.Net;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// The culture switch goes back only to a page of the portal: anything else is refused (no open redirect); what it sets
/// reaches the text outside the pages too (Blazor's reconnect dialog).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CultureSwitchTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/\\evil")]
    [InlineData("/\\evil.example/path")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("evil")]
    [InlineData("/\t/evil.example")]
    public async Task Set_WithANonLocalRedirect_Answers400(string redirectUri)
    {
        using var client = PortalClient.Create(portal.App);

        using var response = await client.Http.GetAsync($"culture/set?culture=ru&redirectUri={Uri.EscapeDataString(redirectUri)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("/track", "/track")]
    [InlineData("/queue?status=Received", "/queue?status=Received")]
    [InlineData("", "/")]
    public async Task Set_WithALocalPath_GoesBackThere(string redirectUri, string expected)
    {
        using var client = PortalClient.Create(portal.App);

        using var response = await client.Http.GetAsync($"culture/set?culture=ru&redirectUri={Uri.EscapeDataString(redirectUri)}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheReconnectDialog_SpeaksTheReadersLanguage_WithBlazorsCountdownInItsSentence()
    {
        using var client = PortalClient.Create(portal.App);
        using (await client.Http.GetAsync("culture/set?culture=ru&redirectUri=%2Ftrack", Ct))
        {
        }

        var (response, page) = await client.GetPageAsync("track", Ct);
        using (response)
        {
            var dialog = page.QuerySelector("#components-reconnect-modal");
            Assert.NotNull(dialog);
            Assert.Contains("Восстанавливаем связь с сервером", dialog.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Rejoin", dialog.TextContent, StringComparison.Ordinal);
            // Blazor writes the seconds into this span: it stays one element, inside the translated sentence.
            var seconds = dialog.QuerySelector("#components-seconds-to-next-attempt");
            Assert.NotNull(seconds);
            Assert.Contains("новая попытка через", seconds.ParentElement!.TextContent, StringComparison.Ordinal);
        }
    }
}
