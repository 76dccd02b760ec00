using System.Globalization;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Reviews;

/// <summary>The CAPA, memo, training, satisfaction and previous-decision sections of the review PDF.</summary>
internal static class ReviewPdfSections
{
    public static void Write(ReviewPdfWriter page, ReviewSections s, IStringLocalizer<SharedResource> L, TaxonomyNames names, BusinessClock clock)
    {
        page.Heading(L["Corrective and preventive actions (P-62)"]);
        foreach (var (title, rows) in new[] { (L["CAPAs opened"], s.Capa.Opened), (L["CAPAs closed"], s.Capa.Closed), (L["CAPAs overdue at the period's end"], s.Capa.Overdue) })
        {
            page.Heading(title, 11);
            page.Table([.. rows.Select(c => new[] { $"{c.Number} {c.Title}", L[EnumText.OfName(c.Kind)].Value, L[EnumText.OfName(c.Status)].Value })]);
        }

        page.Heading(L["Effectiveness results (P-61)"], 11);
        page.Table([.. s.Capa.Effectiveness.Select(e => new[]
        {
            $"{e.Number} {e.Title}", e.Effective ? L["Effective"].Value : L["Not effective"].Value, $"{e.ByName} · {clock.ShowDay(e.At)}",
        })]);

        page.Heading(L["Memos published (P-81)"], 11);
        page.Table([.. s.Memos.Select(m => new[] { m.Title, clock.ShowDay(m.PublishedAt), string.Format(CultureInfo.CurrentCulture, L["{0} acknowledged"], m.Acknowledged) })]);
        page.Heading(L["Training sessions (P-80)"], 11);
        page.Table([.. s.Training.Select(t => new[] { t.Course, t.HeldOn.ShowDate(), string.Format(CultureInfo.CurrentCulture, L["{0} completed"], t.Completed) })]);

        page.Heading(L["Customer satisfaction"]);
        page.Pair(L["Surveys sent"], ReviewPdf.Number(s.Satisfaction.Sent));
        page.Pair(L["Surveys answered"], ReviewPdf.Number(s.Satisfaction.Answered));
        page.Pair(L["Response rate"], ReviewPdf.Percent(s.Satisfaction.ResponseRate));
        page.Pair(L["Average outcome score"], ReviewPdf.Number(s.Satisfaction.AverageOutcome));
        page.Pair(L["Average handling score"], ReviewPdf.Number(s.Satisfaction.AverageHandling));
        page.Table([.. s.Satisfaction.ByCategory.Select(c => new[] { names.Category(c.Key), ReviewPdf.Number(c.Answers), ReviewPdf.Number(c.Average) })]);

        page.Heading(L["Previous review's decisions"]);
        if (s.Previous is not { } previous)
        {
            page.Text(L["This is the first review of its kind."]);
            return;
        }

        page.Table([.. previous.Decisions.Select(d => new[] { d.Decision, d.Owner ?? string.Empty, d.DueDate?.ShowDate() ?? string.Empty, L[d.Status.ToString()].Value })]);
    }
}
