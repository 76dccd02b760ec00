using System.Globalization;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Platform.Localization;

/// <summary>
/// One way to show a date and a time, per culture, wherever a person reads one (issue 20): "3 Dec 2026, 13:13" in
/// English and "3 дек. 2026, 13:13" in Russian, on staff pages, public pages, e-mails and review packs alike. The day
/// comes first and the clock has 24 hours, so no reader has to guess whether 12/3 is March or December. Times are
/// business time: pass what <see cref="Platform.Time.BusinessClock.ToLocal"/> returns, or use
/// <see cref="Platform.Time.BusinessClock.Show"/> with a stored UTC time. Machines get ISO 8601 instead (<see cref="Iso"/>).
/// </summary>
public static class Dates
{
    public const string DatePattern = "d MMM yyyy";
    public const string DateTimePattern = DatePattern + ", HH:mm";

    /// <summary>A day in the reader's culture: "3 Dec 2026".</summary>
    public static string ShowDate(this DateOnly date) => date.ToString(DatePattern, CultureInfo.CurrentCulture);

    /// <summary>The day of a business-time moment: "3 Dec 2026".</summary>
    public static string ShowDate(this DateTime local) => local.ToString(DatePattern, CultureInfo.CurrentCulture);

    /// <summary>A business-time moment in the reader's culture: "3 Dec 2026, 13:13".</summary>
    public static string ShowDateTime(this DateTime local) => local.ToString(DateTimePattern, CultureInfo.CurrentCulture);

    /// <summary>A moment for machines (CSV): ISO 8601 in business time with its offset, "2026-12-03T13:13:00+05:00".</summary>
    public static string Iso(DateTime utc, TimeZoneInfo zone)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(at).ToOffset(zone.GetUtcOffset(at)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A length of time as people say it, to the minute and in the reader's language: "3 h 55 min", "2 d 4 h", "3 ч 55 мин".
    /// The live countdowns in the browser use the same units (App.razor hands them to portal.js).
    /// </summary>
    public static string Span(TimeSpan span, IStringLocalizer L)
    {
        span = span.Duration();
        var days = (int)span.TotalDays;
        string Unit(string key, int value) => string.Format(CultureInfo.CurrentCulture, L[key], value);
        if (days > 0)
        {
            return span.Hours > 0 ? Unit("{0} d", days) + " " + Unit("{0} h", span.Hours) : Unit("{0} d", days);
        }

        if (span.Hours > 0)
        {
            return span.Minutes > 0 ? Unit("{0} h", span.Hours) + " " + Unit("{0} min", span.Minutes) : Unit("{0} h", span.Hours);
        }

        return Unit("{0} min", Math.Max(1, span.Minutes));
    }

    /// <summary>How long ago a stored UTC moment was: "just now", "3 h 55 min ago", "5 мин назад".</summary>
    public static string Ago(DateTime utc, DateTime nowUtc, IStringLocalizer L) =>
        nowUtc - utc < TimeSpan.FromMinutes(1) ? L["just now"] : string.Format(CultureInfo.CurrentCulture, L["{0} ago"], Span(nowUtc - utc, L));
}
