namespace Zowor.Portal.Features.Evidence;

/// <summary>Limits for evidence uploads (section <c>Storage</c>).</summary>
public sealed class EvidenceFileOptions
{
    /// <summary>Largest file accepted.</summary>
    public long MaxEvidenceBytes { get; set; } = 10 * 1024 * 1024;
}
