namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>One benchmark of the suite: takes its figures and adds them to the run's <see cref="Report"/>.</summary>
public interface IBenchmark
{
    /// <summary>Short name for <c>--only</c> ("intake", "queue").</summary>
    string Name { get; }

    /// <summary>The line printed before it runs ("1 intake: complaints per second through the public form").</summary>
    string Title { get; }

    Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}

/// <summary>What every benchmark gets: the report, the datasets and the run's options.</summary>
/// <param name="Report">Where figures go.</param>
/// <param name="Datasets">Generated databases, made once and reused by later runs.</param>
/// <param name="Quick">A short smoke run (smaller data, shorter durations): figures are not comparable with the targets.</param>
public sealed record BenchmarkContext(Report Report, Datasets Datasets, bool Quick)
{
    /// <summary>A scratch folder for this benchmark (nodes' data, copies of datasets), emptied first.</summary>
    /// <remarks>
    /// The new folder is made before the last run's is deleted. On this machine's ext4 (no journal), a file created in the
    /// block group of tens of thousands of files deleted a moment before (the intake's receipts) makes the kernel skip
    /// each recently freed inode one by one (<c>recently_deleted</c>: a fifth of the node's CPU in one profile), and a
    /// new folder made after the deletion lands in exactly that group: a second run straight after the first measured the
    /// file system, not the portal.
    /// </remarks>
    public string ScratchFolder(string name)
    {
        var folder = Path.Combine(Datasets.Folder, "scratch", name);
        var previous = folder + ".previous";
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        if (Directory.Exists(folder))
        {
            Directory.Move(folder, previous);
        }

        Directory.CreateDirectory(folder);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        return folder;
    }
}
