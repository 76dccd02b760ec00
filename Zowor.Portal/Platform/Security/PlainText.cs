using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Platform.Security;

/// <summary>
/// The one input policy for free text, at every door where a customer or staff member writes it (web form, /track,
/// survey, the API, staff forms): markup (text between &lt; and &gt;) and invisible control characters are refused with the
/// same messages; right-to-left text and emoji are a person's own words and kept. Forms carry <see cref="PlainTextAttribute"/>,
/// so pages show the message at the field; the services call <see cref="Ensure(object?)"/> on what they are given before
/// any write, so a door that skips the page (the API, a new page, a job) refuses the same text with the same message.
/// </summary>
public static partial class PlainText
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool MultiLine)[]> Fields = new();

    /// <summary>
    /// Refuses <paramref name="input"/> (a form or command) when any of its <see cref="PlainTextAttribute"/> fields breaks the
    /// policy: a <see cref="DomainException"/> with the field's message, the one the page shows at the field. Only the
    /// policy: lengths and required values stay the domain's to refuse, with its own messages.
    /// </summary>
    public static void Ensure(object? input)
    {
        if (input is null)
        {
            return;
        }

        foreach (var (property, multiLine) in Fields.GetOrAdd(input.GetType(), FieldsOf))
        {
            foreach (var text in TextsOf(property.GetValue(input)))
            {
                Ensure(text, multiLine, property.Name);
            }
        }
    }

    /// <summary>
    /// The free texts a field holds: one string, or each entry of a list of them (a CAPA's 5 Whys) or each value of a
    /// dictionary of them (its fishbone notes by category), so a list of notes is under the same policy as one note.
    /// </summary>
    public static IEnumerable<string?> TextsOf(object? value) => value switch
    {
        null => [],
        string text => [text],
        System.Collections.IDictionary map => map.Values.Cast<object?>().Select(v => v as string),
        IEnumerable<string?> texts => texts,
        _ => [],
    };

    /// <summary>Refuses one free-text value under the policy (a service parameter that is not a form, e.g. a note).</summary>
    public static void Ensure(string? text, bool multiLine, string field)
    {
        if (Problem(text, multiLine, field) is { } problem)
        {
            throw new DomainException(problem.ErrorMessage!);
        }
    }

    /// <summary>The problem with the text as a validation result for <paramref name="field"/>, or null when the text is fine (or empty).</summary>
    public static ValidationResult? Problem(string? text, bool multiLine, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (MarkupTag().IsMatch(text))
        {
            return new ValidationResult("Please remove HTML or script tags (text between < and >).", [field]);
        }

        foreach (var ch in text)
        {
            var invisible = ch is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
            var control = char.IsControl(ch) && !(multiLine && ch is '\n' or '\r' or '\t');
            if (invisible || control)
            {
                return new ValidationResult("The text contains invisible control characters; please type it again.", [field]);
            }
        }

        return null;
    }

    private static (PropertyInfo Property, bool MultiLine)[] FieldsOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<PlainTextAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Property, x.Attribute!.MultiLine))
            .ToArray();

    [GeneratedRegex(@"<\s*[/!?a-zA-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupTag();
}
