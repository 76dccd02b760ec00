using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Reviews;

/// <summary>The effectiveness figures (P-61) for the roles that read reviews.</summary>
public sealed class EffectivenessService(EffectivenessQueries queries, CurrentUser currentUser)
{
    /// <summary>How many months the page shows, the current one included.</summary>
    public const int Months = 6;

    public async Task<EffectivenessReport> GetAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Reviews);
        return await queries.GetAsync(Months, cancellationToken);
    }
}
