using Microsoft.Extensions.Localization;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Customers;

/// <summary>The customer's words for a complaint's status and level on <c>/track</c>: no staff terms.</summary>
internal static class CustomerCaseTexts
{
    public static string Status(IStringLocalizer L, ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => L["Received, waiting for acknowledgement"],
        ComplaintStatus.Acknowledged => L["Acknowledged"],
        ComplaintStatus.Investigating => L["Under investigation"],
        ComplaintStatus.Resolving => L["Resolution offered"],
        ComplaintStatus.Resolved => L["Resolved"],
        ComplaintStatus.Closed => L["Closed"],
        ComplaintStatus.Withdrawn => L["Withdrawn"],
        ComplaintStatus.Reopened => L["Reopened"],
        _ => status.ToString(),
    };

    public static string Level(IStringLocalizer L, EscalationLevel level) => level switch
    {
        EscalationLevel.ChiefExecutive => L["Under review by the CEO"],
        EscalationLevel.ChiefCustomerOfficer => L["Our Chief Customer Officer"],
        _ => L["Our customer service team"],
    };
}
