using System.Collections.Concurrent;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Platform.Time;

/// <summary>
/// Converts between stored UTC and the business time zone people read and type (an Admin setting, default
/// Asia/Almaty). Everything stored stays UTC; all time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class BusinessClock(TimeProvider time, SettingsProvider settings)
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    public TimeZoneInfo Zone => Find(settings.Current.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A stored UTC moment as people read it: business time, in the reader's culture (<see cref="Dates"/>).</summary>
    public string Show(DateTime utc) => ToLocal(utc).ShowDateTime();

    /// <summary>The business day of a stored UTC moment, as people read a date.</summary>
    public string ShowDay(DateTime utc) => ToLocal(utc).ShowDate();

    /// <summary>A stored UTC moment for machines (CSV): ISO 8601 in business time with its offset.</summary>
    public string Iso(DateTime utc) => Dates.Iso(utc, Zone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>Whether the id names a time zone this machine knows.</summary>
    public static bool IsKnownZone(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static TimeZoneInfo Find(string id) =>
        Zones.GetOrAdd(id, key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc);
}
