namespace Zowor.Portal.Domain.Capa;

/// <summary>A complaint the CAPA is about; the reference is kept so lists read without joins.</summary>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="Reference">Its reference (ZW-…).</param>
public sealed record CapaComplaintLink(Guid ComplaintId, string Reference);
