namespace Zowor.Portal.Features.Categories;

/// <summary>A free-text product spelling no listed product covers, with how many complaints use it.</summary>
public sealed record UnmappedProduct(string Spelling, int Complaints);
