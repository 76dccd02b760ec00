namespace Zowor.Portal.Features.Evidence;

/// <summary>A file ready to stream to an authorised reader.</summary>
public sealed record EvidenceDownload(string Path, string FileName, string ContentType);
