using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Builds a valid complaint with <see cref="Complaint.Register"/> and walks it to the wanted status through the real
/// domain methods only, so a test never starts from a state the workflow could not have produced.
/// Every step happens one <see cref="Step"/> after the previous one on <see cref="Clock"/>, starting at <see cref="BaseTime"/>.
/// </summary>
/// <example>
/// <code>
/// var builder = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).InStatus(ComplaintStatus.Resolving);
/// var complaint = builder.Build();
/// complaint.RecordCustomerResponse(true, null, builder.Actor, builder.Now);
/// complaint.Resolve(builder.Now, builder.Actor, builder.Advance());
/// </code>
/// </example>
public sealed class ComplaintBuilder
{
    /// <summary>When the complaint is received and registered: Monday 2026-03-02 09:00 UTC.</summary>
    public static readonly DateTime BaseTime = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>How far the clock moves between two steps of the walk.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromHours(1);

    private ComplaintReference _reference = ComplaintReference.Create(2026, 123);
    private ComplaintChannel _channel = ComplaintChannel.WebForm;
    private CustomerContact _customer = DefaultCustomer();
    private ComplaintSeverity _severity = ComplaintSeverity.Normal;
    private PreferredResolution _preferredResolution = PreferredResolution.Replacement;
    private DateTime _receivedAt = BaseTime;
    private ComplaintStatus _status = ComplaintStatus.Received;
    private bool _recordRootCause = true;
    private ResolutionOffer _offer = DefaultOffer();
    private bool _built;

    private ComplaintBuilder()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(BaseTime));
    }

    /// <summary>The customer service agent the builder acts as unless <see cref="WithActor"/> says otherwise.</summary>
    public static Actor DefaultActor { get; } = new("user-csm-1", "Maria Petrova");

    /// <summary>The actor every step of the walk used; tests continue with it.</summary>
    public Actor Actor { get; private set; } = DefaultActor;

    /// <summary>The clock the walk used; after <see cref="Build"/> it shows the time of the last step.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The clock's current time as a UTC <see cref="DateTime"/>, the form the domain takes.</summary>
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Starts a builder for a normal web-form complaint from a customer with both e-mail and phone.</summary>
    public static ComplaintBuilder New() => new();

    /// <summary>Shortcut for <c>New().InStatus(status).Build()</c>.</summary>
    public static Complaint AtStatus(ComplaintStatus status) => New().InStatus(status).Build();

    /// <summary>The contact used unless <see cref="WithCustomer"/> is called: e-mail and phone, prefers e-mail.</summary>
    public static CustomerContact DefaultCustomer() =>
        CustomerContact.Create("Anna Ivanova", "anna.ivanova@example.com", "+7 777 597 8859", ContactMethod.Email);

    /// <summary>The offer made on the way to <see cref="ComplaintStatus.Resolving"/> unless <see cref="WithOffer"/> says otherwise.</summary>
    public static ResolutionOffer DefaultOffer() =>
        ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "A new kettle of the same model.");

    /// <summary>Moves the clock one <see cref="Step"/> on and returns the new time.</summary>
    public DateTime Advance() => Advance(Step);

    /// <summary>Moves the clock on by <paramref name="by"/> and returns the new time.</summary>
    public DateTime Advance(TimeSpan by)
    {
        Clock.Advance(by);
        return Now;
    }

    /// <summary>Sets the severity given at registration.</summary>
    public ComplaintBuilder WithSeverity(ComplaintSeverity severity)
    {
        _severity = severity;
        return this;
    }

    /// <summary>Sets the customer's contact details.</summary>
    public ComplaintBuilder WithCustomer(CustomerContact customer)
    {
        _customer = customer;
        return this;
    }

    /// <summary>Sets the reference allocated at registration.</summary>
    public ComplaintBuilder WithReference(ComplaintReference reference)
    {
        _reference = reference;
        return this;
    }

    /// <summary>Sets the channel the complaint came through.</summary>
    public ComplaintBuilder WithChannel(ComplaintChannel channel)
    {
        _channel = channel;
        return this;
    }

    /// <summary>Sets the resolution the customer asks for.</summary>
    public ComplaintBuilder WithPreferredResolution(PreferredResolution preferredResolution)
    {
        _preferredResolution = preferredResolution;
        return this;
    }

    /// <summary>Sets when Zowor received the complaint; registration still happens at <see cref="BaseTime"/>.</summary>
    public ComplaintBuilder WithReceivedAt(DateTime receivedAt)
    {
        _receivedAt = receivedAt;
        return this;
    }

    /// <summary>Sets who performs every step of the walk.</summary>
    public ComplaintBuilder WithActor(Actor actor)
    {
        Actor = actor;
        return this;
    }

    /// <summary>Sets the offer made on the way to <see cref="ComplaintStatus.Resolving"/>.</summary>
    public ComplaintBuilder WithOffer(ResolutionOffer offer)
    {
        _offer = offer;
        return this;
    }

    /// <summary>Skips recording the root cause during the investigation (so Resolve can be refused, P-30).</summary>
    public ComplaintBuilder WithoutRootCause()
    {
        _recordRootCause = false;
        return this;
    }

    /// <summary>Sets the status <see cref="Build"/> walks the complaint to.</summary>
    public ComplaintBuilder InStatus(ComplaintStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown complaint status.");
        }

        _status = status;
        return this;
    }

    /// <summary>
    /// Registers the complaint and walks it to the chosen status:
    /// Received → Acknowledged → Investigating (+ root cause) → Resolving (offer) → Resolved (accepted) → Closed;
    /// Withdrawn is a withdrawal straight after receipt; Reopened is a closed complaint opened again.
    /// A builder builds one complaint, because its clock has moved on afterwards.
    /// </summary>
    public Complaint Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("A ComplaintBuilder builds one complaint; start a new one with ComplaintBuilder.New().");
        }

        _built = true;
        var details = ComplaintDetails.Create(
            "Kettle stopped working",
            "The kettle I bought two weeks ago no longer heats water.",
            "PRODUCT-QUALITY",
            _severity,
            _preferredResolution,
            "ORD-2026-0042",
            "Zowor Kettle 1.7 l");
        var complaint = Complaint.Register(_reference, _channel, _customer, details, _receivedAt, Actor, Now);
        WalkTo(complaint, _status);
        return complaint;
    }

    private void WalkTo(Complaint complaint, ComplaintStatus status)
    {
        switch (status)
        {
            case ComplaintStatus.Received:
                return;
            case ComplaintStatus.Withdrawn:
                complaint.Withdraw("The customer no longer wants to pursue the complaint.", Actor, Advance());
                return;
            case ComplaintStatus.Reopened:
                WalkTo(complaint, ComplaintStatus.Closed);
                complaint.Reopen("The replacement kettle has the same fault.", Actor, Advance());
                return;
        }

        var at = Advance();
        complaint.Acknowledge(_customer.PreferredContact, DateOnly.FromDateTime(at).AddDays(14), Actor, at);
        if (status == ComplaintStatus.Acknowledged)
        {
            return;
        }

        complaint.StartInvestigation(Actor, Advance());
        if (_recordRootCause)
        {
            complaint.RecordRootCause(RootCauseCategory.ProductDefect, "The heating element of this batch is faulty.",
                "Batch not sampled at goods-in.", Actor, Advance());
        }

        if (status == ComplaintStatus.Investigating)
        {
            return;
        }

        complaint.ProposeResolution(_offer, Actor, Advance());
        if (status == ComplaintStatus.Resolving)
        {
            return;
        }

        at = Advance();
        // P-40: resolved on the customer's acceptance, recorded in the same step.
        complaint.RecordCustomerResponse(true, "The customer accepted the replacement.", Actor, at);
        complaint.Resolve(at, Actor, at, "The replacement was delivered.");
        if (status == ComplaintStatus.Resolved)
        {
            return;
        }

        complaint.Close("The customer confirmed the new kettle works.", 5, Actor, Advance());
    }
}
