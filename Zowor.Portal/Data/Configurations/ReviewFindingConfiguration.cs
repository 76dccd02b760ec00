using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Reviews;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ReviewFindingConfiguration : IEntityTypeConfiguration<ReviewFinding>
{
    public void Configure(EntityTypeBuilder<ReviewFinding> builder)
    {
        builder.ToTable("ReviewFindings");
        builder.Property(f => f.Text).HasMaxLength(ReviewFinding.MaxTextLength);
        builder.Property(f => f.Decision).HasMaxLength(ReviewFinding.MaxTextLength);
        builder.Property(f => f.Owner).HasMaxLength(ReviewFinding.MaxOwnerLength);
        builder.Property(f => f.AddedById).HasMaxLength(450);
        builder.Property(f => f.AddedByName).HasMaxLength(200);
        builder.HasOne<ReviewPack>().WithMany().HasForeignKey(f => f.ReviewPackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.ReviewPackId, f.AddedAt });
    }
}
