
namespace Zowor.Portal.Platform.Storage;

/// <summary>Where the portal keeps files (section <c>Storage</c>): evidence uploads and the e-mail pickup folder.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder, relative to the content root; never under wwwroot.</summary>
    public string DataPath { get; set; } = "data";
}
