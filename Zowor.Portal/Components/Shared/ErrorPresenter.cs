using System.Data.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Operations;

namespace Zowor.Portal.Components.Shared;

/// <summary>
/// The one place a component's call to a service turns a failure into what the user reads. Components call
/// <see cref="RunAsync"/> instead of catching: a domain refusal, a concurrent change, a denied permission and a
/// database fault each get their message, nothing the user typed is touched (the form models belong to the component),
/// and no exception reaches Blazor, which would end the circuit.
/// </summary>
public sealed class ErrorPresenter(ISnackbar snackbar, IStringLocalizer<SharedResource> localizer, ILogger<ErrorPresenter> logger)
{
    private IStringLocalizer L => localizer;

    /// <summary>
    /// Runs <paramref name="action"/> and presents any failure. Returns true when it completed, false when it failed
    /// (the failure has been shown). Cancellation and navigation are not failures and pass through.
    /// </summary>
    public async Task<bool> RunAsync(Func<Task> action, ErrorDisplay? display = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        display ??= ErrorDisplay.Snackbar;
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or NavigationException))
        {
            var (message, severity) = Describe(ex, display);
            display.Show?.Invoke(message, severity);
            if (display.Show is null)
            {
                snackbar.Add(message, severity);
            }

            await (ex switch
            {
                ComplaintConflictException conflict when display.OnComplaintConflict is not null => display.OnComplaintConflict(conflict),
                CapaConflictException conflict when display.OnCapaConflict is not null => display.OnCapaConflict(conflict),
                DomainException refusal when display.OnRefusal is not null => display.OnRefusal(refusal),
                _ => Task.CompletedTask,
            });
            return false;
        }
    }

    /// <summary>What the user reads for <paramref name="error"/>, and how serious it looks.</summary>
    public (string Message, Severity Severity) Describe(Exception error, ErrorDisplay? display = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var known = DescribeKnown(error, display);
        return display?.Explain?.Invoke(error) is { } explained ? (explained, Severity.Error) : known;
    }

    private (string Message, Severity Severity) DescribeKnown(Exception error, ErrorDisplay? display)
    {
        // The one classifier (Platform/Operations/DatabaseFault) first: a fault arrives raw (SqliteException, EF's
        // wrappers) or already named by a service (DatabaseFaultException, itself a DomainException).
        if (DatabaseFault.Classify(error) is { } fault)
        {
            logger.LogWarning(error, "A database fault ({Fault}) refused a change; nothing was saved", fault);
            return (FaultMessage(display), Severity.Error);
        }

        switch (error)
        {
            case ComplaintConflictException conflict:
                return (display?.ConflictMessage ?? localizer[conflict.Message], Severity.Warning);
            case CapaConflictException conflict when display?.OnCapaConflict is not null:
                return (display?.ConflictMessage ?? localizer.Localize(conflict), Severity.Warning);
            case DomainException refusal:
                return (localizer.Localize(refusal), Severity.Error);
            case PortalAccessDeniedException denied:
                return (localizer[denied.Message], Severity.Error);
            case DbUpdateConcurrencyException:
                // A service that knows the record turns this into its own conflict; one that does not still changed nothing.
                return (display?.ConflictMessage ?? localizer[ComplaintConflictException.DefaultMessage], Severity.Warning);
            case DbUpdateException or DbException:
                logger.LogWarning(error, "A database fault refused a change; nothing was saved");
                return (FaultMessage(display), Severity.Error);
            default:
                logger.LogError(error, "An action failed unexpectedly; nothing was saved");
                return (L["Something went wrong and nothing was saved. Your text is kept; try again, and tell an administrator if it happens again."], Severity.Error);
        }
    }

    private string FaultMessage(ErrorDisplay? display) =>
        display?.FaultMessage ?? L["The database is busy or unavailable. Nothing was saved and your text is kept; try again in a moment."];
}
