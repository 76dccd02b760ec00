namespace Zowor.Portal.Features.Complaints;

/// <summary>One complaint a bulk action works on, with the version the user's list showed (a later change is a conflict).</summary>
public sealed record BulkTarget(Guid Id, long Version, string Reference);
