using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// The hourly scan found complaints about the same product and category, or with the same root-cause category,
/// reaching the Admin's threshold within the window (P-60, P-62). Stored so each is raised, and Quality notified, once
/// per key and window; "Open CAPA" turns it into a CAPA with these complaints linked.
/// </summary>
public sealed class RecurringIssueAlert
{
    public long Id { get; private set; }

    /// <summary><c>product:{category}:{product}</c> or <c>root-cause:{category}</c>.</summary>
    public required string Key { get; init; }

    public string? Product { get; init; }
    public string? CategoryCode { get; init; }
    public RootCauseCategory? RootCause { get; init; }

    /// <summary>The window the complaints fell in (UTC).</summary>
    public required DateTime WindowStart { get; init; }
    public required DateTime WindowEnd { get; init; }

    /// <summary>The business day it was raised; with <see cref="Key"/> unique, so two nodes never raise it twice.</summary>
    public required DateOnly RaisedOn { get; init; }
    public required DateTime RaisedAt { get; init; }

    public required int ComplaintCount { get; init; }

    /// <summary>The complaints that made the alert, in the order received.</summary>
    public List<Guid> ComplaintIds { get; init; } = [];

    public List<string> References { get; init; } = [];

    /// <summary>The CAPA opened from it; null while the alert is open.</summary>
    public Guid? CapaId { get; set; }

    public bool IsOpen => CapaId is null && DismissedAt is null;

    /// <summary>Quality decided no CAPA is needed (e.g. already covered).</summary>
    public DateTime? DismissedAt { get; set; }

    public string? DismissedBy { get; set; }

    public static string ProductKey(string categoryCode, string product) => $"product:{categoryCode}:{product}";

    public static string RootCauseKey(RootCauseCategory category) => $"root-cause:{category}";
}
