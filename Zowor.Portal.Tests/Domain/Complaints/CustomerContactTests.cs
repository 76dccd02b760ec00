using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Complaints;

public sealed class CustomerContactTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("   ", " ")]
    public void Create_WithoutEmailAndPhone_Throws(string? email, string? phone)
    {
        // P-11: the customer must be reachable, by e-mail or phone.
        var ex = Assert.Throws<DomainException>(() => CustomerContact.Create("Anna Ivanova", email, phone, ContactMethod.Email));

        Assert.Contains("at least one", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anna@example.com", null, ContactMethod.Email)]
    [InlineData(null, "+7 777 597 8859", ContactMethod.Phone)]
    [InlineData("anna@example.com", "+7 777 597 8859", ContactMethod.Phone)]
    public void Create_WithEmailOrPhone_Succeeds(string? email, string? phone, ContactMethod preferred)
    {
        var contact = CustomerContact.Create("Anna Ivanova", email, phone, preferred);

        Assert.Equal("Anna Ivanova", contact.Name);
        Assert.Equal(preferred, contact.PreferredContact);
        Assert.True(contact.Email is not null || contact.Phone is not null);
    }

    [Theory]
    [InlineData("a@")]
    [InlineData("no-at")]
    [InlineData("a@b")]
    [InlineData("a b@c.de")]
    [InlineData("@example.com")]
    [InlineData("anna@example.")]
    [InlineData("Anna <anna@example.com>")]
    public void Create_InvalidEmail_Throws(string email)
    {
        var ex = Assert.Throws<DomainException>(() => CustomerContact.Create("Anna Ivanova", email, "+7 777 597 8859", ContactMethod.Phone));

        Assert.Contains("e-mail", ex.Message, StringComparison.Ordinal);
        Assert.False(CustomerContact.IsValidEmail(email));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abc")]
    [InlineData("12345678901234567890")]
    [InlineData("123456")]
    [InlineData("1234567890123456")]
    [InlineData("+7 777 597 8859 ext 2")]
    [InlineData("7+777 597 8859")]
    public void Create_InvalidPhone_Throws(string phone)
    {
        var ex = Assert.Throws<DomainException>(() => CustomerContact.Create("Anna Ivanova", "anna@example.com", phone, ContactMethod.Email));

        Assert.Contains("phone", ex.Message, StringComparison.Ordinal);
        Assert.False(CustomerContact.IsValidPhone(phone));
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789012345")]
    [InlineData("+7 (777) 597-88.59")]
    public void IsValidPhone_7To15DigitsWithSeparators_IsTrue(string phone)
    {
        Assert.True(CustomerContact.IsValidPhone(phone));
    }

    [Theory]
    [InlineData("anna@example.com")]
    [InlineData("anna.ivanova+complaints@mail.example.co.uk")]
    public void IsValidEmail_OrdinaryAddress_IsTrue(string email)
    {
        Assert.True(CustomerContact.IsValidEmail(email));
    }

    [Fact]
    public void Create_MixedCaseEmail_IsTrimmedAndLowerCased()
    {
        var contact = CustomerContact.Create("Anna Ivanova", "  Anna.Ivanova@Example.COM ", null, ContactMethod.Email);

        Assert.Equal("anna.ivanova@example.com", contact.Email);
    }

    [Theory]
    [InlineData("+7 (777) 597-88.59", "+77775978859")]
    [InlineData(" 8 777 597 88 59 ", "87775978859")]
    [InlineData("+49-30-1234567", "+49301234567")]
    public void Create_FormattedPhone_KeepsPlusAndDigitsOnly(string phone, string expected)
    {
        var contact = CustomerContact.Create("Anna Ivanova", null, phone, ContactMethod.Phone);

        Assert.Equal(expected, contact.Phone);
    }

    [Fact]
    public void Create_PrefersEmailWithoutEmail_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => CustomerContact.Create("Anna Ivanova", null, "+7 777 597 8859", ContactMethod.Email));

        Assert.Contains("prefers e-mail", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PrefersPhoneWithoutPhone_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => CustomerContact.Create("Anna Ivanova", "anna@example.com", null, ContactMethod.Phone));

        Assert.Contains("prefers phone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UndefinedPreferredContact_Throws()
    {
        // Like every other enum the domain takes (severity, channel, acknowledgement method), an unknown value is refused.
        Assert.Throws<DomainException>(
            () => CustomerContact.Create("Anna Ivanova", "anna@example.com", "+7 777 597 8859", (ContactMethod)7));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_WithoutName_Throws(string? name)
    {
        var ex = Assert.Throws<DomainException>(() => CustomerContact.Create(name, "anna@example.com", null, ContactMethod.Email));

        Assert.Contains("Customer name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NameTooLong_Throws()
    {
        var name = new string('A', ComplaintLimits.Name + 1);

        Assert.Throws<DomainException>(() => CustomerContact.Create(name, "anna@example.com", null, ContactMethod.Email));
    }
}
