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

/// <summary>How serious the problem is; serious complaints go to level 2 (P-71).</summary>
public enum ComplaintSeverity
{
    /// <summary>Handled at level 1.</summary>
    Normal,
    /// <summary>Needs the Chief Customer Officer.</summary>
    Serious,
}

/// <summary>The resolution the customer asks for when complaining (P-11).</summary>
public enum PreferredResolution
{
    /// <summary>A product or service of equal value.</summary>
    Replacement,
    /// <summary>Money back.</summary>
    Refund,
    /// <summary>Extended warranty, a discount or a goodwill gesture.</summary>
    Compensation,
    /// <summary>An explanation or apology.</summary>
    Explanation,
    /// <summary>The customer has no preference.</summary>
    NoPreference,
}

/// <summary>How the customer prefers to be contacted.</summary>
public enum ContactMethod
{
    /// <summary>By e-mail.</summary>
    Email,
    /// <summary>By phone.</summary>
    Phone,
}

/// <summary>What a piece of evidence is (P-30).</summary>
public enum EvidenceKind
{
    /// <summary>Order details.</summary>
    OrderDetails,
    /// <summary>Product records.</summary>
    ProductRecord,
    /// <summary>Communications with the customer or suppliers.</summary>
    Communication,
    /// <summary>Anything else.</summary>
    Other,
}

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
    /// <summary>No fault found.</summary>
    NoFaultFound,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>The kind of resolution offered (P-40).</summary>
public enum ResolutionKind
{
    /// <summary>A product or service of equal value.</summary>
    Replacement,
    /// <summary>The whole price back.</summary>
    FullRefund,
    /// <summary>Part of the price back; needs an amount.</summary>
    PartialRefund,
    /// <summary>Extended warranty, discount or goodwill gesture.</summary>
    Compensation,
    /// <summary>An explanation only, no remedy.</summary>
    ExplanationOnly,
}

/// <summary>The form of compensation (P-40).</summary>
public enum CompensationKind
{
    /// <summary>Extended warranty.</summary>
    ExtendedWarranty,
    /// <summary>A discount on a future order.</summary>
    Discount,
    /// <summary>A goodwill gesture.</summary>
    Goodwill,
}

/// <summary>Direction of a contact with the customer.</summary>
public enum CommunicationDirection
{
    /// <summary>From the customer to Zowor.</summary>
    Inbound,
    /// <summary>From Zowor to the customer; counts as a customer update (P-21, P-41).</summary>
    Outbound,
}

/// <summary>Channel of a contact with the customer.</summary>
public enum CommunicationChannel
{
    /// <summary>E-mail.</summary>
    Email,
    /// <summary>Phone call.</summary>
    Phone,
    /// <summary>The public status page.</summary>
    StatusPage,
    /// <summary>Anything else (letter, chat).</summary>
    Other,
}

/// <summary>What the CEO decided on a level-3 complaint (P-72, P-73).</summary>
public enum CeoDecisionOutcome
{
    /// <summary>The offer made stands.</summary>
    UpholdOffer,
    /// <summary>A better offer is to be made.</summary>
    ImproveOffer,
    /// <summary>The customer gets the full price back.</summary>
    RefundInFull,
    /// <summary>Another decision, described in the text.</summary>
    Other,
}

/// <summary>Which CEO outcomes a complaint can take: an offer can only be upheld when one was made.</summary>
public static class CeoDecisionOutcomes
{
    /// <summary>The outcomes open to the CEO on a complaint with or without an offer made.</summary>
    /// <param name="offerMade">Whether a resolution has been offered to the customer.</param>
    /// <returns>Every outcome, without "uphold the offer" when there is none.</returns>
    public static IReadOnlyList<CeoDecisionOutcome> For(bool offerMade) =>
        [.. Enum.GetValues<CeoDecisionOutcome>().Where(o => offerMade || o != CeoDecisionOutcome.UpholdOffer)];
}
