namespace Zowor.Portal.Features.Settings;

/// <summary>
/// Converts between stored UTC and the business time zone people read and type (setting <c>Portal:TimeZone</c>,
/// default Asia/Almaty). Everything stored stays UTC.
/// </summary>
public sealed class BusinessClock(TimeProvider time, IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = FindZone(configuration["Portal:TimeZone"]);

    public TimeZoneInfo Zone => _zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    private static TimeZoneInfo FindZone(string? id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "Asia/Almaty" : id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
