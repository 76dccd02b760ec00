namespace Zowor.Portal.Domain.Capa;

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
