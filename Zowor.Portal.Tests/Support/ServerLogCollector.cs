using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Keeps the in-process portal's log entries at <see cref="LogLevel.Error"/> and above (an unhandled circuit exception,
/// a failed query), numbered, so a test can ask what was logged since a mark. Add it with
/// <c>services.AddSingleton&lt;ILoggerProvider&gt;(collector)</c> through <see cref="PortalAppOptions.ConfigureServices"/>.
/// </summary>
public sealed class ServerLogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<(long Number, string Line)> _entries = new();
    private long _count;

    /// <summary>How many entries were kept so far: a mark for <see cref="Since"/>.</summary>
    public long Mark => Interlocked.Read(ref _count);

    /// <summary>The entries kept after <paramref name="mark"/>, each as "Level Category: message" with its exception.</summary>
    public IReadOnlyList<string> Since(long mark) => _entries.Where(e => e.Number > mark).Select(e => e.Line).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line) => _entries.Enqueue((Interlocked.Increment(ref _count), line));

    private sealed class Logger(ServerLogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
            }
        }
    }
}
