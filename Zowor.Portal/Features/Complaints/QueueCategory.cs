using System.Globalization;
using Zowor.Portal.Features.Categories;

namespace Zowor.Portal.Features.Complaints;

/// <summary>A category's code and its name in the reader's language, for the queue's filter and its rows.</summary>
public sealed record QueueCategory(string Code, string Name)
{
    public static IReadOnlyList<QueueCategory> Of(IReadOnlyDictionary<string, ComplaintCategory> categories) =>
        categories.Values.OrderBy(c => c.SortOrder).Select(c => new QueueCategory(c.Code, c.Name(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName))).ToList();
}
