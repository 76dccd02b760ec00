using System.Globalization;
using System.Text.RegularExpressions;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>The customer's tracking number, e.g. <c>ZW-2026-000123</c> (P-21): year of receipt and a sequence within it.</summary>
public sealed partial record ComplaintReference
{
    private ComplaintReference(int year, int sequence)
    {
        Year = year;
        Sequence = sequence;
    }

    /// <summary>Year the sequence belongs to.</summary>
    public int Year { get; }

    /// <summary>Number within the year, from 1.</summary>
    public int Sequence { get; }

    /// <summary>Creates a reference; the sequence must be positive and fit six digits.</summary>
    public static ComplaintReference Create(int year, int sequence)
    {
        if (year is < 2000 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year));
        }

        if (sequence is < 1 or > 999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence));
        }

        return new ComplaintReference(year, sequence);
    }

    /// <summary>Reads a reference typed by a person (case and surrounding spaces ignored); null when it is not one.</summary>
    public static ComplaintReference? TryParse(string? text)
    {
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var sequence = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return year is >= 2000 and <= 9999 && sequence is >= 1 and <= 999_999 ? new ComplaintReference(year, sequence) : null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ZW-{Year}-{Sequence:D6}");

    [GeneratedRegex(@"^ZW-([0-9]{4})-([0-9]{6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
