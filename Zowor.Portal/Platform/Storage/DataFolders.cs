using Microsoft.Extensions.Options;

namespace Zowor.Portal.Platform.Storage;

/// <summary>Where the portal keeps files (section <c>Storage</c>): evidence uploads and the e-mail pickup folder.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The data folder, relative to the content root; never under wwwroot.</summary>
    public string DataPath { get; set; } = "data";
}

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
