using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>A remedy offered to the customer (P-40) and, once given, the customer's answer.</summary>
public sealed record ResolutionOffer
{
    private ResolutionOffer(ResolutionKind kind, decimal? amount, string? currency, CompensationKind? compensation, string details)
    {
        Kind = kind;
        Amount = amount;
        AmountInMinorUnits = amount is { } value ? (long)(value * 100m) : null;
        Currency = currency;
        Compensation = compensation;
        Details = details;
    }

    /// <summary>Replacement, refund, compensation or explanation.</summary>
    public ResolutionKind Kind { get; private init; }

    /// <summary>Money returned, for refunds.</summary>
    public decimal? Amount { get; private init; }

    /// <summary>
    /// <see cref="Amount"/> in hundredths (cents): a whole number every database can SUM (SQLite cannot sum decimals in SQL),
    /// for refund totals in trends and review packs. Amounts have at most two decimals, so nothing is lost.
    /// </summary>
    public long? AmountInMinorUnits { get; private init; }

    /// <summary>ISO 4217 currency of <see cref="Amount"/>.</summary>
    public string? Currency { get; private init; }

    /// <summary>The form of compensation, for <see cref="ResolutionKind.Compensation"/>.</summary>
    public CompensationKind? Compensation { get; private init; }

    /// <summary>What exactly is offered.</summary>
    public string Details { get; private init; }

    /// <summary>When it was offered (UTC).</summary>
    public DateTime ProposedAt { get; private init; }

    /// <summary>User id of who offered it.</summary>
    public string ProposedById { get; private init; } = string.Empty;

    /// <summary>
    /// Copied from the actor when the offer is proposed, so pages show it without looking the user up.
    /// </summary>
    public string ProposedByName { get; private init; } = string.Empty;

    /// <summary>The customer's answer: null until they answer.</summary>
    public bool? CustomerAccepted { get; private init; }

    /// <summary>When the customer answered (UTC).</summary>
    public DateTime? CustomerAnsweredAt { get; private init; }

    /// <summary>What the customer said.</summary>
    public string? CustomerAnswerNote { get; private init; }

    /// <summary>
    /// When staff recorded that the customer did not answer the offer within the waiting period (P-40); null otherwise.
    /// The note of that record is <see cref="CustomerAnswerNote"/>.
    /// </summary>
    public DateTime? NoAnswerRecordedAt { get; private init; }

    /// <summary>Whether the complaint may be resolved on this offer: the customer accepted it, or did not answer in time.</summary>
    public bool CanBeResolved => CustomerAccepted == true || (CustomerAccepted is null && NoAnswerRecordedAt is not null);

    /// <summary>When the remedy was carried out (UTC), set when the complaint is resolved (P-41).</summary>
    public DateTime? ImplementedAt { get; private init; }

    /// <summary>
    /// Validates an offer: a partial refund needs a positive amount and a currency; a full refund may name its amount;
    /// compensation names its form; other kinds carry no amount.
    /// </summary>
    public static ResolutionOffer Create(ResolutionKind kind, decimal? amount, string? currency, CompensationKind? compensation, string? details)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Choose a kind of resolution.");
        }

        var validDetails = Guard.Text(details, "Resolution details", ComplaintLimits.Note);
        string? validCurrency = null;
        switch (kind)
        {
            case ResolutionKind.PartialRefund:
                if (amount is not > 0m)
                {
                    throw new DomainException("A partial refund needs a positive amount.");
                }

                validCurrency = ValidCurrency(currency);
                break;
            case ResolutionKind.FullRefund when amount is not null:
                if (amount <= 0m)
                {
                    throw new DomainException("A refund amount must be positive.");
                }

                validCurrency = ValidCurrency(currency);
                break;
            case ResolutionKind.FullRefund:
                break;
            default:
                if (amount is not null)
                {
                    throw new DomainException("Only refunds carry an amount.");
                }

                break;
        }

        if (kind == ResolutionKind.Compensation && (compensation is null || !Enum.IsDefined(compensation.Value)))
        {
            throw new DomainException("Choose the form of compensation: extended warranty, discount or goodwill.");
        }

        if (kind != ResolutionKind.Compensation && compensation is not null)
        {
            throw new DomainException("A form of compensation only goes with a compensation.");
        }

        if (amount is > 100_000_000m || (amount is not null && decimal.Round(amount.Value, 2) != amount.Value))
        {
            throw new DomainException("The amount must have at most two decimals and be below 100,000,000.");
        }

        return new ResolutionOffer(kind, amount, validCurrency, compensation, validDetails);
    }

    internal ResolutionOffer ProposedBy(DateTime at, Actor actor) =>
        this with { ProposedAt = at, ProposedById = actor.Id, ProposedByName = actor.Name };

    internal ResolutionOffer Answered(bool accepted, string? note, DateTime at) =>
        this with { CustomerAccepted = accepted, CustomerAnswerNote = note, CustomerAnsweredAt = at, NoAnswerRecordedAt = null };

    internal ResolutionOffer NotAnswered(string note, DateTime at) =>
        this with { CustomerAnswerNote = note, NoAnswerRecordedAt = at };

    internal ResolutionOffer Implemented(DateTime at) => this with { ImplementedAt = at };

    internal ResolutionOffer Erased(string replacement) =>
        this with { Details = replacement, CustomerAnswerNote = CustomerAnswerNote is null ? null : replacement };

    private static string ValidCurrency(string? currency)
    {
        var code = currency?.Trim().ToUpperInvariant();
        return code is { Length: 3 } && code.All(char.IsAsciiLetterUpper)
            ? code
            : throw new DomainException("Give the refund currency as a three-letter code, such as EUR or USD.");
    }
}
