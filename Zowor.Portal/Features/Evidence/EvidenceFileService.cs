using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Evidence;

/// <summary>
/// Evidence files (P-30): stored under the data folder (never under wwwroot) as <c>evidence/{complaint}/{generated}</c>,
/// so an uploader's file name never becomes a path. Only listed types are accepted, and the content must start the way
/// that type does; the file is served back only as that type, as a download.
/// </summary>
public sealed class EvidenceFileService(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    CurrentUser currentUser,
    BusinessClock clock,
    EvidenceStore store,
    IOptions<EvidenceFileOptions> options,
    ILogger<EvidenceFileService> logger)
{
    /// <summary>Accepted extensions, their media types and how their content begins.</summary>
    public static readonly IReadOnlyDictionary<string, (string ContentType, byte[][] Signatures)> AllowedTypes =
        new Dictionary<string, (string, byte[][])>(StringComparer.OrdinalIgnoreCase)
        {
            [".pdf"] = ("application/pdf", [[0x25, 0x50, 0x44, 0x46]]),
            [".png"] = ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
            [".jpg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
            [".jpeg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
            [".gif"] = ("image/gif", [[0x47, 0x49, 0x46, 0x38]]),
            [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
            [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
            [".txt"] = ("text/plain", []),
            [".eml"] = ("message/rfc822", []),
        };

    /// <summary>What customers may send from the public pages: photos and PDF, with the same content checks.</summary>
    public static readonly IReadOnlyDictionary<string, (string ContentType, byte[][] Signatures)> CustomerTypes =
        AllowedTypes.Where(t => t.Key is ".pdf" or ".png" or ".jpg" or ".jpeg" or ".gif").ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes => options.Value.MaxEvidenceBytes;

    /// <summary>Stores an uploaded file and records it as evidence on the complaint, or stores nothing.</summary>
    public async Task AddAsync(Guid complaintId, long version, EvidenceKind kind, string? description, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(ComplaintActionPolicies.For(ComplaintAction.AddEvidence));
        var file = await StoreCheckedAsync(complaintId, fileName, content, cancellationToken);
        try
        {
            var now = clock.UtcNow;
            await updater.ApplyAsync(complaintId, version, actor, now, c => c.AddEvidenceFile(kind, description ?? string.Empty, file, actor, now), cancellationToken);
            logger.LogInformation("Evidence file {StoredName} ({Size} bytes) added to complaint {ComplaintId} by {UserId}", file.StoredName, file.Size, complaintId, actor.Id);
        }
        catch
        {
            // Nothing half-stored: without the database row, the bytes go too.
            Discard(complaintId, file);
            throw;
        }
    }

    /// <summary>
    /// Stores a file in a complaint's folder after the staff checks (see the overload); the caller records it in its own
    /// transaction and <see cref="Discard"/>s it when that fails. No authorization: callers check their own.
    /// </summary>
    public Task<EvidenceFile> StoreCheckedAsync(Guid complaintId, string fileName, Stream content, CancellationToken cancellationToken = default) =>
        StoreCheckedAsync(store.FolderOf(complaintId), fileName, content, fromCustomer: false, cancellationToken);

    /// <summary>Deletes a stored file that was never recorded.</summary>
    public void Discard(Guid complaintId, EvidenceFile file) => File.Delete(Path.Combine(store.FolderOf(complaintId), file.StoredName));

    /// <summary>
    /// Stores a file under a generated name in <paramref name="folder"/> once it passes the checks — an allowed extension
    /// (for customers only photos and PDF, <see cref="CustomerTypes"/>),
    /// at most <see cref="MaxBytes"/>, not empty, content that starts the way its type does — and describes it; or throws
    /// a <see cref="DomainException"/> saying why and leaves nothing on disk.
    /// </summary>
    public async Task<EvidenceFile> StoreCheckedAsync(string folder, string? fileName, Stream content, bool fromCustomer, CancellationToken cancellationToken)
    {
        var displayName = SafeFileName(fileName);
        var extension = Path.GetExtension(displayName);
        if (!(fromCustomer ? CustomerTypes : AllowedTypes).TryGetValue(extension, out var type))
        {
            throw fromCustomer
                ? new DomainException("Only photos (JPEG, PNG, GIF) and PDF files can be sent.")
                : new DomainException("Files of this type cannot be attached. Allowed: PDF, PNG, JPEG, GIF, Word, Excel, text and e-mail (.eml) files.");
        }

        Directory.CreateDirectory(folder);
        var storedName = Guid.NewGuid().ToString("N");
        var path = Path.Combine(folder, storedName);
        try
        {
            var (size, sha256) = await CopyWithinLimitAsync(content, path, cancellationToken);
            if (!await StartsLikeAsync(path, extension, type.Signatures, cancellationToken))
            {
                throw new DomainException("The file's content does not match its type ({0}).", extension);
            }

            return EvidenceFile.Create(displayName, type.ContentType, size, storedName, sha256);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Opens a file for download, after checking the reader's policy; null when there is no such file.</summary>
    public async Task<EvidenceDownload?> OpenAsync(Guid complaintId, int evidenceId, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.EvidenceFiles);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == complaintId)
            .SelectMany(c => c.Evidence)
            .Where(e => e.Id == evidenceId && e.File != null)
            .Select(e => e.File)
            .SingleOrDefaultAsync(cancellationToken);
        if (file is null || file.FileName == Complaint.Erased)
        {
            return null;
        }

        var path = Path.Combine(store.FolderOf(complaintId), file.StoredName);
        if (!File.Exists(path))
        {
            logger.LogError("Evidence file {StoredName} of complaint {ComplaintId} is missing from the data folder", file.StoredName, complaintId);
            return null;
        }

        logger.LogInformation("Evidence file {StoredName} of complaint {ComplaintId} downloaded by {UserId}", file.StoredName, complaintId, actor.Id);
        return new EvidenceDownload(path, file.FileName, file.ContentType);
    }

    /// <summary>The uploader's name reduced to a harmless display name: no folders, no control or path characters.</summary>
    public static string SafeFileName(string? name)
    {
        var last = (name ?? string.Empty).Replace('\\', '/').Split('/').LastOrDefault() ?? string.Empty;
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(last.Where(ch => !char.IsControl(ch) && !invalid.Contains(ch) && ch is not ('<' or '>' or '"' or ':' or '|' or '?' or '*')).ToArray()).Trim().Trim('.');
        if (cleaned.Length == 0)
        {
            cleaned = "file";
        }

        if (cleaned.Length > EvidenceFile.MaxFileNameLength)
        {
            var extension = Path.GetExtension(cleaned);
            cleaned = cleaned[..(EvidenceFile.MaxFileNameLength - extension.Length)] + extension;
        }

        return cleaned;
    }

    private async Task<(long Size, string Sha256)> CopyWithinLimitAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > MaxBytes)
            {
                throw new DomainException("The file is larger than {0} MB.", MaxBytes / (1024 * 1024));
            }

            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        if (size == 0)
        {
            throw new DomainException("The file is empty.");
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<bool> StartsLikeAsync(string path, string extension, byte[][] signatures, CancellationToken cancellationToken)
    {
        var head = new byte[512];
        int read;
        await using (var stream = File.OpenRead(path))
        {
            read = await stream.ReadAsync(head, cancellationToken);
        }

        var start = head.AsSpan(0, read);
        if (signatures.Length > 0)
        {
            foreach (var signature in signatures)
            {
                if (start.StartsWith(signature))
                {
                    return true;
                }
            }

            return false;
        }

        // Text types: no NUL bytes and valid UTF-8 at the start (executables and archives fail this).
        _ = extension;
        return !start.Contains((byte)0) && IsUtf8Prefix(start);
    }

    private static bool IsUtf8Prefix(ReadOnlySpan<byte> bytes)
    {
        // A multi-byte character may be cut at the end of the sample; allow up to 3 trailing bytes.
        for (var cut = 0; cut <= 3 && cut <= bytes.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
