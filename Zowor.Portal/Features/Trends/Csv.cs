using System.Globalization;
using System.Text;

namespace Zowor.Portal.Features.Trends;

/// <summary>
/// RFC 4180 CSV fields: a field with a comma, quote or line break is quoted and its quotes doubled. Text that a
/// spreadsheet would run as a formula (starting with =, +, - or @) gets a leading apostrophe, because product names and
/// category names come from customers and staff.
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

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Line(params string[] fields) => string.Join(',', fields);
}
