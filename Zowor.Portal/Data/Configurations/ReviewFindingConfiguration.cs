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
        builder.Property(f => f.DoneByName).HasMaxLength(200);
        builder.HasOne<ReviewPack>().WithMany().HasForeignKey(f => f.ReviewPackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.ReviewPackId, f.AddedAt });
    }
}

internal sealed class ReviewSignOffConfiguration : IEntityTypeConfiguration<ReviewSignOff>
{
    public void Configure(EntityTypeBuilder<ReviewSignOff> builder)
    {
        builder.ToTable("ReviewSignOffs");
        builder.Property(s => s.Role).HasMaxLength(32);
        builder.Property(s => s.SignedById).HasMaxLength(450);
        builder.Property(s => s.SignedByName).HasMaxLength(200);
        builder.HasOne<ReviewPack>().WithMany().HasForeignKey(s => s.ReviewPackId).OnDelete(DeleteBehavior.Cascade);
        // P-63: once per pack and role, whichever node or tab records it.
        builder.HasIndex(s => new { s.ReviewPackId, s.Role }).IsUnique();
    }
}
