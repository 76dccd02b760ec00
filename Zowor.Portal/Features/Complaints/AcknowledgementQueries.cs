using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>"Acknowledged within 24 hours" (P-20) over a set of complaints, counted in the database by the one definition.</summary>
public static class AcknowledgementQueries
{
    /// <summary>Met and missed among <paramref name="complaints"/> as they stand at <paramref name="now"/> (UTC).</summary>
    public static async Task<AcknowledgementFigure> CountAsync(IQueryable<Complaint> complaints, DateTime now, CancellationToken cancellationToken = default) =>
        new(await complaints.CountAsync(AcknowledgementTarget.IsMet, cancellationToken),
            await complaints.CountAsync(AcknowledgementTarget.IsMissed(now), cancellationToken));
}
