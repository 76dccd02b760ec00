using Zowor.Portal.Platform.Export;

namespace Zowor.Portal.Tests.Features.Trends;

/// <summary>
/// The one CSV writer of every export (P-60 trends, P-63 review packs, P-80 training, P-91 audit log): text a spreadsheet
/// would run as a formula is defused with a leading apostrophe, fullwidth forms, tab and carriage return included.
/// </summary>
public sealed class CsvTests
{
    public static TheoryData<string, string> Fields { get; } = new()
    {
        { "=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"" },
        { "+1+1", "'+1+1" },
        { "-2+3", "'-2+3" },
        { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
        { "\uFF1D1+1", "'\uFF1D1+1" },
        { "\uFF0B1", "'\uFF0B1" },
        { "\uFF0D1", "'\uFF0D1" },
        { "\uFF20SUM(A1)", "'\uFF20SUM(A1)" },
        { "\t=1+1", "\"'\t=1+1\"" },
        { "\r=1+1", "\"'\r=1+1\"" },
        { "   =1+1", "'   =1+1" },
        { "Kettle, 1.7 l", "\"Kettle, 1.7 l\"" },
        { "The \"Pro\" model", "\"The \"\"Pro\"\" model\"" },
        { "Чайник", "Чайник" },
        { "a=b", "a=b" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Text_FormulaOrSeparator_IsDefusedAndQuoted(string value, string expected) =>
        Assert.Equal(expected, Csv.Text(value));
}
