namespace Zowor.Portal.Features.Capa;

/// <summary>What a CAPA's effectiveness check counts (P-61): complaints about the product, of the category and with the
/// root-cause category, each when set.</summary>
public sealed record CapaScope(string? Product, string? CategoryCode, Domain.Complaints.RootCauseCategory? RootCause);
