using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Zowor.Portal.Benchmarks.Hosting;

/// <summary>
/// The managed heap of a running .NET process, read over its diagnostics port (EventPipe) the way <c>dotnet-gcdump</c>
/// does: a session with the GC-heap-collect keyword makes the runtime run a full blocking, compacting collection, and the
/// collection's own heap statistics say what survived it, without the GC's slack in RSS.
/// </summary>
/// <remarks>
/// Two figures, because they differ (issue 21): the heap's size after the collection counts the generations as the GC
/// left them, free space between survivors included (a full collection may sweep instead of compacting, and pinned
/// buffers stop compaction around them); the bytes it promoted (marked) in every generation are the live objects alone.
/// </remarks>
public static class NodeHeap
{
    /// <summary>After an induced full collection: the heap's size (all generations, large and pinned objects included, free space between them too) and the live objects' bytes.</summary>
    /// <param name="Generations">Each generation's size and live bytes after it (gen0, gen1, gen2, large, pinned), in MB: where the free space lies.</param>
    public readonly record struct Collected(long HeapBytes, long LiveBytes, string Generations);

    /// <summary>The managed heap after an induced full collection, in bytes.</summary>
    public static async Task<Collected> AfterFullCollectionAsync(int processId, CancellationToken cancellationToken = default)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false, token: cancellationToken);
        var induced = false;
        var heap = new TaskCompletionSource<Collected>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCStart += e => induced |= e.Depth == 2 && e.Type != Microsoft.Diagnostics.Tracing.Parsers.Clr.GCType.BackgroundGC;
        source.Clr.GCHeapStats += e =>
        {
            if (induced)
            {
                // A full collection marks every generation: what it promoted is what is live.
                heap.TrySetResult(new Collected(e.TotalHeapSize,
                    e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4,
                    string.Join(", ", new[]
                    {
                        ("gen0", e.GenerationSize0, e.TotalPromotedSize0), ("gen1", e.GenerationSize1, e.TotalPromotedSize1),
                        ("gen2", e.GenerationSize2, e.TotalPromotedSize2), ("large", e.GenerationSize3, e.TotalPromotedSize3),
                        ("pinned", e.GenerationSize4, e.TotalPromotedSize4),
                    }.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Item1} {g.Item2 / 1048576.0:0.0} MB ({g.Item3 / 1048576.0:0.0} live)")))));
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
