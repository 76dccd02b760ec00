namespace Zowor.Portal.Domain.Complaints;

/// <summary>How the complaint reached Zowor (P-10).</summary>
public enum ComplaintChannel
{
    /// <summary>The public online form.</summary>
    WebForm,
    /// <summary>The phone hotline.</summary>
    Phone,
    /// <summary>The complaints e-mail address.</summary>
    Email,
}
