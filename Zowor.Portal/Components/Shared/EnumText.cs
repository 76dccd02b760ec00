using System.Text.RegularExpressions;

namespace Zowor.Portal.Components.Shared;

/// <summary>Turns enum members into English UI text ("PartialRefund" → "Partial refund"), which is also the localization key.</summary>
public static partial class EnumText
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var words = Words().Replace(value.ToString(), " $1").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
