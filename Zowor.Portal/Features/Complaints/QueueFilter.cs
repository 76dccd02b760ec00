using System.Globalization;
using System.Text;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// The queue's filters, sort and page as they live in the URL (<c>queue?owner=me&amp;status=Investigating&amp;page=2</c>):
/// a view can be bookmarked and shared, the back button steps through the filters, and a saved view is this query
/// string. Reading is forgiving: an unknown or malformed value is left out (a hand-edited link shows the unfiltered
/// queue rather than an error), and only non-default values are written, so equal filters give equal URLs.
/// </summary>
public sealed record QueueFilter
{
    /// <summary>The owner value that means whoever is looking ("Assigned to me" works for everyone a link is shared with).</summary>
    public const string Me = "me";

    /// <summary>The longest period the "closed in the last N days" filter accepts.</summary>
    public const int MaxClosedDays = 366;

    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    public string? Search { get; init; }
    public EscalationLevel? Level { get; init; }
    public ComplaintStatus? Status { get; init; }
    public string? CategoryCode { get; init; }
    public ComplaintChannel? Channel { get; init; }
    public ComplaintSeverity? Severity { get; init; }

    /// <summary>A user id, <see cref="Me"/> or <see cref="QueueQuery.Unassigned"/>.</summary>
    public string? Owner { get; init; }

    /// <summary>Acknowledgement breached or due by the end of today, or the estimated resolution date reached.</summary>
    public bool Due { get; init; }

    /// <summary>A resolution was offered and the customer has not answered yet.</summary>
    public bool Waiting { get; init; }

    /// <summary>Closed complaints, closed within this many days, instead of the open ones.</summary>
    public int? ClosedWithinDays { get; init; }

    public QueueSort Sort { get; init; } = QueueSort.Urgency;
    public bool Descending { get; init; }

    /// <summary>Zero-based page.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;

    /// <summary>Whether anything narrows the list (the heading then says "matching", not "open").</summary>
    public bool Narrows =>
        !string.IsNullOrWhiteSpace(Search) || Level is not null || Status is not null || !string.IsNullOrEmpty(CategoryCode) || Channel is not null
        || Severity is not null || !string.IsNullOrEmpty(Owner) || Due || Waiting || ClosedWithinDays is not null;

    /// <summary>The same filter on its first page (a changed filter starts from the top).</summary>
    public QueueFilter FirstPage() => this with { Page = 0 };

    /// <summary>The query the service runs for a list of <paramref name="levels"/> (a level filter outside them is ignored).</summary>
    public QueueQuery ToQuery(IReadOnlyList<EscalationLevel> levels) => new()
    {
        Levels = Level is { } level && levels.Contains(level) ? [level] : levels,
        Search = Search,
        Status = Status,
        CategoryCode = CategoryCode,
        Channel = Channel,
        Severity = Severity,
        OwnerId = Owner,
        Due = Due,
        Waiting = Waiting,
        ClosedWithinDays = ClosedWithinDays,
        Sort = Sort,
        Descending = Descending,
        Page = Page,
        PageSize = PageSize,
    };

    /// <summary>Reads a filter from the URL's query values (<paramref name="value"/> gives the raw value of a name, or null).</summary>
    public static QueueFilter Parse(Func<string, string?> value) => new()
    {
        Search = Text(value("q"), ComplaintLimits.Subject),
        Level = int.TryParse(value("level"), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && Enum.IsDefined((EscalationLevel)level)
            ? (EscalationLevel)level : null,
        Status = Named<ComplaintStatus>(value("status")),
        CategoryCode = Text(value("category"), 64),
        Channel = Named<ComplaintChannel>(value("channel")),
        Severity = Named<ComplaintSeverity>(value("severity")),
        Owner = Text(value("owner"), 450),
        Due = Flag(value("due")),
        Waiting = Flag(value("waiting")),
        ClosedWithinDays = int.TryParse(value("closed"), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= MaxClosedDays
            ? days : null,
        Sort = Named<QueueSort>(value("sort")) ?? QueueSort.Urgency,
        Descending = Flag(value("desc")),
        Page = int.TryParse(value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is > 1 and <= 100_000 ? page - 1 : 0,
        PageSize = int.TryParse(value("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : 25,
    };

    /// <summary>
    /// The query string without the leading '?' (empty for the default list). Pages are one-based in the URL, as people
    /// count them.
    /// </summary>
    public string ToQueryString()
    {
        var parts = new List<(string Name, string Value)>();
        Add("q", Search?.Trim());
        Add("level", Level is { } level ? ((int)level).ToString(CultureInfo.InvariantCulture) : null);
        Add("status", Status?.ToString());
        Add("category", CategoryCode);
        Add("channel", Channel?.ToString());
        Add("severity", Severity?.ToString());
        Add("owner", Owner);
        Add("due", Due ? "1" : null);
        Add("waiting", Waiting ? "1" : null);
        Add("closed", ClosedWithinDays?.ToString(CultureInfo.InvariantCulture));
        Add("sort", Sort == QueueSort.Urgency ? null : Sort.ToString());
        Add("desc", Descending ? "1" : null);
        Add("page", Page > 0 ? (Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        Add("size", PageSize == 25 ? null : PageSize.ToString(CultureInfo.InvariantCulture));
        var text = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add((name, value));
            }
        }
    }

    /// <summary>The filter's link on a list page (<c>queue</c>, <c>escalations</c>).</summary>
    public string Link(string page) => ToQueryString() is { Length: > 0 } query ? $"{page}?{query}" : page;

    private static string? Text(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var text && text.Length <= max ? text : text[..max];

    private static bool Flag(string? value) => value is "1" or "true";

    private static TEnum? Named<TEnum>(string? value)
        where TEnum : struct, Enum =>
        // Names only: "3" would parse as a number to an undefined value.
        value is { Length: > 0 } && !char.IsDigit(value[0]) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
