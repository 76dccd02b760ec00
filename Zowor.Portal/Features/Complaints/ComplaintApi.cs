using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Operations;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// A small JSON API over the same use cases as the pages, for integrations and for driving one web node from another
/// in tests. JSON bodies only (a cross-site form cannot send them without a CORS preflight, which is never granted),
/// cookie authentication, and the services check each policy as they do for pages. Every answer is typed
/// (<see cref="TypedResults"/>, so the endpoints describe themselves) and every error is problem details
/// (RFC 9457): validation, 404, 409 with the changes since the sent version, 400 for a domain refusal, and the
/// 500/503 of <see cref="ApiProblems"/>.
/// </summary>
public static class ComplaintApi
{
    public static IEndpointRouteBuilder MapComplaintApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/complaints")
            .RequireAuthorization(PortalRoles.Policies.Staff);

        api.MapGet("/{id:guid}", async Task<Results<Ok<ComplaintState>, ProblemHttpResult>> (Guid id, ComplaintService complaints) =>
            await complaints.GetCaseAsync(id) is { } found
                ? TypedResults.Ok(new ComplaintState(found.Complaint.Id, found.Complaint.Reference, found.Complaint.Status, found.Complaint.EscalationLevel, found.Version))
                : TypedResults.Problem("No complaint has this id.", statusCode: StatusCodes.Status404NotFound));

        api.MapPost("/{id:guid}/escalations", (Guid id, EscalationRequest request, ComplaintService complaints) =>
        {
            var form = new EscalateForm { Level = request.Level, Reason = request.Reason };
            return Run(form, () => complaints.EscalateAsync(id, request.Version, form));
        });

        api.MapPost("/{id:guid}/communications", (Guid id, CommunicationRequest request, ComplaintService complaints) =>
        {
            var form = new CommunicationForm { Direction = request.Direction, Channel = request.Channel, Summary = request.Summary };
            return Run(form, () => complaints.LogCommunicationAsync(id, request.Version, form));
        });
        return endpoints;
    }

    // The API is a door like the page's form: the same rules (length, the one input policy for free text) and messages,
    // per field as a validation problem, before anything is stored.
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Run(object form, Func<Task> action)
    {
        // A missing value is the domain's to refuse, with its own message ("Reason is required."), so [Required] is left out.
        var results = new List<ValidationResult>();
        foreach (var property in form.GetType().GetProperties())
        {
            var rules = property.GetCustomAttributes(typeof(ValidationAttribute), true).Cast<ValidationAttribute>().Where(a => a is not RequiredAttribute);
            Validator.TryValidateValue(property.GetValue(form)!, new ValidationContext(form) { MemberName = property.Name }, results, rules);
        }

        if (results.Count > 0)
        {
            return TypedResults.ValidationProblem(detail: results[0].ErrorMessage, errors: results
                .SelectMany(r => r.MemberNames.DefaultIfEmpty(string.Empty).Select(member => (Member: ApiName(member), r.ErrorMessage)))
                .GroupBy(e => e.Member)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "The value is not valid.").ToArray()));
        }

        try
        {
            await action();
            return TypedResults.NoContent();
        }
        catch (ComplaintConflictException ex)
        {
            // What was saved since the sent version, and the version to send for a deliberate save over it.
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?>
            {
                ["currentVersion"] = ex.CurrentVersion,
                ["changes"] = ex.Changes.Select(c => new ConflictChange(c.Kind, c.ActorName, c.At, c.Before, c.After, c.Details)).ToList(),
            });
        }
        catch (DomainException ex) when (ex is not DatabaseFaultException)
        {
            // A database fault goes on to the API's exception handler (ApiProblems): 503 with Retry-After.
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (PortalAccessDeniedException)
        {
            return TypedResults.Forbid();
        }
    }

    // The JSON name of a form field: Summary -> summary, Reason -> reason.
    private static string ApiName(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
}
