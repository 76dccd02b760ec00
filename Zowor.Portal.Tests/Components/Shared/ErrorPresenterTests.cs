using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Shared;

/// <summary>
/// The one error presenter: each kind of failure a service call can end in gives its own message, what the user typed
/// stays in the form, and the exception never reaches Blazor (which would end the circuit). "Nothing a user typed is
/// lost on an error" (product spec, Running it).
/// </summary>
public sealed class ErrorPresenterTests : PortalComponentTestBase
{
    private const string DatabaseFault = "The database is busy or unavailable. Nothing was saved and your text is kept; try again in a moment.";

    private const string Unexpected = "Something went wrong and nothing was saved. Your text is kept; try again, and tell an administrator if it happens again.";

    private const string Typed = "Customer called twice; wants a replacement before Friday.";

    public ErrorPresenterTests() => RenderProviders();

    protected override bool UsesDatabase => false;

    public static TheoryData<string, string> Failures => new()
    {
        { "refusal", "A complaint cannot be resolved without a recorded root cause." },
        { "conflict", ComplaintConflictException.DefaultMessage },
        { "denied", "You are not allowed to do this." },
        { "sqlite-busy", DatabaseFault },
        { "db-update", DatabaseFault },
        { "concurrency", ComplaintConflictException.DefaultMessage },
        { "unexpected", Unexpected },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Save_ServiceFails_ShowsTheMessageOfItsKindAndKeepsTheText(string kind, string expected)
    {
        var cut = Render<ErrorPresenterProbe>(p => p.Add(x => x.Failure, Failure(kind)));

        cut.Find("[data-testid=probe-text]").Change(Typed);
        cut.Find("[data-testid=probe-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("[data-testid=probe-result]").TextContent));
        Assert.Contains(SnackbarMessages(), m => m.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(Typed, cut.Find("[data-testid=probe-text]").GetAttribute("value"));
    }

    [Fact]
    public void Save_ShownInline_PutsTheMessageInTheFormNotASnackbar()
    {
        var cut = Render<ErrorPresenterProbe>(p => p.Add(x => x.Failure, Failure("sqlite-busy")).Add(x => x.Inline, true));

        cut.Find("[data-testid=probe-text]").Change(Typed);
        cut.Find("[data-testid=probe-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(DatabaseFault, cut.Find("[data-testid=probe-error]").TextContent.Trim()));
        Assert.Empty(SnackbarMessages());
        Assert.Equal(Typed, cut.Find("[data-testid=probe-text]").GetAttribute("value"));
    }

    [Fact]
    public void Save_ComplaintConflict_TellsTheComponentSoItCanShowWhatChanged()
    {
        Exception? seen = null;
        var conflict = Failure("conflict");
        var cut = Render<ErrorPresenterProbe>(p => p.Add(x => x.Failure, conflict).Add(x => x.ConflictSeen, (Exception ex) => seen = ex));

        cut.Find("[data-testid=probe-save]").Click();

        cut.WaitForAssertion(() => Assert.Same(conflict, seen));
    }

    [Fact]
    public void Describe_EachKind_HasItsSeverity()
    {
        var presenter = Services.GetRequiredService<ErrorPresenter>();

        Assert.Equal(MudBlazor.Severity.Error, presenter.Describe(Failure("refusal")).Severity);
        Assert.Equal(MudBlazor.Severity.Warning, presenter.Describe(Failure("conflict")).Severity);
        Assert.Equal(MudBlazor.Severity.Error, presenter.Describe(Failure("db-update")).Severity);
    }

    [Fact]
    public void Describe_ComponentsOwnWords_ReplaceTheGeneralOnesOnlyWhereGiven()
    {
        var presenter = Services.GetRequiredService<ErrorPresenter>();
        var display = new ErrorDisplay
        {
            ConflictMessage = "Your complaint was being updated at the same moment. Please press Send again.",
            Explain = failure => failure is IOException ? "The file is larger than 10 MB." : null,
        };

        Assert.Equal(display.ConflictMessage, presenter.Describe(Failure("conflict"), display).Message);
        Assert.Equal("The file is larger than 10 MB.", presenter.Describe(new IOException("Stream exceeds the limit"), display).Message);
        Assert.Equal(DatabaseFault, presenter.Describe(Failure("sqlite-busy"), display).Message);
    }

    private static Exception Failure(string kind) => kind switch
    {
        "refusal" => new DomainException("A complaint cannot be resolved without a recorded root cause."),
        "conflict" => new ComplaintConflictException(),
        "denied" => new PortalAccessDeniedException(),
        "sqlite-busy" => new SqliteException("database is locked", 5),
        "db-update" => new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("disk I/O error", 10)),
        "concurrency" => new DbUpdateConcurrencyException("The row was changed."),
        _ => new InvalidOperationException("Something nobody expected."),
    };
}
