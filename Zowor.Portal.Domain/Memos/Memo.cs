using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Memos;

/// <summary>
/// An internal memo (P-81): a policy update or process improvement sent to the staff in some roles, each of whom
/// acknowledges having read it. The acknowledgements are the evidence an auditor asks for, so they are only ever added.
/// </summary>
public sealed class Memo
{
    private readonly List<string> _audienceRoles = [];
    private readonly List<MemoAcknowledgement> _acknowledgements = [];

    private Memo()
    {
    }

    /// <summary>
    /// Made with <see cref="Guid.NewGuid"/> when the memo is created, so it is known before the first save.
    /// </summary>
    public Guid Id { get; private set; }

    /// <summary>The headline staff see in their list.</summary>
    public string Title { get; private set; } = string.Empty;

    /// <summary>The text as the author wrote it, in Markdown; the web app renders it with raw HTML disabled.</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>The roles whose members must read and acknowledge the memo.</summary>
    public IReadOnlyList<string> AudienceRoles => _audienceRoles;

    /// <summary>The day the change the memo announces takes effect (business calendar).</summary>
    public DateOnly EffectiveOn { get; private set; }

    /// <summary>When it was published (UTC).</summary>
    public DateTime PublishedAt { get; private set; }

    /// <summary>
    /// The author's Identity user id; pages show <see cref="AuthorName"/>, the name as it was, without looking the user
    /// up.
    /// </summary>
    public string AuthorId { get; private set; } = string.Empty;

    /// <summary>Display name of the author at the time.</summary>
    public string AuthorName { get; private set; } = string.Empty;

    /// <summary>Who has acknowledged it, and when; append-only.</summary>
    public IReadOnlyList<MemoAcknowledgement> Acknowledgements => _acknowledgements;

    /// <summary>
    /// Publishes a memo. The audience must name at least one of <paramref name="knownRoles"/>, and the effective date may
    /// not lie before <paramref name="today"/>: a memo announces a change, it does not backdate one.
    /// </summary>
    public static Memo Publish(
        string? title,
        string? body,
        IEnumerable<string> audienceRoles,
        DateOnly effectiveOn,
        IReadOnlyCollection<string> knownRoles,
        DateOnly today,
        Actor author,
        DateTime at)
    {
        Guard.Actor(author);
        var roles = audienceRoles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            throw new DomainException("Choose at least one role to send the memo to.");
        }

        if (roles.Any(r => !knownRoles.Contains(r)))
        {
            throw new DomainException("The audience names a role that does not exist.");
        }

        if (effectiveOn < today)
        {
            throw new DomainException("The effective date cannot be in the past.");
        }

        var memo = new Memo
        {
            Id = Guid.NewGuid(),
            Title = Guard.Text(title, "Title", MemoLimits.Title),
            Body = Guard.Text(body, "Memo text", MemoLimits.Body),
            EffectiveOn = effectiveOn,
            PublishedAt = Guard.Utc(at, nameof(at)),
            AuthorId = author.Id,
            AuthorName = author.Name,
        };
        memo._audienceRoles.AddRange(roles.Order(StringComparer.Ordinal));
        return memo;
    }

    /// <summary>Whether someone holding <paramref name="roles"/> is in the audience.</summary>
    public bool IsFor(IEnumerable<string> roles) => roles.Any(_audienceRoles.Contains);

    /// <summary>Whether the user has acknowledged the memo.</summary>
    public bool IsAcknowledgedBy(string userId) => _acknowledgements.Any(a => a.UserId == userId);

    /// <summary>
    /// Records that <paramref name="reader"/> has read the memo. Only the audience acknowledges, and only once: a second
    /// acknowledgement would blur the date the evidence shows.
    /// </summary>
    public MemoAcknowledgement Acknowledge(Actor reader, IEnumerable<string> readerRoles, DateTime at)
    {
        Guard.Actor(reader);
        if (!IsFor(readerRoles))
        {
            throw new DomainException("This memo is not addressed to you.");
        }

        if (IsAcknowledgedBy(reader.Id))
        {
            throw new DomainException("You have already acknowledged this memo.");
        }

        Guard.Utc(at, nameof(at));
        if (at < PublishedAt)
        {
            throw new DomainException("A memo cannot be acknowledged before it was published.");
        }

        var acknowledgement = new MemoAcknowledgement(Id, reader.Id, reader.Name, at);
        _acknowledgements.Add(acknowledgement);
        return acknowledgement;
    }
}
