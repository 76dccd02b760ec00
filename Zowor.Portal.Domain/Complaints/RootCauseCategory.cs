namespace Zowor.Portal.Domain.Complaints;

/// <summary>Root-cause taxonomy used for Pareto analysis (P-30, P-60).</summary>
public enum RootCauseCategory
{
    /// <summary>The product was defective.</summary>
    ProductDefect,
    /// <summary>A supplier failed.</summary>
    Supplier,
    /// <summary>Packaging did not protect the goods.</summary>
    Packaging,
    /// <summary>The carrier lost, delayed or damaged the parcel.</summary>
    Carrier,
    /// <summary>Picking or packing in the warehouse went wrong.</summary>
    WarehouseProcess,
    /// <summary>A staff member made a mistake.</summary>
    StaffError,
    /// <summary>The website or an internal system failed.</summary>
    Systems,
    /// <summary>Information given to the customer was wrong or unclear.</summary>
    Communication,
    /// <summary>A company policy caused the problem.</summary>
    Policy,
    /// <summary>The product was used in a way it is not meant for.</summary>
    CustomerMisuse,
    /// <summary>
    /// Investigated and nothing was wrong: not systemic, so it never raises a recurring-issue alert (P-62).
    /// </summary>
    NoFaultFound,
    /// <summary>Not systemic either: never raises a recurring-issue alert (P-62).</summary>
    Other,
}
