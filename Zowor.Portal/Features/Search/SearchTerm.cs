
namespace Zowor.Portal.Features.Search;

/// <summary>One word (or a whole phone number) of a search; <paramref name="Phone"/> is its canonical phone digits when it is a phone number.</summary>
public sealed record SearchTerm(string Text, string? Phone);
