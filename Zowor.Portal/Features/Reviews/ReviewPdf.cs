using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// A review pack as a PDF for the quality records (P-63, ISO 9001 9.3.3: the review's outputs retained as documented
/// information), drawn on the server with PDFsharp (MIT) from the stored snapshot, its findings and its sign-offs.
/// </summary>
public static class ReviewPdf
{
    private static readonly Lock FontsLock = new();

    /// <summary>Sets the embedded fonts once per process (PDFsharp's font resolver is global).</summary>
    public static void UseLicensedFonts()
    {
        lock (FontsLock)
        {
            GlobalFontSettings.FontResolver ??= new ReviewPdfFonts();
        }
    }

    public static string Title(ReviewDetail pack, IStringLocalizer<SharedResource> L) =>
        (pack.Kind == ReviewKind.Annual ? L["Annual review"] : L["Monthly review"]) + ": " + PeriodText(pack.Kind, pack.PeriodStart);

    public static string PeriodText(ReviewKind kind, DateOnly start) =>
        kind == ReviewKind.Annual ? start.Year.ToString(CultureInfo.CurrentCulture) : start.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The pack as a PDF in the reader's language: categories and root causes by their names, times in the business time zone.</summary>
    public static byte[] Render(ReviewDetail pack, IStringLocalizer<SharedResource> L, TaxonomyNames names, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(pack);
        UseLicensedFonts();
        using var document = new PdfDocument();
        document.Info.Title = Title(pack, L);
        document.Info.Subject = string.Create(CultureInfo.InvariantCulture, $"{pack.Kind} review {pack.PeriodStart:yyyy-MM-dd} to {pack.PeriodEnd.AddDays(-1):yyyy-MM-dd}");
        document.Info.Creator = "Zowor Complaints Portal";
        var page = new ReviewPdfWriter(document);
        var f = pack.Figures;
        page.Heading(Title(pack, L), 16);
        page.Text(string.Format(CultureInfo.CurrentCulture, L["Generated {0}. A snapshot: the figures are as they stood that day; later changes do not rewrite them."],
            clock.Show(pack.GeneratedAt)));

        page.Heading(L["Sign-off"]);
        foreach (var role in Domain.Reviews.ReviewSignOffRules.SigningRoles)
        {
            var signed = pack.SignOffs.FirstOrDefault(s => s.Role == role);
            page.Pair(RoleName(role, L), signed is null ? L["Not signed yet"] : $"{signed.SignedByName} · {clock.Show(signed.SignedAt)}");
        }

        page.Heading(L["Figures"]);
        page.Pair(L["Received"], Number(f.Received));
        page.Pair(L["Acknowledged within 24 hours"], Percent(f.AcknowledgedWithin24HoursRate));
        page.Pair(L["Acknowledgement breaches"], Number(f.AcknowledgementBreaches));
        page.Pair(L["Median time to acknowledge (hours)"], Number(f.MedianHoursToAcknowledge));
        page.Pair(L["Resolved"], Number(f.Resolved));
        page.Pair(L["Median time to resolve (days)"], Number(f.MedianDaysToResolve));
        page.Pair(L["Closed"], Number(f.Closed));
        page.Pair(L["Serious"], Number(f.Serious));
        page.Pair(L["Average satisfaction"], Number(f.AverageSatisfaction));
        foreach (var (currency, amount) in f.RefundsByCurrency ?? new Dictionary<string, decimal>())
        {
            page.Pair(L["Refunds"] + " " + currency, amount.ToString("N2", CultureInfo.CurrentCulture));
        }

        var enumName = (string key) => L[EnumText.OfName(key)].Value;
        foreach (var (title, rows, name) in new[] { (L["By channel"], f.ByChannel, enumName), (L["By category"], f.ByCategory, names.Category), (L["Root causes"], f.RootCauses, names.RootCause), (L["Resolution mix"], f.ResolutionMix, enumName) })
        {
            page.Heading(title, 11);
            page.Table([.. rows.OrderByDescending(r => r.Value).Select(r => new[] { name(r.Key), Number(r.Value) })]);
        }

        if (f.StaffCompliance is { } staff)
        {
            page.Heading(L["Staff communication and training (P-80, P-81)"]);
            page.Pair(L["Memo acknowledgement"], Percent(staff.Memos.Rate));
            page.Pair(L["Required training current"], Percent(staff.Training.Rate));
        }

        if (f.Sections is { } s)
        {
            ReviewPdfSections.Write(page, s, L, names, clock);
        }

        page.Heading(L["Findings and decisions"]);
        page.Table([.. pack.FindingList.Select(x => new[] { x.Text, x.Decision, x.Owner ?? string.Empty, x.DueDate?.ShowDate() ?? string.Empty })]);
        if (!string.IsNullOrWhiteSpace(pack.Findings))
        {
            page.Text(pack.Findings);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>A signing role's name as the pack shows it (literal keys, so the resource check sees them).</summary>
    public static string RoleName(string role, IStringLocalizer<SharedResource> L) => role == "CCO" ? L["CCO"] : L["Quality"];

    internal static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) : "—";

    internal static string Percent(double? value) => value is { } v ? v.ToString("P0", CultureInfo.CurrentCulture) : "—";
}
