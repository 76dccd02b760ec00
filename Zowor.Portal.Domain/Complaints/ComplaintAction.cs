namespace Zowor.Portal.Domain.Complaints;

/// <summary>Everything a user can do to a complaint; the UI shows the ones in <see cref="Complaint.AllowedActions"/>.</summary>
public enum ComplaintAction
{
    /// <summary>Acknowledge receipt (status move).</summary>
    Acknowledge,
    /// <summary>Start, or return to, the investigation (status move).</summary>
    StartInvestigation,
    /// <summary>Offer a resolution (status move).</summary>
    ProposeResolution,
    /// <summary>Record the implemented resolution (status move).</summary>
    Resolve,
    /// <summary>Formally close (status move).</summary>
    Close,
    /// <summary>Withdraw at the customer's request (status move).</summary>
    Withdraw,
    /// <summary>Open again (status move).</summary>
    Reopen,
    /// <summary>Withdraw as a duplicate of another complaint, which carries on under its own reference (status move).</summary>
    MarkDuplicate,
    /// <summary>Record evidence for the investigation (P-30: order details, product records, communications).</summary>
    AddEvidence,
    /// <summary>Add a staff interview.</summary>
    AddInterview,
    /// <summary>Record or revise the root cause.</summary>
    RecordRootCause,
    /// <summary>Record the customer's answer to the offered resolution.</summary>
    RecordCustomerResponse,
    /// <summary>Record that the customer did not answer the offer within the waiting period (P-40).</summary>
    RecordNoAnswer,
    /// <summary>Revise the estimated resolution date the customer was given (P-21).</summary>
    ReviseEstimate,
    /// <summary>Escalate to a higher level.</summary>
    Escalate,
    /// <summary>Assign an owner.</summary>
    Assign,
    /// <summary>Log a contact with the customer.</summary>
    LogCommunication,
}
