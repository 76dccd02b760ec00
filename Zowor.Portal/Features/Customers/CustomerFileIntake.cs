using Microsoft.Extensions.Options;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Evidence;

namespace Zowor.Portal.Features.Customers;

/// <summary>
/// Files from customers (photos, PDF) on the public form and the status page: the same limits and content checks as
/// staff uploads (<see cref="EvidenceFileService.StoreCheckedAsync"/>), several at once, all or nothing — one refused
/// file stores none of them, so the customer fixes the list and sends again.
/// </summary>
public sealed class CustomerFileIntake(EvidenceFileService files, EvidenceStore store, IOptions<PublicFormOptions> options)
{
    /// <summary>Most files per submission.</summary>
    public int MaxFiles => options.Value.MaxFiles;

    /// <summary>Largest file, in bytes.</summary>
    public long MaxBytes => files.MaxBytes;

    /// <summary>The accepted extensions, for the file input's <c>accept</c>.</summary>
    public static string Accept => string.Join(',', EvidenceFileService.CustomerTypes.Keys);

    /// <summary>Checks and stores every upload in <paramref name="folder"/>, or none (throws <see cref="CustomerFilesRefusedException"/>).</summary>
    public async Task<IReadOnlyList<EvidenceFile>> StoreAllAsync(string folder, IReadOnlyList<CustomerUpload> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        if (uploads.Count > MaxFiles)
        {
            throw new DomainException("You can send at most {0} files at a time.", MaxFiles);
        }

        var stored = new List<EvidenceFile>();
        var refusals = new List<FileRefusal>();
        foreach (var upload in uploads)
        {
            try
            {
                await using var content = upload.Open();
                stored.Add(await files.StoreCheckedAsync(folder, upload.FileName, content, fromCustomer: true, cancellationToken));
            }
            catch (DomainException ex)
            {
                refusals.Add(new FileRefusal(EvidenceFileService.SafeFileName(upload.FileName), ex));
            }
        }

        if (refusals.Count > 0)
        {
            Delete(folder, stored);
            throw new CustomerFilesRefusedException("Some of your files could not be accepted, so nothing was sent yet. Remove or replace them and send again; your text is still in the form.", refusals);
        }

        return stored;
    }

    /// <summary>A fresh folder to check a new complaint's files in before the complaint (and its id) exists.</summary>
    public string NewStagingFolder() => store.IncomingFolder(Guid.NewGuid());

    /// <summary>Moves staged files to the folder of the complaint they now belong to (which has no files yet).</summary>
    public void MoveToComplaint(string stagingFolder, Guid complaintId)
    {
        if (Directory.Exists(stagingFolder))
        {
            var target = store.FolderOf(complaintId);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(stagingFolder, target);
        }
    }

    /// <summary>Deletes stored files (a submission that failed after they were stored).</summary>
    public static void Delete(string folder, IEnumerable<EvidenceFile> stored)
    {
        foreach (var file in stored)
        {
            File.Delete(Path.Combine(folder, file.StoredName));
        }
    }
}
