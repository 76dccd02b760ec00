using System.Globalization;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Platform.Localization;

public static class DomainMessageExtensions
{
    /// <summary>
    /// A refused request's message in the user's language: the template is translated, and so is every text argument
    /// (field names, status phrases), since the domain writes them as English phrases that are keys too.
    /// </summary>
    public static string Localize(this IStringLocalizer localizer, DomainException exception)
    {
        var arguments = exception.MessageArguments.Select(a => a is string text ? localizer[text].Value : a).ToArray();
        return string.Format(CultureInfo.CurrentCulture, localizer[exception.MessageTemplate], arguments);
    }
}
