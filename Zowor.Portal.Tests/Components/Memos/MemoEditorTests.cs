using Bunit;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Memos;

/// <summary>
/// The memo editor (P-81): a memo needs a title, text, an effective date and at least one audience role before it can be
/// published, and the preview shows the text exactly as readers will see it, scripts escaped.
/// </summary>
public sealed class MemoEditorTests : PortalComponentTestBase
{
    private readonly List<MemoForm> _published = [];

    public MemoEditorTests()
    {
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);
        RenderProviders();
    }

    protected override bool UsesDatabase => false;

    [Fact]
    public async Task Publish_EmptyForm_ShowsEveryMessageAndPublishesNothing()
    {
        var cut = RenderEditor(new MemoForm());

        await Publish(cut);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Enter a title.", ValidationMessageOf(cut, "#memo-title"));
            Assert.Equal("Write the memo text.", ValidationMessageOf(cut, "#memo-body"));
            Assert.Contains("Choose the effective date.", ValidationMessages(cut));
            Assert.Equal("Choose at least one role to send the memo to.", cut.Find("[data-testid=memo-audience-error]").TextContent.Trim());
        });
        Assert.Empty(_published);
    }

    [Fact]
    public async Task Publish_WithoutAudience_IsRefusedUntilARoleIsTicked()
    {
        var cut = RenderEditor(new MemoForm { EffectiveOn = new DateTime(2026, 3, 12) });
        cut.Find("#memo-title").Change("New acknowledgement script");
        TypeBody(cut, "Read the reference back to the customer.");

        await Publish(cut);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=memo-audience-error]")));
        Assert.Empty(ValidationMessages(cut));
        Assert.Empty(_published);

        await cut.InvokeAsync(() => cut.Find($"[data-testid=audience-{PortalRoles.Csm}] input").Change(true));
        await Publish(cut);

        cut.WaitForAssertion(() => Assert.Single(_published));
        Assert.Equal(
            ("New acknowledgement script", "Read the reference back to the customer.", new DateTime(2026, 3, 12)),
            (_published[0].Title, _published[0].Body, _published[0].EffectiveOn));
        Assert.Equal([PortalRoles.Csm], _published[0].AudienceRoles);
        Assert.Empty(cut.FindAll("[data-testid=memo-audience-error]"));
    }

    [Fact]
    public async Task Publish_TitleTooLong_ShowsTheLengthMessage()
    {
        var cut = RenderEditor(new MemoForm { Title = new string('x', 201), Body = "Text", EffectiveOn = new DateTime(2026, 3, 12), AudienceRoles = [PortalRoles.Agent] });

        await Publish(cut);

        cut.WaitForAssertion(() => Assert.Equal("The title is too long.", ValidationMessageOf(cut, "#memo-title")));
        Assert.Empty(_published);
    }

    [Fact]
    public void Preview_WithScriptInTheText_ShowsItAsText()
    {
        var cut = RenderEditor(new MemoForm());

        TypeBody(cut, "**Bold** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))");

        cut.WaitForAssertion(() =>
        {
            var preview = cut.Find("[data-testid=memo-preview]");
            Assert.Equal("Bold", preview.QuerySelector("strong")?.TextContent);
            Assert.Null(preview.QuerySelector("script"));
            Assert.Null(preview.QuerySelector("img"));
            Assert.DoesNotContain("javascript:", preview.InnerHtml, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<script>alert(1)</script>", preview.TextContent, StringComparison.Ordinal);
        });
    }

    /// <summary>The text field updates as the author types (debounced, for the preview); leaving it commits at once.</summary>
    private static void TypeBody(IRenderedComponent<MemoEditor> cut, string text)
    {
        cut.Find("#memo-body").Input(text);
        cut.Find("#memo-body").Blur();
        // The field is debounced and commits to the memo asynchronously on blur: wait until the memo holds the text (its
        // preview shows it), or a Publish right after can find the body still empty (CI, 6 Dec).
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.Find("[data-testid=memo-preview]").InnerHtml.Trim()));
    }

    /// <summary>
    /// Finds and clicks Publish on the renderer's thread: the debounced text field may re-render between a Find and a
    /// Click on the test thread, leaving the click on a stale handler (it failed CI once).
    /// </summary>
    private static Task Publish(IRenderedComponent<MemoEditor> cut) =>
        cut.InvokeAsync(() => cut.Find("[data-testid=memo-publish]").Click());

    private IRenderedComponent<MemoEditor> RenderEditor(MemoForm form) =>
        Render<MemoEditor>(p => p
            .Add(e => e.Form, form)
            .Add(e => e.OnPublish, (MemoForm published) => _published.Add(published)));
}
