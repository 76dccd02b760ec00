using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>Staff steps through the real services, each on the complaint's current version.</summary>
public sealed class CaseSteps(StaffScope staff, Guid id)
{
    private ComplaintService Complaints => staff.Complaints;

    /// <summary>
    /// Today in the portal's business time zone (Asia/Almaty, UTC+5), as the forms' dates are read: after 19:00 UTC the
    /// UTC date is already yesterday there, and a resolution "implemented" on it came before its own proposal.
    /// </summary>
    private static DateTime BusinessToday => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).Date;

    public Task AcknowledgeAsync(ContactMethod method = ContactMethod.Email, string? callSummary = null) =>
        Do((v, ct) => Complaints.AcknowledgeAsync(id, v, new AcknowledgeForm { Method = method, EstimatedResolutionDate = DateTime.UtcNow.Date.AddDays(14), CallSummary = callSummary }, ct));

    public Task InvestigateAsync() => Do((v, ct) => Complaints.StartInvestigationAsync(id, v, "Looking into it", ct));

    public Task AddEvidenceAsync(string description) =>
        Do((v, ct) => Complaints.AddEvidenceAsync(id, v, new EvidenceForm { Kind = EvidenceKind.ProductRecord, Description = description }, ct));

    public Task AddInterviewAsync(string summary) =>
        Do((v, ct) => Complaints.AddInterviewAsync(id, v, new InterviewForm { StaffName = "Oleg Packer", StaffRole = "Warehouse", InterviewedOn = BusinessToday, Summary = summary }, ct));

    public Task RecordRootCauseAsync(string description) =>
        Do((v, ct) => Complaints.RecordRootCauseAsync(id, v, new RootCauseForm { Category = RootCauseCategory.Packaging, Description = description }, ct));

    public Task LogAsync(CommunicationDirection direction, CommunicationChannel channel, string summary) =>
        Do((v, ct) => Complaints.LogCommunicationAsync(id, v, new CommunicationForm { Direction = direction, Channel = channel, Summary = summary }, ct));

    public Task ProposeAsync(string details = "A new jug is sent by courier.") =>
        Do((v, ct) => Complaints.ProposeResolutionAsync(id, v, new ResolutionForm { Kind = ResolutionKind.Replacement, Details = details }, ct));

    /// <summary>The customer accepts the offer (P-40), which Resolve needs.</summary>
    public Task AcceptOfferAsync(string? note = "The customer accepted on the phone.") =>
        Do((v, ct) => Complaints.RecordCustomerResponseAsync(id, v, new CustomerResponseForm { Accepted = true, Note = note }, ct));

    public Task ResolveAsync() => Do((v, ct) => Complaints.ResolveAsync(id, v, new ResolveForm { ImplementedOn = BusinessToday }, ct));

    public Task CloseAsync(string note = "Replacement delivered.") => Do((v, ct) => Complaints.CloseAsync(id, v, new CloseForm { Note = note }, ct));

    public Task ReopenAsync() => Do((v, ct) => Complaints.ReopenAsync(id, v, new ReasonForm { Reason = "The new jug cracked too." }, ct));

    /// <summary>Walks a received complaint to Closed with a root cause and a replacement.</summary>
    public async Task WalkToClosedAsync()
    {
        await AcknowledgeAsync();
        await InvestigateAsync();
        await RecordRootCauseAsync("Jug glass batch too thin.");
        await ProposeAsync();
        await AcceptOfferAsync();
        await ResolveAsync();
        await CloseAsync();
    }

    private async Task Do(Func<long, CancellationToken, Task> step)
    {
        var ct = TestContext.Current.CancellationToken;
        var current = await Complaints.GetCaseAsync(id, ct) ?? throw new InvalidOperationException($"No complaint {id}.");
        await step(current.Version, ct);
    }
}
