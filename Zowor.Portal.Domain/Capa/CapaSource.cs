namespace Zowor.Portal.Domain.Capa;

/// <summary>What led to the CAPA.</summary>
public enum CapaSource
{
    /// <summary>The portal's recurring-issue alert.</summary>
    RecurringIssueAlert,
    /// <summary>A complaint review (monthly or annual, P-63).</summary>
    ComplaintReview,
    /// <summary>An internal or external audit.</summary>
    Audit,
    /// <summary>Anything else; the new-CAPA form starts with it selected.</summary>
    Other,
    /// <summary>A trend in the complaint figures (a bar, a Pareto row, a product).</summary>
    ComplaintTrend,
    /// <summary>A nonconformity found inside the company (a process not followed, a defect caught before a customer saw it).</summary>
    InternalNonconformity,
    /// <summary>Customer feedback that is not a complaint (a survey comment, a suggestion).</summary>
    CustomerFeedback,
}
