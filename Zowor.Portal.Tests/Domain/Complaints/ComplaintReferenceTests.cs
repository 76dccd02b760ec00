using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Complaints;

public sealed class ComplaintReferenceTests
{
    [Theory]
    [InlineData(2026, 123, "ZW-2026-000123")]
    [InlineData(2026, 1, "ZW-2026-000001")]
    [InlineData(2027, 999_999, "ZW-2027-999999")]
    public void ToString_AnyReference_IsZwYearAndSixDigitSequence(int year, int sequence, string expected)
    {
        // P-21: the reference the customer uses to track the complaint.
        Assert.Equal(expected, ComplaintReference.Create(year, sequence).ToString());
    }

    [Theory]
    [InlineData(2026, 0)]
    [InlineData(2026, -1)]
    [InlineData(2026, 1_000_000)]
    [InlineData(1999, 1)]
    [InlineData(10_000, 1)]
    public void Create_OutOfRange_Throws(int year, int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintReference.Create(year, sequence));
    }

    [Theory]
    [InlineData(2026, 123)]
    [InlineData(2026, 1)]
    [InlineData(2031, 999_999)]
    public void TryParse_FormattedReference_RoundTrips(int year, int sequence)
    {
        var reference = ComplaintReference.Create(year, sequence);

        var parsed = ComplaintReference.TryParse(reference.ToString());

        Assert.Equal(reference, parsed);
        Assert.Equal(year, parsed?.Year);
        Assert.Equal(sequence, parsed?.Sequence);
    }

    [Theory]
    [InlineData("zw-2026-000123")]
    [InlineData("Zw-2026-000123")]
    [InlineData("  ZW-2026-000123  ")]
    [InlineData("\tzW-2026-000123\n")]
    public void TryParse_AnyCaseOrSurroundingSpace_Parses(string text)
    {
        // A person types the reference from an e-mail or reads it over the phone.
        Assert.Equal(ComplaintReference.Create(2026, 123), ComplaintReference.TryParse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ZW-2026-123")]
    [InlineData("ZW-26-000123")]
    [InlineData("ZW2026000123")]
    [InlineData("ZW-2026-0001234")]
    [InlineData("XZ-2026-000123")]
    [InlineData("ZW-2026-000123x")]
    [InlineData("ZW-2026-00012a")]
    [InlineData("ZW 2026 000123")]
    [InlineData("ZW-2026-000123 ZW-2026-000124")]
    [InlineData("'; DROP TABLE Complaints; --")]
    public void TryParse_Garbage_ReturnsNull(string? text)
    {
        Assert.Null(ComplaintReference.TryParse(text));
    }

    [Theory]
    [InlineData("ZW-2026-000000")]
    [InlineData("ZW-0000-000001")]
    [InlineData("ZW-1999-000001")]
    public void TryParse_ReferenceCreateWouldRefuse_ReturnsNull(string text)
    {
        // A parsed reference must obey the same rules as an allocated one (year 2000-9999, sequence from 1).
        Assert.Null(ComplaintReference.TryParse(text));
    }

    [Theory]
    [InlineData("ZW-\uFF12\uFF10\uFF12\uFF16-000123")]
    [InlineData("ZW-2026-\u0660\u0660\u0660\u0661\u0662\u0663")]
    public void TryParse_NonAsciiDigits_ReturnsNullWithoutThrowing(string text)
    {
        // The public lookup page passes whatever was typed; a "Try" method must never throw on it.
        var parsed = ComplaintReference.TryParse(text);

        Assert.Null(parsed);
    }
}
