using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Zowor.Portal.Features.Customers;

/// <summary>
/// Issue 21: a web-form complaint that registers is answered with its redirect without rendering the form page.
/// Blazor's static rendering handles a form post by rendering the whole page first (to find the form's handler),
/// dispatching the submit, rendering again and only then answering with the redirect: about two fifths of a complaint's
/// CPU on the node went into page markup that no one ever saw. This wraps the page's endpoint (<c>/complain</c>): a post that
/// binds cleanly, passes the same validation as the page's <c>LocalizedValidator</c>, carries a valid antiforgery token and
/// is stored by the same <see cref="PublicComplaintService.SubmitAsync"/> gets the same 302 to its confirmation.
/// </summary>
/// <remarks>
/// Everything else goes to the page as before, which then decides and answers exactly as it always did: a GET, a post
/// with an error (the page shows the messages with the text kept), a filled honeypot, an invalid antiforgery token, a
/// field the page does not know or a value posted twice. A post whose storing fails (an unknown category, refused files,
/// the database busy) is also answered by the page, with the failure this path met (<see cref="FailureOf"/>): the page
/// shows its message with the text kept and does not try to store the complaint a second time (nothing was stored:
/// <see cref="PublicComplaintService.SubmitAsync"/> stores all or nothing).
/// </remarks>
internal static class PublicComplaintPost
{
    /// <summary>The page's form's name, which the page's <c>EditForm</c> and its form parameter use too.</summary>
    public const string FormName = "public-complaint";

    private const string FieldPrefix = "Form.";

    private static readonly object FailureKey = new();

    /// <summary>Why this path could not store the post it took, for the page to present; null when it did not try.</summary>
    public static Exception? FailureOf(HttpContext? context) => context?.Items[FailureKey] as Exception;

    /// <summary>Wraps the public form page's endpoint so that a post that registers a complaint skips the page.</summary>
    public static RazorComponentsEndpointConventionBuilder AnswerRegisteredComplaintsWithoutThePage(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            // The page's own endpoint, known by its component rather than its route text.
            if (endpoint.Metadata.OfType<ComponentTypeMetadata>().Any(m => m.Type == typeof(PublicComplaintPage)) && endpoint.RequestDelegate is { } page)
            {
                endpoint.RequestDelegate = context => AnswerAsync(context, page);
            }
        });
        return builder;
    }

    private static async Task AnswerAsync(HttpContext context, RequestDelegate page)
    {
        // The token first: the form of a post whose token failed cannot even be asked for its content type.
        if (!HttpMethods.IsPost(context.Request.Method) || context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }
            || !context.Request.HasFormContentType)
        {
            await page(context);
            return;
        }

        var posted = await context.Request.ReadFormAsync(context.RequestAborted);
        if (posted["_handler"] != FormName || Bind(posted) is not { Website: null or "" } form || !IsValid(form))
        {
            await page(context);
            return;
        }

        string reference;
        try
        {
            // No cancellation, as on the page: a customer who closes the tab has still complained.
            reference = await context.RequestServices.GetRequiredService<PublicComplaintService>()
                .SubmitAsync(form, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, CustomerUploads.From(context), CancellationToken.None);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Items[FailureKey] = ex;
            await page(context);
            return;
        }

        // The page's answer, header for header: NavigationManager's absolute address of the confirmation, not cached.
        var request = context.Request;
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Redirect($"{request.Scheme}://{request.Host}{request.PathBase}/complain/received/{Uri.EscapeDataString(reference)}");
    }

    /// <summary>The form as Blazor's form mapping binds it (text as posted, a missing field left at its default); null for anything else.</summary>
    private static PublicComplaintForm? Bind(IFormCollection posted)
    {
        var form = new PublicComplaintForm();
        foreach (var (key, values) in posted)
        {
            if (!key.StartsWith(FieldPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (values is not [{ } value])
            {
                return null;
            }

            switch (key.AsSpan(FieldPrefix.Length))
            {
                case nameof(PublicComplaintForm.Name): form.Name = value; break;
                case nameof(PublicComplaintForm.Email): form.Email = value; break;
                case nameof(PublicComplaintForm.Phone): form.Phone = value; break;
                case nameof(PublicComplaintForm.OrderNumber): form.OrderNumber = value; break;
                case nameof(PublicComplaintForm.Product): form.Product = value; break;
                case nameof(PublicComplaintForm.CategoryCode): form.CategoryCode = value; break;
                case nameof(PublicComplaintForm.Description): form.Description = value; break;
                case nameof(PublicComplaintForm.PreferredResolution): form.PreferredResolution = value; break;
                case nameof(PublicComplaintForm.Website): form.Website = value; break;
                case nameof(PublicComplaintForm.Consent) when bool.TryParse(value, out var consent): form.Consent = consent; break;
                default: return null;
            }
        }

        return form;
    }

    /// <summary>The page's validation (<c>LocalizedValidator</c>): every attribute, then the form's own rules.</summary>
    private static bool IsValid(PublicComplaintForm form) =>
        Validator.TryValidateObject(form, new ValidationContext(form), validationResults: null, validateAllProperties: true);
}
