namespace Zowor.Portal.Features.Evidence;

/// <summary>Where evidence files live: <c>{data}/evidence/{complaint id}/</c>.</summary>
public sealed class EvidenceStore(Platform.Storage.DataFolders folders)
{
    /// <summary>The folder of one complaint's files.</summary>
    public string FolderOf(Guid complaintId) => Path.Combine(folders.Resolve("evidence"), complaintId.ToString("N"));

    /// <summary>
    /// Where a new complaint's customer files are checked before the complaint exists (<c>evidence/incoming/{id}</c>);
    /// moved to <see cref="FolderOf"/> once it is stored.
    /// </summary>
    public string IncomingFolder(Guid stagingId) => Path.Combine(folders.Resolve("evidence"), "incoming", stagingId.ToString("N"));

    /// <summary>Deletes every file of a complaint, when its personal data is erased (P-51).</summary>
    public void DeleteAll(Guid complaintId)
    {
        var folder = FolderOf(complaintId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
