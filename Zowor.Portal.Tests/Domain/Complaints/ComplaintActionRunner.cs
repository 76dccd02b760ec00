using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// Calls the domain method behind each <see cref="ComplaintAction"/> with arguments that are valid on their own, so
/// whether the call succeeds depends only on the complaint's status (and the guards the test sets up).
/// </summary>
internal static class ComplaintActionRunner
{
    public static readonly ComplaintAction[] Moves =
    [
        ComplaintAction.Acknowledge, ComplaintAction.StartInvestigation, ComplaintAction.ProposeResolution,
        ComplaintAction.Resolve, ComplaintAction.Close, ComplaintAction.Withdraw, ComplaintAction.Reopen, ComplaintAction.MarkDuplicate,
    ];

    public static readonly ComplaintAction[] Activities =
    [
        ComplaintAction.AddEvidence, ComplaintAction.AddInterview, ComplaintAction.RecordRootCause,
        ComplaintAction.RecordCustomerResponse, ComplaintAction.RecordNoAnswer, ComplaintAction.ReviseEstimate, ComplaintAction.Escalate, ComplaintAction.Assign,
        ComplaintAction.LogCommunication,
    ];

    /// <summary>The timeline kind an activity writes.</summary>
    public static string HistoryKindOf(ComplaintAction activity) => activity switch
    {
        ComplaintAction.AddEvidence => ComplaintHistoryKinds.EvidenceAdded,
        ComplaintAction.AddInterview => ComplaintHistoryKinds.InterviewRecorded,
        ComplaintAction.RecordRootCause => ComplaintHistoryKinds.RootCauseRecorded,
        ComplaintAction.RecordCustomerResponse => ComplaintHistoryKinds.CustomerResponded,
        ComplaintAction.RecordNoAnswer => ComplaintHistoryKinds.CustomerNoAnswer,
        ComplaintAction.ReviseEstimate => ComplaintHistoryKinds.EstimateRevised,
        ComplaintAction.Escalate => ComplaintHistoryKinds.Escalated,
        ComplaintAction.Assign => ComplaintHistoryKinds.Assigned,
        ComplaintAction.LogCommunication => ComplaintHistoryKinds.CommunicationLogged,
        _ => throw new ArgumentOutOfRangeException(nameof(activity), activity, "Not an activity."),
    };

    /// <summary>Performs <paramref name="action"/> as <paramref name="by"/> at <paramref name="at"/>.</summary>
    public static void Perform(Complaint complaint, ComplaintAction action, Actor by, DateTime at)
    {
        switch (action)
        {
            case ComplaintAction.Acknowledge:
                complaint.Acknowledge(ContactMethod.Email, new DateOnly(2026, 3, 31), by, at);
                break;
            case ComplaintAction.StartInvestigation:
                complaint.StartInvestigation(by, at, "Looking into it.");
                break;
            case ComplaintAction.ProposeResolution:
                complaint.ProposeResolution(
                    ResolutionOffer.Create(ResolutionKind.PartialRefund, 12.50m, "EUR", null, "Part of the price back."), by, at);
                break;
            case ComplaintAction.Resolve:
                // P-40: a complaint is resolved on the customer's acceptance (unless it is already answered).
                if (complaint.Resolution is { CustomerAccepted: null, NoAnswerRecordedAt: null })
                {
                    complaint.RecordCustomerResponse(true, "Accepted on the phone.", by, at);
                }

                complaint.Resolve(at, by, at, "Refund paid.");
                break;
            case ComplaintAction.Close:
                complaint.Close("Customer satisfied.", 4, by, at);
                break;
            case ComplaintAction.Withdraw:
                complaint.Withdraw("The customer withdrew the complaint by phone.", by, at);
                break;
            case ComplaintAction.Reopen:
                complaint.Reopen("The customer reports the fault again.", by, at);
                break;
            case ComplaintAction.MarkDuplicate:
                complaint.MarkDuplicateOf(Guid.NewGuid(), "ZW-2026-009999", by, at);
                break;
            case ComplaintAction.AddEvidence:
                complaint.AddEvidence(EvidenceKind.OrderDetails, "Order ORD-2026-0042 shipped on 2026-02-16.", by, at);
                break;
            case ComplaintAction.AddInterview:
                complaint.AddInterview("Ivan Sokolov", "Support representative", at.AddHours(-1),
                    "Confirmed the customer called twice about the kettle.", by, at);
                break;
            case ComplaintAction.RecordRootCause:
                complaint.RecordRootCause(RootCauseCategory.Carrier, "The parcel was dropped in transit.", null, by, at);
                break;
            case ComplaintAction.RecordCustomerResponse:
                complaint.RecordCustomerResponse(true, "Happy with the offer.", by, at);
                break;
            case ComplaintAction.RecordNoAnswer:
                // The waiting period is the caller's setting; none here, so only the status decides.
                complaint.RecordNoAnswer("Called and e-mailed; no reply.", TimeSpan.Zero, by, at);
                break;
            case ComplaintAction.ReviseEstimate:
                // A later date than both the current estimate and the day of the call, so only the status decides.
                var current = complaint.Acknowledgement?.EstimatedResolutionDate ?? DateOnly.FromDateTime(at);
                var latest = current > DateOnly.FromDateTime(at) ? current : DateOnly.FromDateTime(at);
                complaint.ReviseEstimatedResolutionDate(latest.AddDays(7), "The supplier needs another week.", by, at);
                break;
            case ComplaintAction.Escalate:
                complaint.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the Chief Executive.", by, at);
                break;
            case ComplaintAction.Assign:
                complaint.Assign("user-owner-7", "Olga Smirnova", by, at);
                break;
            case ComplaintAction.LogCommunication:
                complaint.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Email,
                    "Sent a progress update.", by, at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "No call for this action.");
        }
    }
}
