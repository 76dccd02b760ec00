using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// THE table of who may reach what (PRODUCT.md: every page, action, API endpoint and hub method checks authorization on
/// the server). It is written out here on its own, not read from <see cref="PortalRoles.PolicyRoles"/>, so widening a
/// policy by mistake fails <see cref="AccessMatrixTests"/>. A new page or endpoint needs a line here; the matrix test
/// names every route of the app that has none.
/// </summary>
public static class AccessRules
{
    /// <summary>Anyone, signed in or not.</summary>
    public static readonly string[] Anonymous = ["(anonymous)", .. PortalRoles.All];

    private static readonly string[] AllStaff = [.. PortalRoles.All];
    private static readonly string[] QueueRoles = [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco];
    private static readonly string[] RegisterRoles = [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco];
    private static readonly string[] BoardRoles = [PortalRoles.Cco, PortalRoles.Ceo];
    private static readonly string[] CeoRoles = [PortalRoles.Ceo, PortalRoles.Cco];
    private static readonly string[] ReviewRoles = [PortalRoles.Quality, PortalRoles.Cco, PortalRoles.Ceo];
    private static readonly string[] TrendRoles = [PortalRoles.Quality, PortalRoles.Cco, PortalRoles.Ceo];
    private static readonly string[] AdminOnly = [PortalRoles.Admin];
    private static readonly string[] PrivacyRoles = [PortalRoles.Csm, PortalRoles.Admin];
    private static readonly string[] HandlerRoles = [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Ceo];
    private static readonly string[] EvidenceRoles = [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Ceo, PortalRoles.Quality];
    private static readonly string[] PublishMemoRoles = [PortalRoles.Admin, PortalRoles.Cco, PortalRoles.Quality];
    private static readonly string[] TrainingRecordRoles = [PortalRoles.Admin, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality];
    // P-62: Quality works CAPAs; the CSM, CCO and CEO read them (the services refuse changes to all but Quality).
    private static readonly string[] CapaReaders = [PortalRoles.Quality, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Ceo];

    /// <summary>
    /// Route pattern as the app declares it (<c>RoutePattern.RawText</c>), the request the matrix sends (<c>{complaint}</c>
    /// is a seeded complaint's id) and who gets past authorization: the endpoint's policy and, for API actions, the
    /// action's own policy that the service checks on top (escalating and logging a contact need HandleComplaints).
    /// </summary>
    public static readonly IReadOnlyList<RouteRule> Routes =
    [
        // Pages.
        new("/", "GET", "/", AllStaff),
        new("/queue", "GET", "/queue", QueueRoles),
        // The benchmark suite's floor (issue 21): the layout and an empty table, for any staff member; and its bare
        // circuit: one heading, no layout.
        new("/benchmark/floor", "GET", "/benchmark/floor", AllStaff),
        new("/benchmark/bare", "GET", "/benchmark/bare", AllStaff),
        new("/complaints/new", "GET", "/complaints/new", RegisterRoles),
        new("/complaints/{Id:guid}", "GET", "/complaints/{complaint}", AllStaff),
        // Global search: every staff member may open every case, so every staff member may search them all (issue 17).
        new("/search", "GET", "/search?q=kettle", AllStaff),
        new("/escalations", "GET", "/escalations", BoardRoles),
        new("/ceo", "GET", "/ceo", CeoRoles),
        new("/reviews", "GET", "/reviews", ReviewRoles),
        new("/reviews/{Id:int}", "GET", "/reviews/1", ReviewRoles),
        new("/reviews/{id:int}/csv", "GET", "/reviews/1/csv", ReviewRoles),
        new("/reviews/{id:int}/pdf", "GET", "/reviews/1/pdf", ReviewRoles),
        new("/reviews/effectiveness", "GET", "/reviews/effectiveness", ReviewRoles),
        // Trends (P-60, P-61): the dashboard and its CSV downloads.
        new("/trends", "GET", "/trends", TrendRoles),
        new("/trends/complaints/csv", "GET", "/trends/complaints/csv", TrendRoles),
        new("/trends/figures/{figure}/csv", "GET", "/trends/figures/months/csv", TrendRoles),
        new("/admin/users", "GET", "/admin/users", AdminOnly),
        new("/admin/mail-quarantine", "GET", "/admin/mail-quarantine", AdminOnly),
        new("/admin/settings", "GET", "/admin/settings", AdminOnly),
        new("/admin/reply-templates", "GET", "/admin/reply-templates", AdminOnly),
        new("/admin/taxonomy", "GET", "/admin/taxonomy", AdminOnly),
        new("/admin/privacy", "GET", "/admin/privacy", PrivacyRoles),
        // The audit log (P-91) and its CSV: Admin only.
        new("/admin/audit", "GET", "/admin/audit", AdminOnly),
        new("/admin/audit/csv", "GET", "/admin/audit/csv", AdminOnly),
        new("/memos", "GET", "/memos", AllStaff),
        new("/memos/new", "GET", "/memos/new", PublishMemoRoles),
        new("/memos/{Id:guid}", "GET", "/memos/00000000-0000-0000-0000-000000000001", AllStaff),
        new("/training", "GET", "/training", AllStaff),
        new("/training/compliance/csv", "GET", "/training/compliance/csv", TrainingRecordRoles),
        new("/capa", "GET", "/capa", CapaReaders),
        new("/capa/{Id:guid}", "GET", "/capa/00000000-0000-0000-0000-000000000001", CapaReaders),
        new("/not-found", "GET", "/not-found", Anonymous),
        new("/error", "GET", "/error", Anonymous),
        // Account pages and endpoints (static server rendering).
        new("/account/login", "GET", "/account/login", Anonymous),
        new("/account/login-2fa", "GET", "/account/login-2fa", Anonymous),
        new("/account/access-denied", "GET", "/account/access-denied", Anonymous),
        new("/account/two-factor", "GET", "/account/two-factor", AllStaff),
        new("/account/password", "GET", "/account/password", AllStaff),
        new("/account/logout", "POST", "/account/logout", AllStaff),
        new("/culture/set", "GET", "/culture/set?culture=ru&redirectUri=%2F", Anonymous),
        // The customers' pages (P-10, P-41, P-73, P-01): no account; rate-limited posts.
        new("/complain", "GET", "/complain", Anonymous),
        new("/complain/received/{Reference?}", "GET", "/complain/received/ZW-2026-000001", Anonymous),
        new("/track", "GET", "/track", Anonymous),
        new("/survey/{Token}", "GET", "/survey/not-a-token", Anonymous),
        // Evidence files (P-30): investigators and reviewers, not account administrators.
        new("/complaints/{id:guid}/evidence/{evidenceId:int}/file", "GET", "/complaints/{complaint}/evidence/1/file", EvidenceRoles),
        // JSON API.
        new("/api/complaints/{id:guid}", "GET", "/api/complaints/{complaint}", AllStaff),
        new("/api/complaints/{id:guid}/escalations", "POST", "/api/complaints/{complaint}/escalations", HandlerRoles),
        new("/api/complaints/{id:guid}/communications", "POST", "/api/complaints/{complaint}/communications", HandlerRoles),
        new("/api/privacy/export", "GET", "/api/privacy/export?ids={complaint}", PrivacyRoles),
        // Live updates, jobs, operations.
        new("/hubs/complaints", "GET", "/hubs/complaints", AllStaff),
        new("/hubs/complaints/negotiate", "POST", "/hubs/complaints/negotiate?negotiateVersion=1", AllStaff),
        // Issue 21: the WebSocket of a queue whose circuit is paused while idle (Realtime/IdlePageEvents); a plain GET gets 400.
        new("/hubs/live", "GET", "/hubs/live", AllStaff),
        new("/hangfire/{**path}", "GET", "/hangfire", AdminOnly),
        new("/health/live", "GET", "/health/live", Anonymous),
        new("/health/ready", "GET", "/health/ready", Anonymous),
    ];

    /// <summary>
    /// Each public method of ComplaintHub with the arguments the matrix sends and who may call it with them. Connecting
    /// already needs the Staff policy; watching a level is further limited to the roles working that level.
    /// </summary>
    public static readonly IReadOnlyList<HubRule> HubMethods =
    [
        new("JoinComplaint", [Guid.Empty], AllStaff),
        new("LeaveComplaint", [Guid.Empty], AllStaff),
        new("JoinLevel", [1], [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco]),
        new("JoinLevel", [2], [PortalRoles.Cco, PortalRoles.Ceo]),
        new("JoinLevel", [3], [PortalRoles.Cco, PortalRoles.Ceo]),
        new("LeaveLevel", [1], AllStaff),
    ];

    /// <summary>
    /// Endpoints the table does not list, by rule: Blazor's own circuit endpoints (<c>/_blazor</c>; the circuit renders
    /// only pages whose rules are above, through AuthorizeRouteView), framework and library files (<c>/_framework</c>,
    /// <c>/_content</c>) and static files (a last segment with a file extension: css, js, svg; or the static files'
    /// catch-all <c>{**path:file}</c>). None of them carries data.
    /// </summary>
    public static bool IsFrameworkOrStaticFile(string pattern)
    {
        var path = pattern.TrimStart('/');
        if (path.Contains(":file}", StringComparison.Ordinal))
        {
            return true;
        }

        if (path.StartsWith("_blazor", StringComparison.Ordinal) || path.StartsWith("_framework", StringComparison.Ordinal)
            || path.StartsWith("_content", StringComparison.Ordinal))
        {
            return true;
        }

        var last = path.Split('/')[^1];
        return !last.Contains('{', StringComparison.Ordinal) && Path.HasExtension(last);
    }
}

public sealed record RouteRule(string Pattern, string Method, string SamplePath, string[] Allowed);

public sealed record HubRule(string Method, object[] Arguments, string[] Allowed);
