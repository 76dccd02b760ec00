namespace Zowor.Portal.Domain.Complaints;

/// <summary>Where a complaint stands in the policy's process (Submit → Acknowledge → Investigate → Resolve → Close).</summary>
public enum ComplaintStatus
{
    /// <summary>Registered, not yet acknowledged (P-10, P-11).</summary>
    Received,
    /// <summary>The customer has a reference and an estimated resolution date (P-20, P-21).</summary>
    Acknowledged,
    /// <summary>Evidence, interviews and root cause are being gathered (P-30).</summary>
    Investigating,
    /// <summary>A resolution has been offered to the customer (P-40).</summary>
    Resolving,
    /// <summary>The resolution has been implemented (P-41).</summary>
    Resolved,
    /// <summary>Formally closed (P-50).</summary>
    Closed,
    /// <summary>The customer withdrew the complaint.</summary>
    Withdrawn,
    /// <summary>Opened again after resolution, closure or withdrawal; goes back into investigation.</summary>
    Reopened,
}
