using System.Globalization;
using Microsoft.AspNetCore.Components;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Complaints;

public sealed partial class ComplaintQueue : IDisposable
{
    /// <summary>Rows are the same complaint whatever their version: a live reload keeps the user's selection.</summary>

    private static readonly IEqualityComparer<QueueRow> RowsById = EqualityComparer<QueueRow>.Create((a, b) => a?.Id == b?.Id, r => r.Id.GetHashCode());

    private QueueFilter _filter = new();
    private bool _loaded;
    private bool _loading;
    private IReadOnlyList<QueueRow> _rows = [];
    private int _total;
    private HashSet<QueueRow> _selected = new(RowsById);
    private bool _canBulk;
    private bool _canRegister;
    // What the search field shows: the filter's text, or what is being typed until the pause that applies it.
    private IReadOnlyList<StaffMember> _staff = [];
    // The categories' names in the reader's language, in the admin's order: names, not the category entities.
    private IReadOnlyList<QueueCategory> _categories = [];
    private IDisposable? _subscription;
    // The notifier's event count when the rows were read (the prerender's, then each reload's), for an idle page's socket.
    private long _liveSince;
    private readonly HashSet<Guid> _expanded = [];

    [Inject] private ComplaintService Complaints { get; set; } = default!;
    [Inject] private CategoryService CategoryService { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private SettingsProvider Settings { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter]
    public string? Description { get; set; }

    /// <summary>The escalation levels this list shows.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<EscalationLevel> Levels { get; set; } = [];

    /// <summary>The page's own path (<c>queue</c>, <c>escalations</c>), where filter links lead.</summary>
    [Parameter, EditorRequired]
    public string PagePath { get; set; } = "queue";

    // The URL's query values (QueueFilter reads them): supplied again on every navigation within the page.
    [SupplyParameterFromQuery(Name = "q")] public string? SearchParameter { get; set; }
    [SupplyParameterFromQuery(Name = "level")] public string? LevelParameter { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusParameter { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? CategoryParameter { get; set; }
    [SupplyParameterFromQuery(Name = "channel")] public string? ChannelParameter { get; set; }
    [SupplyParameterFromQuery(Name = "severity")] public string? SeverityParameter { get; set; }
    [SupplyParameterFromQuery(Name = "owner")] public string? OwnerParameter { get; set; }
    [SupplyParameterFromQuery(Name = "due")] public string? DueParameter { get; set; }
    [SupplyParameterFromQuery(Name = "waiting")] public string? WaitingParameter { get; set; }
    [SupplyParameterFromQuery(Name = "closed")] public string? ClosedParameter { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortParameter { get; set; }
    [SupplyParameterFromQuery(Name = "desc")] public string? DescendingParameter { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageParameter { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? SizeParameter { get; set; }

    /// <summary>
    /// What the prerender showed, handed to the circuit (.NET 10 persistent component state) so that the rows are in the
    /// first HTML and the circuit starts from them without querying again or rendering an empty table first (issue 21).
    /// Read once when the circuit starts, then dropped; never restored from a paused circuit's last snapshot, which can
    /// be hours old.
    /// </summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public QueueSnapshot? Prerendered { get; set; }

    // The rows came from the prerender's snapshot: one reload once the circuit is live catches what changed between the
    // prerender and the subscription below (a page load on a slow phone takes seconds; the deadline scan runs each minute).
    private bool _fromSnapshot;

    /// <summary>The level column shows when rows can be at several levels ("Assigned to me" lists every level).</summary>
    private bool ShowsLevel => Levels.Count > 1 || _filter.Owner == QueueFilter.Me;

    /// <summary>Every column of the table (the selection box, the expand button, the data columns): the detail row spans them.</summary>
    private int ColumnCount => (_canBulk ? 1 : 0) + 10 + (ShowsLevel ? 1 : 0);

    protected override async Task OnInitializedAsync()
    {
        // The circuit's start after a prerender: the same list from the prerender's snapshot, before any await, so that
        // the first interactive render keeps the rows on screen. The right to bulk actions is asked again below.
        var filter = ParseFilter();
        if (Prerendered is { } snapshot && snapshot.Key == SnapshotKey(filter))
        {
            _filter = filter;
            _rows = snapshot.Rows;
            _total = snapshot.Total;
            _canBulk = snapshot.CanBulk;
            _categories = snapshot.Categories;
            _staff = snapshot.Staff;
            _loaded = true;
            _fromSnapshot = true;
        }
        else
        {
            _categories = QueueCategory.Of(await CategoryService.GetAllByCodeAsync());
            _staff = await Complaints.GetAssignableStaffAsync();
        }

        Prerendered = null;
        _canBulk = await CurrentUser.IsAllowedAsync(PortalRoles.Policies.HandleComplaints);
        _canRegister = await CurrentUser.IsAllowedAsync(PortalRoles.Policies.RegisterComplaints);
        // A change at (or leaving) one of this list's levels may move rows in or out: reload once per change or batch
        // (a bulk action of 200 complaints is one reload). "Assigned to me" spans every level.
        _subscription = Notifier.SubscribeToComplaints(changes =>
            changes.Any(c => _filter.Owner == QueueFilter.Me || Levels.Contains(c.Level) || (c.PreviousLevel is { } previous && Levels.Contains(previous)))
                ? InvokeAsync(ReloadAsync)
                : Task.CompletedTask);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            // The framework may hand the restored snapshot back on a later parameter set; the circuit never uses it again.
            Prerendered = null;
        }

        var filter = ParseFilter();
        if (_loaded && filter == _filter)
        {
            return;
        }

        if (filter with { Page = 0 } != _filter with { Page = 0 })
        {
            // Another filter is another list: a selection made in the previous one must not be acted on unseen.
            _selected = new HashSet<QueueRow>(RowsById);
        }

        _filter = filter;
        await ReloadAsync();
        if (!RendererInfo.IsInteractive)
        {
            // Prerendering: what the circuit will start from.
            Prerendered = new QueueSnapshot(SnapshotKey(_filter), _rows, _total, _canBulk, _categories, _staff);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _fromSnapshot)
        {
            _fromSnapshot = false;
            // The snapshot's rows stay on screen until the fresh ones arrive: the table never goes empty.
            _ = InvokeAsync(ReloadAsync);
        }
    }

    /// <summary>The filter in the URL's query values.</summary>
    private QueueFilter ParseFilter() =>
        QueueFilter.Parse(name => name switch
        {
            "q" => SearchParameter,
            "level" => LevelParameter,
            "status" => StatusParameter,
            "category" => CategoryParameter,
            "channel" => ChannelParameter,
            "severity" => SeverityParameter,
            "owner" => OwnerParameter,
            "due" => DueParameter,
            "waiting" => WaitingParameter,
            "closed" => ClosedParameter,
            "sort" => SortParameter,
            "desc" => DescendingParameter,
            "page" => PageParameter,
            "size" => SizeParameter,
            _ => null,
        });

    /// <summary>A snapshot is for one list in one language.</summary>
    private string SnapshotKey(QueueFilter filter) => $"{CultureInfo.CurrentUICulture.Name} {filter.Link(PagePath)}";

    /// <summary>Whether the page may pause its circuit while idle: nothing selected or opened, which only the circuit holds.</summary>
    private bool IdlePausable => _selected.Count == 0 && _expanded.Count == 0;

    /// <summary>The levels whose changes reach this list while its circuit is paused; none (every level the user watches) for "Assigned to me".</summary>
    private string LiveLevels => _filter.Owner == QueueFilter.Me ? string.Empty : string.Join(',', Levels.Select(l => (int)l));

    /// <summary>Every row of the page selected: the header's box is ticked.</summary>
    private bool AllSelected => _rows.Count > 0 && _rows.All(_selected.Contains);

    private string TableClass =>
        "mud-table mud-paper mud-elevation-1 mud-table-dense mud-table-hover queue-table" + (_canBulk ? " queue-selectable" : string.Empty);

    /// <summary>The header's box: selects every row of the page, or clears them.</summary>
    private void ToggleAll(ChangeEventArgs e)
    {
        var selected = new HashSet<QueueRow>(_selected, RowsById);
        if (e.Value is true)
        {
            selected.UnionWith(_rows);
        }
        else
        {
            selected.ExceptWith(_rows);
        }

        _selected = selected;
    }

    private void ToggleSelected(QueueRow row, ChangeEventArgs e)
    {
        // A new set, as the table's selection was: the bulk bar sees a changed parameter.
        var selected = new HashSet<QueueRow>(_selected, RowsById);
        if (e.Value is true)
        {
            selected.Add(row);
        }
        else
        {
            selected.Remove(row);
        }

        _selected = selected;
    }

    private static string LevelColor(EscalationLevel level) => level switch
    {
        EscalationLevel.ChiefExecutive => "mud-chip-color-error",
        EscalationLevel.ChiefCustomerOfficer => "mud-chip-color-warning",
        _ => "mud-chip-color-default",
    };

    private async Task ReloadAsync()
    {
        _loading = true;
        try
        {
            // Read before the query: an event published while it runs makes the socket ask for a fetch.
            _liveSince = Notifier.Sequence;
            var page = await Complaints.GetQueueAsync(_filter.ToQuery(Levels));
            _rows = page.Rows;
            _total = page.Total;
            _loaded = true;
        }
        finally
        {
            _loading = false;
        }

        StateHasChanged();
    }

    private async Task BulkCompletedAsync(IReadOnlySet<Guid> done)
    {
        // The rows that changed leave the selection; refused and conflicting ones stay selected, to look at or retry.
        _selected = new HashSet<QueueRow>(_selected.Where(r => !done.Contains(r.Id)), RowsById);
        await ReloadAsync();
    }

    private bool IsExpanded(QueueRow row) => _expanded.Contains(row.Id);

    private void ToggleExpanded(QueueRow row)
    {
        if (!_expanded.Remove(row.Id))
        {
            _expanded.Add(row.Id);
        }
    }

    private void ClearSelection() => _selected = new HashSet<QueueRow>(RowsById);

    private void Open(QueueRow? row)
    {
        if (row is not null)
        {
            Navigation.NavigateTo($"complaints/{row.Id}");
        }
    }

    private string CategoryName(string code) => _categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public void Dispose()
    {
        _subscription?.Dispose();
    }
}
