using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// A file attached as evidence (P-30). The bytes live outside the database under <see cref="StoredName"/>, a name the
/// portal generated; <see cref="FileName"/> is only what the uploader called it, for display and download.
/// </summary>
public sealed record EvidenceFile
{
    /// <summary>Longest file name kept.</summary>
    public const int MaxFileNameLength = 200;

    private EvidenceFile(string fileName, string contentType, long size, string storedName, string sha256)
    {
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        StoredName = storedName;
        Sha256 = sha256;
    }

    /// <summary>The uploader's file name, reduced to a harmless display name.</summary>
    public string FileName { get; private init; }

    /// <summary>The media type the portal serves it as (from the allowed list, never from the upload).</summary>
    public string ContentType { get; private init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; private init; }

    /// <summary>The generated name under which the bytes are stored.</summary>
    public string StoredName { get; private init; }

    /// <summary>Hex SHA-256 of the content, to show that the file has not changed since upload.</summary>
    public string Sha256 { get; private init; }

    /// <summary>Describes a stored file.</summary>
    public static EvidenceFile Create(string fileName, string contentType, long size, string storedName, string sha256)
    {
        if (size <= 0)
        {
            throw new DomainException("The file is empty.");
        }

        return new EvidenceFile(
            Guard.Text(fileName, "File name", MaxFileNameLength),
            Guard.Text(contentType, "File type", 100),
            size,
            Guard.Text(storedName, "Stored name", 100),
            Guard.Text(sha256, "Checksum", 64));
    }

    internal EvidenceFile Erased(string replacement) => this with { FileName = replacement };
}
