using System.Globalization;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Tests.Platform.Localization;

/// <summary>
/// Issue 20: one way to show a date and a time per culture, in the business time zone, wherever a person reads one; and
/// ISO 8601 with the offset for machines (CSV). 12/3 is never left to guess: the day comes first, the month has a name,
/// the clock has 24 hours.
/// </summary>
public sealed class DatesTests
{
    private static readonly DateTime Utc = new(2026, 12, 3, 8, 13, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("en", "3 Dec 2026, 13:13", "3 Dec 2026")]
    [InlineData("ru", "3 дек. 2026, 13:13", "3 дек. 2026")]
    public void AMoment_IsShownInBusinessTime_WithTheDayFirst_InEachCulture(string culture, string moment, string day)
    {
        using var _ = new CultureScope(culture);
        Assert.Equal(moment, InZone("Asia/Almaty", Utc).ShowDateTime());
        Assert.Equal(day, InZone("Asia/Almaty", Utc).ShowDate());
        Assert.Equal(day, new DateOnly(2026, 12, 3).ShowDate());
    }

    [Fact]
    public void TheSameMoment_FollowsTheBusinessTimeZone_AcrossMidnight()
    {
        using var _ = new CultureScope("en");
        var late = new DateTime(2026, 12, 3, 20, 30, 0, DateTimeKind.Utc);

        Assert.Equal("4 Dec 2026, 01:30", InZone("Asia/Almaty", late).ShowDateTime());
        Assert.Equal("3 Dec 2026, 15:30", InZone("America/New_York", late).ShowDateTime());
    }

    [Theory]
    [InlineData("Asia/Almaty", "2026-12-03T13:13:00+05:00")]
    [InlineData("America/New_York", "2026-12-03T03:13:00-05:00")]
    [InlineData("Europe/Berlin", "2026-12-03T09:13:00+01:00")]
    public void ForMachines_ItIsIso8601_InBusinessTime_WithTheOffset(string zone, string expected)
    {
        using var _ = new CultureScope("ru");

        Assert.Equal(expected, Dates.Iso(Utc, TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    /// <summary>What <see cref="BusinessClock.ToLocal"/> does with the zone an Admin chose.</summary>
    private static DateTime InZone(string zone, DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(zone));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
    }
}
