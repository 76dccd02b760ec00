using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Features.Mail;

/// <summary>
/// The customer e-mails (plain text; <see cref="OutboundMail"/> adds the HTML alternative), in the customer's language (English or Russian, through the same resources as
/// the UI). Staff-only text — internal notes, root causes, closing notes — never goes into them.
/// </summary>
public sealed class CustomerMailTemplates(IStringLocalizer<SharedResource> L, IOptions<MailOptions> options)
{
    /// <summary>The hotline from the policy (P-10).</summary>
    public const string Hotline = "+77775978859";

    /// <summary>Writes one message.</summary>
    /// <param name="kind">One of <see cref="CustomerMessageKinds"/>.</param>
    /// <param name="complaint">The complaint, after the change.</param>
    /// <param name="text">Kind-specific text: the update for <see cref="CustomerMessageKinds.Update"/>, the survey link for <see cref="CustomerMessageKinds.Closed"/>.</param>
    /// <param name="subject">For <see cref="CustomerMessageKinds.Reply"/>: the subject staff chose (null: the standard update subject).</param>
    /// <remarks>Every subject starts with the reference in brackets (<c>[ZW-2026-000123] …</c>), so a customer's answer can be threaded to its complaint.</remarks>
    public (string Subject, string Body, string Culture) Write(string kind, Complaint complaint, string? text = null, string? subject = null) =>
        InCustomerCulture(complaint.CustomerLanguage, culture =>
        {
            var (title, paragraphs) = Compose(kind, complaint, text, subject);
            var body = new StringBuilder()
                .AppendLine(Format(L["Dear {0},"], complaint.Customer.Name)).AppendLine();
            foreach (var paragraph in paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)))
            {
                body.AppendLine(paragraph).AppendLine();
            }

            body.AppendLine(Format(L["You can follow your complaint at {0} with its reference and your e-mail address or phone number."], TrackUrl(complaint.Reference)))
                .AppendLine()
                .AppendLine(L["Zowor Customer Care"])
                .AppendLine(Format(L["Hotline: {0}"], Hotline));
            return ($"[{complaint.Reference}] {title}", body.ToString(), culture.Name);
        });

    /// <summary>Runs <paramref name="write"/> with the current (UI) culture set to the customer's language, then restores it.</summary>
    public static T InCustomerCulture<T>(string? language, Func<CultureInfo, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var culture = CultureFor(language);
        var previousCulture = CultureInfo.CurrentCulture;
        var previousUiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return write(culture);
        }
        finally
        {
            CultureInfo.CurrentCulture = previousCulture;
            CultureInfo.CurrentUICulture = previousUiCulture;
        }
    }

    /// <summary>The public status page for a reference.</summary>
    public string TrackUrl(string reference) => $"{BaseUrl}/track?reference={Uri.EscapeDataString(reference)}";

    /// <summary>The survey page for a token.</summary>
    public string SurveyUrl(string token) => $"{BaseUrl}/survey/{Uri.EscapeDataString(token)}";

    /// <summary>The supported culture nearest to a customer's language.</summary>
    public static CultureInfo CultureFor(string? language) =>
        CultureInfo.GetCultureInfo(LocalizationExtensions.Cultures.Contains(language) ? language! : LocalizationExtensions.Cultures[0]);

    private string BaseUrl => options.Value.PublicUrl.TrimEnd('/');

    private (string Subject, IEnumerable<string> Paragraphs) Compose(string kind, Complaint complaint, string? text, string? subject)
    {
        var reference = complaint.Reference;
        return kind switch
        {
            CustomerMessageKinds.Received => (
                L["We have received your complaint"],
                [
                    Format(L["Thank you for telling us about the problem. Your complaint is registered under the reference {0}."], reference),
                    L["We will acknowledge it within 24 hours and tell you when we expect to resolve it."],
                ]),
            CustomerMessageKinds.Acknowledged => (
                L["We are working on your complaint"],
                [
                    Format(L["We have reviewed your complaint {0} and started working on it."], reference),
                    Format(L["Estimated resolution date: {0}."], complaint.Acknowledgement?.EstimatedResolutionDate.ShowDate() ?? "—"),
                    L["We will keep you informed until it is resolved."],
                ]),
            CustomerMessageKinds.Update => (
                L["Update on your complaint"],
                [text ?? string.Empty]),
            CustomerMessageKinds.Reply => (
                string.IsNullOrWhiteSpace(subject) ? L["Update on your complaint"] : subject,
                [text ?? string.Empty]),
            CustomerMessageKinds.ResolutionOffered => (
                L["Our proposal for your complaint"],
                [
                    Format(L["We propose the following resolution: {0}."], DescribeOffer(complaint.Resolution)),
                    complaint.Resolution?.Details ?? string.Empty,
                    Format(L["Please reply to this e-mail or call us on {0} to accept it or to discuss it."], Hotline),
                ]),
            CustomerMessageKinds.Closed => (
                L["Your complaint is closed"],
                [
                    Format(L["Your complaint {0} is now closed. Thank you for your patience."], reference),
                    text is null ? string.Empty : Format(L["Please tell us how we did; it takes a minute: {0}"], text),
                    Format(L["If the problem comes back, reply to this e-mail or call us on {0}."], Hotline),
                ]),
            CustomerMessageKinds.CeoReviewRequested => (
                L["Your complaint has been passed to the CEO"],
                [
                    Format(L["As you asked, your complaint {0} has been escalated to the CEO's office for review."], reference),
                    L["We will contact you with the outcome."],
                ]),
            // The staff's reason for reopening is internal and stays out of the e-mail.
            CustomerMessageKinds.Reopened => (
                L["Your complaint has been reopened"],
                [
                    Format(L["We have reopened your complaint {0} and are working on it again."], reference),
                    L["We will keep you informed until it is resolved."],
                    Format(L["If you have anything to add, reply to this e-mail or call us on {0}."], Hotline),
                ]),
            // Only the new date: why staff revised it is internal (P-21).
            CustomerMessageKinds.EstimateRevised => (
                L["New estimated resolution date"],
                [
                    Format(L["We now expect to resolve your complaint {0} by {1}."], reference,
                        complaint.Acknowledgement?.EstimatedResolutionDate.ShowDate() ?? "—"),
                    L["We will keep you informed until it is resolved."],
                    Format(L["If you have anything to add, reply to this e-mail or call us on {0}."], Hotline),
                ]),
            // Only the reference that stays: the staff's reasoning is internal.
            CustomerMessageKinds.MergedAsDuplicate => (
                L["Your complaint continues under another reference"],
                [
                    Format(L["Your complaint {0} is about the same matter as complaint {1}, so we handle both together under {1}."], reference, text ?? "—"),
                    Format(L["Please use the reference {0} from now on; everything you sent us under {1} stays with it."], text ?? "—", reference),
                    Format(L["If you have anything to add, reply to this e-mail or call us on {0}."], Hotline),
                ]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown customer message."),
        };
    }

    private string DescribeOffer(ResolutionOffer? offer)
    {
        if (offer is null)
        {
            return "—";
        }

        var kind = L[EnumText.Of(offer.Kind)].Value;
        return offer.Amount is { } amount
            ? string.Create(CultureInfo.CurrentCulture, $"{kind}, {amount:N2} {offer.Currency}")
            : offer.Compensation is { } compensation ? $"{kind}: {L[EnumText.Of(compensation)]}" : kind;
    }

    private static string Format(LocalizedString template, params object[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, template.Value, arguments);
}
