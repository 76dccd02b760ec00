using System.Text.RegularExpressions;

namespace Zowor.Portal.Components.Shared;

/// <summary>Turns enum members into English UI text ("PartialRefund" → "Partial refund"), which is also the localization key.</summary>
public static partial class EnumText
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => OfName(value.ToString());

    /// <summary>The same for a PascalCase name stored as text (timeline kinds).</summary>
    public static string OfName(string name)
    {
        if (name == "Email")
        {
            return "E-mail";
        }

        var words = Words().Replace(name, " $1").ToLowerInvariant();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
