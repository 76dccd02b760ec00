using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// The customer-satisfaction survey sent with the closure (P-01): the outcome and the handling, each rated 1 to 5,
/// and a comment. One answer per complaint. The link carries a random token; only its hash is stored.
/// </summary>
public sealed class SatisfactionSurvey
{
    /// <summary>Longest comment kept.</summary>
    public const int MaxCommentLength = 2000;

    private SatisfactionSurvey()
    {
        TokenHash = string.Empty;
    }

    /// <summary>
    /// Made with <see cref="Guid.NewGuid"/> when the survey is created (the database never generates it).
    /// </summary>
    public Guid Id { get; private set; }

    /// <summary>The complaint it asks about (one survey per complaint).</summary>
    public Guid ComplaintId { get; private set; }

    /// <summary>Hex SHA-256 of the link's token.</summary>
    public string TokenHash { get; private set; }

    /// <summary>When the link was (last) sent (UTC).</summary>
    public DateTime IssuedAt { get; private set; }

    /// <summary>When the customer answered (UTC); null until then.</summary>
    public DateTime? AnsweredAt { get; private set; }

    /// <summary>Satisfaction with the outcome, 1 to 5.</summary>
    public int? OutcomeScore { get; private set; }

    /// <summary>Satisfaction with how the complaint was handled, 1 to 5.</summary>
    public int? HandlingScore { get; private set; }

    /// <summary>The customer's comment.</summary>
    public string? Comment { get; private set; }

    /// <summary>Whether the customer has answered.</summary>
    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Issues a survey for a closed complaint.</summary>
    public static SatisfactionSurvey Issue(Guid complaintId, string tokenHash, DateTime at)
    {
        Guard.Utc(at, nameof(at));
        return new SatisfactionSurvey
        {
            Id = Guid.NewGuid(),
            ComplaintId = complaintId,
            TokenHash = Guard.Text(tokenHash, "Token", 64),
            IssuedAt = at,
        };
    }

    /// <summary>Replaces the link of an unanswered survey, when the complaint is closed again after a reopening.</summary>
    /// <returns>Whether a new link was issued; an answered survey keeps its answer and gets none.</returns>
    public bool Reissue(string tokenHash, DateTime at)
    {
        Guard.Utc(at, nameof(at));
        if (IsAnswered)
        {
            return false;
        }

        TokenHash = Guard.Text(tokenHash, "Token", 64);
        IssuedAt = at;
        return true;
    }

    /// <summary>Records the customer's answer, once.</summary>
    public void Answer(int? outcomeScore, int? handlingScore, string? comment, DateTime at)
    {
        Guard.Utc(at, nameof(at));
        if (IsAnswered)
        {
            throw new DomainException("This survey has already been answered. Thank you.");
        }

        OutcomeScore = Score(outcomeScore, "Rate the outcome from 1 to 5.");
        HandlingScore = Score(handlingScore, "Rate how your complaint was handled from 1 to 5.");
        Comment = Guard.OptionalText(comment, "Comment", MaxCommentLength);
        AnsweredAt = at;
    }

    /// <summary>Erases the free-text comment with the rest of the customer's data (P-51); the scores stay for statistics.</summary>
    public void Anonymise() => Comment = Comment is null ? null : Complaint.Erased;

    private static int Score(int? value, string message) =>
        value is >= 1 and <= 5 ? value.Value : throw new DomainException(message);
}
