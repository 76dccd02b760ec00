using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// The headline counts for one circuit, kept fresh: loaded once, reloaded once per complaint change however many
/// components show them (navigation badges, home tiles, boards), instead of one query per component.
/// Scoped, so it lives and dies with the circuit; its notifier subscription goes with it.
/// </summary>
public sealed class LiveComplaintSummary(ComplaintService complaints, CircuitLiveEvents liveEvents) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private IDisposable? _subscription;

    public ComplaintSummary? Current { get; private set; }

    /// <summary>Raised after the counts were reloaded; handlers run on the notifier's thread (use InvokeAsync).</summary>
    public event Func<Task>? Changed;

    public async Task<ComplaintSummary> GetAsync()
    {
        await _loading.WaitAsync();
        try
        {
            if (Current is null)
            {
                Current = await complaints.GetSummaryAsync();
                // The circuit's one live subscription (CircuitLiveEvents), shared with the menu's badges and the bell.
                _subscription ??= liveEvents.Listen(e => e is ComplaintChanged or ComplaintsChanged { Changes.Count: > 0 } ? ReloadAsync() : Task.CompletedTask);
            }

            return Current;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task ReloadAsync()
    {
        await _loading.WaitAsync();
        try
        {
            Current = await complaints.GetSummaryAsync();
        }
        finally
        {
            _loading.Release();
        }

        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _loading.Dispose();
    }
}
