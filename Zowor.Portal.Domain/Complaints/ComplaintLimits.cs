namespace Zowor.Portal.Domain.Complaints;

/// <summary>Length bounds shared by the domain and the forms, so both give the same answer.</summary>
public static class ComplaintLimits
{
    /// <summary>In characters: the column, the forms' limit, and the cut for a name read from an e-mail.</summary>
    public const int Name = 200;
    /// <summary>E-mail address.</summary>
    public const int Email = 254;
    /// <summary>
    /// In characters: the column length and the staff and public forms' limit (also checked by
    /// <see cref="CustomerContact"/>).
    /// </summary>
    public const int Phone = 32;
    /// <summary>In characters: the column length and the staff and public forms' limit.</summary>
    public const int OrderNumber = 64;
    /// <summary>Product name or SKU.</summary>
    public const int Product = 200;
    /// <summary>
    /// In characters: the column length and the form limit; reply-template subjects and the queue search use it too.
    /// </summary>
    public const int Subject = 200;
    /// <summary>Description of the problem.</summary>
    public const int Description = 4000;
    /// <summary>
    /// Length of a category code, in characters: the complaint column and the trend rollups' category columns.
    /// </summary>
    public const int Category = 64;
    /// <summary>Short free-text notes and reasons.</summary>
    public const int Note = 2000;
    /// <summary>Staff member names and roles.</summary>
    public const int Person = 200;
    /// <summary>ISO 4217 currency code.</summary>
    public const int Currency = 3;
    /// <summary>Latest allowed clock skew for a received-at time entered by staff.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    /// <summary>P-20: receipt is acknowledged within 24 hours.</summary>
    public static readonly TimeSpan AcknowledgementWindow = TimeSpan.FromHours(24);
}
