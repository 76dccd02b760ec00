using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Zowor.Portal.Benchmarks.Hosting;

/// <summary>
/// The managed heap of a running .NET process, read over its diagnostics port (EventPipe) the way <c>dotnet-gcdump</c>
/// does: a session with the GC-heap-collect keyword makes the runtime run a full blocking, compacting collection, and the
/// collection's own heap statistics say what survived it — live objects only, without the GC's slack in RSS.
/// </summary>
public static class NodeHeap
{
    /// <summary>The managed heap after an induced full collection, in bytes (all generations, large and pinned objects included).</summary>
    public static async Task<long> AfterFullCollectionAsync(int processId, CancellationToken cancellationToken = default)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false, token: cancellationToken);
        var induced = false;
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCStart += e => induced |= e.Depth == 2 && e.Type != Microsoft.Diagnostics.Tracing.Parsers.Clr.GCType.BackgroundGC;
        source.Clr.GCHeapStats += e =>
        {
            if (induced)
            {
                heap.TrySetResult(e.TotalHeapSize);
            }
        };
        var reading = Task.Run(source.Process, cancellationToken);
        try
        {
            return await heap.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await reading.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
