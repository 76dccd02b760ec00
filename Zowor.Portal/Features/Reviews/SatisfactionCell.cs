namespace Zowor.Portal.Features.Reviews;

/// <summary>Satisfaction (the mean of outcome and handling scores, 1–5) of one key in one month, over <see cref="Answers"/> answers.</summary>
public sealed record SatisfactionCell(DateOnly Month, string Key, int Answers, double Average);
