using Microsoft.AspNetCore.Components.Authorization;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Operations;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// A small JSON API over the same use cases as the pages, for integrations and for driving one web node from another
/// in tests. JSON bodies only (a cross-site form cannot send them without a CORS preflight, which is never granted),
/// cookie authentication, and the services check each policy as they do for pages.
/// </summary>
public static class ComplaintApi
{
    public static IEndpointRouteBuilder MapComplaintApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/complaints")
            .RequireAuthorization(PortalRoles.Policies.Staff)
            .AddEndpointFilter(UseRequestUser);

        api.MapGet("/{id:guid}", async (Guid id, ComplaintService complaints) =>
            await complaints.GetCaseAsync(id) is { } found
                ? Results.Ok(new ComplaintState(found.Complaint.Id, found.Complaint.Reference, found.Complaint.Status, found.Complaint.EscalationLevel, found.Version))
                : Results.NotFound());

        api.MapPost("/{id:guid}/escalations", (Guid id, EscalationRequest request, ComplaintService complaints) =>
            Run(() => complaints.EscalateAsync(id, request.Version, new EscalateForm { Level = request.Level, Reason = request.Reason })));

        api.MapPost("/{id:guid}/communications", (Guid id, CommunicationRequest request, ComplaintService complaints) =>
            Run(() => complaints.LogCommunicationAsync(id, request.Version,
                new CommunicationForm { Direction = request.Direction, Channel = request.Channel, Summary = request.Summary })));
        return endpoints;
    }

    private static async Task<IResult> Run(Func<Task> action)
    {
        try
        {
            await action();
            return Results.NoContent();
        }
        catch (ComplaintConflictException ex)
        {
            // What was saved since the sent version, and the version to send for a deliberate save over it.
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?>
            {
                ["currentVersion"] = ex.CurrentVersion,
                ["changes"] = ex.Changes.Select(c => new ConflictChange(c.Kind, c.ActorName, c.At, c.Before, c.After, c.Details)).ToList(),
            });
        }
        catch (DomainException ex) when (ex is not DatabaseFaultException)
        {
            // A database fault goes on to the API's exception handler (ApiProblems): 503 with Retry-After.
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (PortalAccessDeniedException)
        {
            return Results.Forbid();
        }
    }

    /// <summary>The services read the user from Blazor's authentication state; on an API request that is the request's user.</summary>
    internal static ValueTask<object?> UseRequestUser(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var provider = context.HttpContext.RequestServices.GetRequiredService<AuthenticationStateProvider>();
        if (provider is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.HttpContext.User)));
        }

        return next(context);
    }
}

public sealed record ComplaintState(Guid Id, string Reference, ComplaintStatus Status, EscalationLevel Level, long Version);

public sealed record EscalationRequest(EscalationLevel Level, string? Reason, long Version);

public sealed record CommunicationRequest(CommunicationDirection Direction, CommunicationChannel Channel, string? Summary, long Version);

/// <summary>One change saved since the version a request sent (a timeline entry), in a 409 answer.</summary>
public sealed record ConflictChange(string Kind, string By, DateTime At, string? Before, string? After, string? Details);
