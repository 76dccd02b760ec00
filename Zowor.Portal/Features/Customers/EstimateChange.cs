namespace Zowor.Portal.Features.Customers;

/// <summary>A revision of the estimated resolution date as the customer sees it (P-21): when, from which date to which.</summary>
public sealed record EstimateChange(DateTime ChangedAt, DateOnly From, DateOnly To);
