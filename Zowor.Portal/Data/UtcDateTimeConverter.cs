using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Zowor.Portal.Data;

/// <summary>Reads stored times back as UTC (providers return <see cref="DateTimeKind.Unspecified"/>).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
