using System.Globalization;
using System.Text;

namespace Zowor.Portal.Platform.Export;

/// <summary>
/// The one CSV writer of every export (trends, review packs, training compliance, audit log): RFC 4180 fields, where a
/// field with a comma, quote, tab or line break is quoted and its quotes doubled. Text that a spreadsheet would run as a
/// formula gets a leading apostrophe, because product names, category names and staff names come from customers and
/// staff: a first character =, +, -, @, their fullwidth forms ＝ ＋ － ＠ (which spreadsheets fold to ASCII), tab or
/// carriage return, also after leading spaces.
/// </summary>
public static class Csv
{
    /// <summary>UTF-8 with a byte-order mark, so spreadsheet programs read Cyrillic text correctly.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>RFC 4180 line ends, whatever the server's platform.</summary>
    public const string NewLine = "\r\n";

    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (StartsLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n\t") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static bool StartsLikeFormula(string value)
    {
        if (value[0] is '\t' or '\r')
        {
            return true;
        }

        var first = value.AsSpan().TrimStart(' ');
        return first.Length > 0 && first[0] is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFE63' or '\uFF20';
    }

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Line(params string[] fields) => string.Join(',', fields);
}
