using System.Globalization;
using Microsoft.AspNetCore.Components;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Trends;

public sealed partial class TrendsPage
{
    /// <summary>How long the page waits after a complaint change before reloading: a burst of changes costs one reload.</summary>
    internal static readonly TimeSpan ReloadDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private CancellationTokenSource? _pendingReload;
    private TrendReport? _report;
    private DateTime? _from;
    private DateTime? _to;
    private string? _category;
    private ComplaintChannel? _channel;
    private string? _product;
    private DateTime? _updatedAt;
    private IReadOnlyDictionary<string, ComplaintCategory> _categories = new Dictionary<string, ComplaintCategory>();
    private TaxonomyNames _names = TaxonomyNames.Empty;
    private IReadOnlyList<string> _products = [];
    private TrendSlice? _slice;

    [Inject] private TrendService Trends { get; set; } = default!;
    [Inject] private CategoryService Categories { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;

    private string ComplaintsCsv => $"trends/complaints/csv?{Filter().ToQueryString()}";

    protected override async Task OnInitializedAsync()
    {
        SetPeriod(Trends.DefaultFilter());
        _categories = await Categories.GetAllByCodeAsync();
        _names = await Categories.GetNamesAsync();
        _products = await Trends.ProductsAsync();
        await LoadAsync();
        _subscription = Notifier.Subscribe<ComplaintChanged>(_ => ScheduleReloadAsync());
    }

    private string CategoryName(string code) =>
        _categories.TryGetValue(code, out var category) ? category.Name(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) : code;

    /// <summary>The figure's name as its chart shows it.</summary>
    private string SliceLabel(TrendSlice slice) => slice.Dimension switch
    {
        TrendDimension.RootCause => _names.RootCause(slice.Key),
        TrendDimension.Category => CategoryName(slice.Key),
        _ => _names.Product(slice.Key),
    };

    private TrendFilter Filter()
    {
        var fallback = Trends.DefaultFilter();
        return new TrendFilter(
            _from is { } from ? DateOnly.FromDateTime(from) : fallback.From,
            _to is { } to ? DateOnly.FromDateTime(to) : fallback.To,
            _category, _channel, _product);
    }

    private void SetPeriod(TrendFilter filter)
    {
        _from = filter.From.ToDateTime(TimeOnly.MinValue);
        _to = filter.To.ToDateTime(TimeOnly.MinValue);
    }

    private async Task ApplyAsync(Action change)
    {
        change();
        await LoadAsync();
    }

    private async Task ResetAsync()
    {
        SetPeriod(Trends.DefaultFilter());
        _category = null;
        _channel = null;
        _product = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _report = await Trends.GetReportAsync(Filter());
        _updatedAt = Clock.LocalNow;
    }

    /// <summary>Debounced: each change restarts the wait, so a scan that touches fifty complaints reloads once.</summary>
    private async Task ScheduleReloadAsync()
    {
        CancellationTokenSource pending;
        lock (_gate)
        {
            _pendingReload?.Cancel();
            _pendingReload = pending = new CancellationTokenSource();
        }

        try
        {
            await Task.Delay(ReloadDelay, pending.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            if (!pending.IsCancellationRequested)
            {
                await LoadAsync();
                StateHasChanged();
            }
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        lock (_gate)
        {
            _pendingReload?.Cancel();
        }
    }
}
