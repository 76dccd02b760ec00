using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Reviews;

/// <summary>
/// Who signs a review pack off (P-63, ISO 9001 9.3: management review outputs are retained as documented
/// information): the quality team and the Chief Customer Officer, each once per pack.
/// </summary>
public static class ReviewSignOffRules
{
    /// <summary>The roles that sign, in the order the pack shows them.</summary>
    public static readonly IReadOnlyList<string> SigningRoles = ["Quality", "CCO"];

    /// <summary>Refuses a role that does not sign, a signer who does not hold it, and a second sign-off for the same role.</summary>
    public static void Check(string role, IReadOnlyCollection<string> signerRoles, IReadOnlyCollection<string> alreadySigned)
    {
        ArgumentNullException.ThrowIfNull(signerRoles);
        ArgumentNullException.ThrowIfNull(alreadySigned);
        if (!SigningRoles.Contains(role))
        {
            throw new DomainException("Only Quality and the CCO sign a review pack off.");
        }

        if (!signerRoles.Contains(role))
        {
            throw new DomainException("You can sign off only for a role you hold ({0}).", role);
        }

        if (alreadySigned.Contains(role))
        {
            throw new DomainException("This review pack is already signed off for {0}.", role);
        }
    }
}
