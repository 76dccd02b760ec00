namespace Zowor.Portal.Platform.Identity;

/// <summary>The portal's roles (PRODUCT.md "People and roles") and the policies built on them.</summary>
public static class PortalRoles
{
    public const string Agent = "Agent";
    public const string Csm = "CSM";
    public const string Cco = "CCO";
    public const string Ceo = "CEO";
    public const string Quality = "Quality";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Agent, Csm, Cco, Ceo, Quality, Admin];

    /// <summary>Policy names; pages and services name a policy, never a role list, so the rules live here once.</summary>
    public static class Policies
    {
        /// <summary>Any staff member.</summary>
        public const string Staff = "Staff";
        /// <summary>Registers phone and e-mail complaints.</summary>
        public const string RegisterComplaints = "RegisterComplaints";
        /// <summary>Works complaint cases: acknowledges, investigates, resolves, escalates.</summary>
        public const string HandleComplaints = "HandleComplaints";
        /// <summary>Closes, withdraws, reopens and assigns: the level-1 owner and above.</summary>
        public const string ManageComplaints = "ManageComplaints";
        /// <summary>The CSM live queue.</summary>
        public const string Queue = "Queue";
        /// <summary>The CCO escalation board (levels 2 and 3).</summary>
        public const string EscalationBoard = "EscalationBoard";
        /// <summary>The CEO review page (level 3 and headline figures).</summary>
        public const string CeoReview = "CeoReview";
        /// <summary>Monthly and annual review packs (P-63).</summary>
        public const string Reviews = "Reviews";
        /// <summary>Quality records findings and decisions on a review pack (P-63); the CCO and CEO read them.</summary>
        public const string ReviewFindings = "ReviewFindings";
        /// <summary>Signs a review pack off (P-63): Quality and the CCO, each for their own role, once per pack.</summary>
        public const string ReviewSignOff = "ReviewSignOff";
        /// <summary>The trends dashboard and its CSV exports (P-60, P-61, P-90).</summary>
        public const string Trends = "Trends";
        /// <summary>The CEO's decision on a level-3 complaint (P-72); the CCO reads the CEO review page but does not decide.</summary>
        public const string CeoDecisions = "CeoDecisions";
        /// <summary>Users, roles and settings; training courses.</summary>
        public const string Admin = "Admin";
        /// <summary>Download evidence files: the people who investigate and review complaints, not account administrators.</summary>
        public const string EvidenceFiles = "EvidenceFiles";
        /// <summary>Publishes internal memos and follows who acknowledged them (P-81). Reading memos is for their audience.</summary>
        public const string PublishMemos = "PublishMemos";
        /// <summary>Records training sessions and sees the team's training compliance (P-80). Everyone sees their own.</summary>
        public const string TrainingRecords = "TrainingRecords";
        /// <summary>GDPR requests: find, export and erase one customer's personal data (P-91).</summary>
        public const string Privacy = "Privacy";
        /// <summary>Reads CAPA records and recurring-issue alerts (P-62): Quality and the managers who answer for complaints.</summary>
        public const string Capa = "Capa";
        /// <summary>Opens and works CAPA records: Quality only (P-62); the others read.</summary>
        public const string ManageCapa = "ManageCapa";
        /// <summary>Approves a CAPA's closure with an electronic signature (password re-entered): a second person, Quality or the CCO.</summary>
        public const string ApproveCapaClosure = "ApproveCapaClosure";
    }

    /// <summary>Roles that each policy admits.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PolicyRoles = new Dictionary<string, string[]>
    {
        [Policies.Staff] = [Agent, Csm, Cco, Ceo, Quality, Admin],
        [Policies.RegisterComplaints] = [Agent, Csm, Cco],
        [Policies.HandleComplaints] = [Agent, Csm, Cco, Ceo],
        [Policies.ManageComplaints] = [Csm, Cco, Ceo],
        [Policies.Queue] = [Agent, Csm, Cco],
        [Policies.EscalationBoard] = [Cco, Ceo],
        [Policies.CeoReview] = [Ceo, Cco],
        [Policies.Reviews] = [Quality, Cco, Ceo],
        [Policies.ReviewFindings] = [Quality],
        [Policies.ReviewSignOff] = [Quality, Cco],
        [Policies.Trends] = [Quality, Cco, Ceo],
        [Policies.CeoDecisions] = [Ceo],
        [Policies.Admin] = [Admin],
        [Policies.EvidenceFiles] = [Agent, Csm, Cco, Ceo, Quality],
        [Policies.PublishMemos] = [Admin, Cco, Quality],
        [Policies.TrainingRecords] = [Admin, Csm, Cco, Quality],
        [Policies.Privacy] = [Csm, Admin],
        [Policies.Capa] = [Quality, Csm, Cco, Ceo],
        [Policies.ManageCapa] = [Quality],
        [Policies.ApproveCapaClosure] = [Quality, Cco],
    };

    /// <summary>Roles that must sign in with an authenticator app (two-factor); until enrolled they reach only the enrolment page.</summary>
    public static readonly IReadOnlyList<string> TwoFactorRequired = [Admin, Ceo];
}
