using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Features.Complaints;

/// <summary>One complaint's outcome; <see cref="Refusal"/> carries the rule's message when refused.</summary>
public sealed record BulkRowResult(BulkTarget Target, BulkOutcome Outcome, DomainException? Refusal);
