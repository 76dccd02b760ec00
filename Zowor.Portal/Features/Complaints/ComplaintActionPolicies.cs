using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// Who may take each action (PRODUCT.md roles): case work is for the handlers of every level; closing, withdrawing,
/// reopening and assigning are for the level owners (CSM, CCO, CEO). The service enforces it; the UI reads it to hide buttons.
/// </summary>
public static class ComplaintActionPolicies
{
    public static string For(ComplaintAction action) => action switch
    {
        ComplaintAction.Close or ComplaintAction.Withdraw or ComplaintAction.Reopen or ComplaintAction.Assign or ComplaintAction.MarkDuplicate => PortalRoles.Policies.ManageComplaints,
        _ => PortalRoles.Policies.HandleComplaints,
    };
}
