using System.Globalization;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Complaints;

public sealed class ResolutionOfferTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("-5.00")]
    public void Create_PartialRefundWithoutPositiveAmount_Throws(string? amount)
    {
        // P-40: a partial refund says how much.
        var value = amount is null ? (decimal?)null : decimal.Parse(amount, CultureInfo.InvariantCulture);

        var ex = Assert.Throws<DomainException>(
            () => ResolutionOffer.Create(ResolutionKind.PartialRefund, value, "EUR", null, "Part of the price back."));

        Assert.Contains("positive amount", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("€")]
    [InlineData("ÉUR")]
    public void Create_PartialRefundWithoutThreeLetterCurrency_Throws(string? currency)
    {
        // P-40: an amount without an ISO 4217 currency is meaningless.
        var ex = Assert.Throws<DomainException>(
            () => ResolutionOffer.Create(ResolutionKind.PartialRefund, 10m, currency, null, "Part of the price back."));

        Assert.Contains("three-letter code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PartialRefundWithAmountAndCurrency_NormalisesCurrency()
    {
        var offer = ResolutionOffer.Create(ResolutionKind.PartialRefund, 12.50m, " usd ", null, " Half back. ");

        Assert.Equal(ResolutionKind.PartialRefund, offer.Kind);
        Assert.Equal(12.50m, offer.Amount);
        Assert.Equal("USD", offer.Currency);
        Assert.Equal("Half back.", offer.Details);
        Assert.Null(offer.Compensation);
        Assert.Null(offer.CustomerAccepted);
        Assert.Null(offer.ImplementedAt);
    }

    [Fact]
    public void Create_FullRefundWithoutAmount_Succeeds()
    {
        // P-40: a full refund is the whole price, so the amount is optional.
        var offer = ResolutionOffer.Create(ResolutionKind.FullRefund, null, null, null, "Full refund to the card.");

        Assert.Equal(ResolutionKind.FullRefund, offer.Kind);
        Assert.Null(offer.Amount);
        Assert.Null(offer.Currency);
    }

    [Fact]
    public void Create_FullRefundWithAmount_NeedsCurrency()
    {
        Assert.Throws<DomainException>(() => ResolutionOffer.Create(ResolutionKind.FullRefund, 49.90m, null, null, "Full refund."));

        var offer = ResolutionOffer.Create(ResolutionKind.FullRefund, 49.90m, "kzt", null, "Full refund.");
        Assert.Equal("KZT", offer.Currency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Create_FullRefundWithNonPositiveAmount_Throws(string amount)
    {
        var value = decimal.Parse(amount, CultureInfo.InvariantCulture);

        Assert.Throws<DomainException>(() => ResolutionOffer.Create(ResolutionKind.FullRefund, value, "EUR", null, "Full refund."));
    }

    [Fact]
    public void Create_CompensationWithoutKind_Throws()
    {
        // P-40: compensation is an extended warranty, a discount or a goodwill gesture.
        var ex = Assert.Throws<DomainException>(
            () => ResolutionOffer.Create(ResolutionKind.Compensation, null, null, null, "Something nice."));

        Assert.Contains("form of compensation", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CompensationKind.ExtendedWarranty)]
    [InlineData(CompensationKind.Discount)]
    [InlineData(CompensationKind.Goodwill)]
    public void Create_CompensationWithKind_Succeeds(CompensationKind kind)
    {
        var offer = ResolutionOffer.Create(ResolutionKind.Compensation, null, null, kind, "For the inconvenience.");

        Assert.Equal(kind, offer.Compensation);
        Assert.Null(offer.Amount);
    }

    [Fact]
    public void Create_CompensationWithUndefinedKind_Throws()
    {
        Assert.Throws<DomainException>(
            () => ResolutionOffer.Create(ResolutionKind.Compensation, null, null, (CompensationKind)9, "For the inconvenience."));
    }

    [Theory]
    [InlineData(ResolutionKind.Replacement)]
    [InlineData(ResolutionKind.FullRefund)]
    [InlineData(ResolutionKind.ExplanationOnly)]
    public void Create_CompensationKindOnOtherResolution_Throws(ResolutionKind kind)
    {
        Assert.Throws<DomainException>(() => ResolutionOffer.Create(kind, null, null, CompensationKind.Discount, "Details."));
    }

    [Theory]
    [InlineData(ResolutionKind.Replacement)]
    [InlineData(ResolutionKind.ExplanationOnly)]
    [InlineData(ResolutionKind.Compensation)]
    public void Create_AmountOnNonRefund_Throws(ResolutionKind kind)
    {
        CompensationKind? compensation = kind == ResolutionKind.Compensation ? CompensationKind.Discount : null;

        var ex = Assert.Throws<DomainException>(() => ResolutionOffer.Create(kind, 10m, "EUR", compensation, "Details."));

        Assert.Contains("Only refunds", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.005")]
    [InlineData("100000000.01")]
    public void Create_AmountWithThreeDecimalsOrTooLarge_Throws(string amount)
    {
        var value = decimal.Parse(amount, CultureInfo.InvariantCulture);

        Assert.Throws<DomainException>(() => ResolutionOffer.Create(ResolutionKind.PartialRefund, value, "EUR", null, "Part back."));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_WithoutDetails_Throws(string? details)
    {
        Assert.Throws<DomainException>(() => ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, details));
    }

    [Fact]
    public void Create_UndefinedKind_Throws()
    {
        Assert.Throws<DomainException>(() => ResolutionOffer.Create((ResolutionKind)42, null, null, null, "Details."));
    }
}
