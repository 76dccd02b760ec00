namespace Zowor.Portal.Domain.Capa;

/// <summary>
/// Who must have read a memo or taken a course for a teaching action to count, and who has (P-80, P-81). The web app
/// reads it from the memo's acknowledgements or the training records; this only judges it.
/// </summary>
/// <param name="People">Everyone required, with the moment they acknowledged or completed (null: not yet).</param>
public sealed record TeachingEvidence(IReadOnlyList<TeachingEvidencePerson> People)
{
    /// <summary>How many of <see cref="Required"/> have acknowledged or completed.</summary>
    public int Done => People.Count(p => p.DoneAt is not null);

    /// <summary>How many people are required.</summary>
    public int Required => People.Count;

    /// <summary>Everyone required has done it; nobody required means nothing is proven yet.</summary>
    public bool IsComplete => People.Count > 0 && People.All(p => p.DoneAt is not null);
}

/// <summary>One person a teaching action needs, and when they acknowledged the memo or completed the course.</summary>
/// <param name="UserId">The staff member.</param>
/// <param name="Name">Their name.</param>
/// <param name="DoneAt">When (UTC; a course completion counts from the start of its day), or null.</param>
public sealed record TeachingEvidencePerson(string UserId, string Name, DateTime? DoneAt);

/// <summary>
/// An electronic signature on a CAPA: who signed, in which role, when, and what the signature means. The signer
/// re-entered their password; the web app checks it before the signature is made.
/// </summary>
/// <param name="SignerId">User id of the signer.</param>
/// <param name="SignerName">Their name.</param>
/// <param name="SignerRole">The role they signed in (Quality or CCO).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Meaning">What the signature means, e.g. <see cref="ApprovedClosure"/>.</param>
public sealed record CapaSignature(string SignerId, string SignerName, string SignerRole, DateTime At, string Meaning)
{
    /// <summary>The meaning of a closure approval.</summary>
    public const string ApprovedClosure = "approved closure";

    /// <summary>A closure approval by <paramref name="signer"/> in <paramref name="role"/>.</summary>
    public static CapaSignature ApproveClosure(Common.Actor signer, string role, DateTime at)
    {
        Common.Guard.Actor(signer);
        return new CapaSignature(signer.Id, signer.Name, Common.Guard.Text(role, "Role", 32), Common.Guard.Utc(at, nameof(at)), ApprovedClosure);
    }
}
