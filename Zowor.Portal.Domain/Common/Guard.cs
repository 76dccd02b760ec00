namespace Zowor.Portal.Domain.Common;

/// <summary>Argument checks that turn bad input into messages a user can act on.</summary>
public static class Guard
{
    /// <summary>Returns the trimmed text, or throws when it is empty or longer than <paramref name="maxLength"/>.</summary>
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("{0} is required.", field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException("{0} must be at most {1} characters.", field, maxLength);
        }

        return trimmed;
    }

    /// <summary>Returns the trimmed text or null when empty; throws when longer than <paramref name="maxLength"/>.</summary>
    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException("{0} must be at most {1} characters.", field, maxLength)
            : trimmed;
    }

    /// <summary>Throws unless the time is UTC; the domain stores and compares UTC only.</summary>
    public static DateTime Utc(DateTime value, string field)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"{field} must be a UTC time.", field);
        }

        return value;
    }

    /// <summary>Throws when the actor is missing.</summary>
    public static Actor Actor(Actor? actor) =>
        actor is null || string.IsNullOrWhiteSpace(actor.Id)
            ? throw new ArgumentException("The actor is required.", nameof(actor))
            : actor;
}
