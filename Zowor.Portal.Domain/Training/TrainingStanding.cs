namespace Zowor.Portal.Domain.Training;

/// <summary>
/// One staff member's standing on one course, from their completions: the completion that stays valid longest counts.
/// </summary>
/// <param name="Status">Valid, expiring soon, expired or missing.</param>
/// <param name="CompletedOn">The counted completion's day, or null when missing.</param>
/// <param name="ExpiresOn">The first day it no longer counts, or null when it never expires (or is missing).</param>
public sealed record TrainingStanding(TrainingStatus Status, DateOnly? CompletedOn, DateOnly? ExpiresOn)
{
    /// <summary>How many days ahead an expiry is flagged (P-80: retrain before the training lapses).</summary>
    public const int DefaultWarningDays = 30;

    /// <summary>Whether the staff member counts as trained today (valid or expiring soon).</summary>
    public bool IsCurrent => Status is TrainingStatus.Valid or TrainingStatus.ExpiringSoon;

    /// <summary>
    /// The standing on <paramref name="today"/>. A completion is valid before its expiry day and expired from that day on;
    /// it is expiring soon when the expiry day is at most <paramref name="warningDays"/> days away.
    /// </summary>
    public static TrainingStanding Evaluate(IEnumerable<(DateOnly CompletedOn, DateOnly? ExpiresOn)> completions, DateOnly today, int warningDays = DefaultWarningDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warningDays);
        var all = completions.ToList();
        if (all.Count == 0)
        {
            return new TrainingStanding(TrainingStatus.Missing, null, null);
        }

        // Never-expiring beats any date; among dated ones the latest expiry, then the latest completion.
        var best = all.OrderByDescending(c => c.ExpiresOn ?? DateOnly.MaxValue).ThenByDescending(c => c.CompletedOn).First();
        if (best.ExpiresOn is not { } expires)
        {
            return new TrainingStanding(TrainingStatus.Valid, best.CompletedOn, null);
        }

        var status = today >= expires ? TrainingStatus.Expired
            : expires.DayNumber - today.DayNumber <= warningDays ? TrainingStatus.ExpiringSoon
            : TrainingStatus.Valid;
        return new TrainingStanding(status, best.CompletedOn, expires);
    }
}
