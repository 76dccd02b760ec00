using System.Net.Mail;
using System.Text.RegularExpressions;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>The customer's contact details (P-11): a name and an e-mail address and/or a phone number.</summary>
public sealed partial record CustomerContact
{
    private CustomerContact(string name, string? email, string? phone, ContactMethod preferredContact)
    {
        Name = name;
        Email = email;
        Phone = phone;
        PreferredContact = preferredContact;
    }

    /// <summary>What remains of a customer after erasure (P-51): no name, no way to reach them.</summary>
    public static CustomerContact Anonymous { get; } = new("Anonymised customer", null, null, ContactMethod.Email);

    /// <summary>Customer's name.</summary>
    public string Name { get; private init; }

    /// <summary>E-mail address, normalised to lower case.</summary>
    public string? Email { get; private init; }

    /// <summary>Phone number as digits with an optional leading +.</summary>
    public string? Phone { get; private init; }

    /// <summary>How the customer prefers to be contacted.</summary>
    public ContactMethod PreferredContact { get; private init; }

    /// <summary>Validates and normalises contact details; throws <see cref="DomainException"/> with a readable message.</summary>
    public static CustomerContact Create(string? name, string? email, string? phone, ContactMethod preferredContact)
    {
        if (!Enum.IsDefined(preferredContact))
        {
            throw new DomainException("Choose how the customer prefers to be contacted: e-mail or phone.");
        }

        var validName = Guard.Text(name, "Customer name", ComplaintLimits.Name);
        var validEmail = NormaliseEmail(email);
        var validPhone = NormalisePhone(phone);
        if (validEmail is null && validPhone is null)
        {
            throw new DomainException("Give the customer's e-mail address or phone number (at least one).");
        }

        if (preferredContact == ContactMethod.Email && validEmail is null)
        {
            throw new DomainException("The customer prefers e-mail, but no e-mail address is given.");
        }

        if (preferredContact == ContactMethod.Phone && validPhone is null)
        {
            throw new DomainException("The customer prefers phone, but no phone number is given.");
        }

        return new CustomerContact(validName, validEmail, validPhone, preferredContact);
    }

    /// <summary>Whether the text is an e-mail address the portal accepts.</summary>
    public static bool IsValidEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > ComplaintLimits.Email || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.EndsWith('.');
    }

    /// <summary>Whether the text is a phone number: 7 to 15 digits, optional leading +, spaces, dashes, dots and brackets allowed.</summary>
    public static bool IsValidPhone(string? phone)
    {
        var trimmed = phone?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > ComplaintLimits.Phone || !PhoneShape().IsMatch(trimmed))
        {
            return false;
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15;
    }

    private static string? NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        return IsValidEmail(email)
            ? email.Trim().ToLowerInvariant()
            : throw new DomainException("The e-mail address is not valid.");
    }

    private static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        if (!IsValidPhone(phone))
        {
            throw new DomainException("The phone number is not valid: use 7 to 15 digits, optionally starting with +.");
        }

        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();
}
