using Microsoft.Extensions.Options;

namespace Zowor.Portal.Platform.Storage;

/// <summary>Resolves folders under the data folder.</summary>
public sealed class DataFolders(IOptions<StorageOptions> options, IWebHostEnvironment environment)
{
    /// <summary>The data folder's full path.</summary>
    public string Root => Path.GetFullPath(Path.IsPathRooted(options.Value.DataPath)
        ? options.Value.DataPath
        : Path.Combine(environment.ContentRootPath, options.Value.DataPath));

    /// <summary>A folder under the data folder (or an absolute one as configured).</summary>
    public string Resolve(string folder) => Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(Root, folder));
}
