namespace Zowor.Portal.Harness;

/// <summary>The folder of <c>Zowor.Portal.sln</c> above the test's output: where the sources and <c>TestResults/</c> are.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Zowor.Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Zowor.Portal.sln.");
    });

    public static string Path => Root.Value;
}
