using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Reviews;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ReviewPackConfiguration : IEntityTypeConfiguration<ReviewPack>
{
    public void Configure(EntityTypeBuilder<ReviewPack> builder)
    {
        builder.ToTable("ReviewPacks");
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Findings).HasMaxLength(8000);
        builder.HasIndex(p => new { p.Kind, p.PeriodStart }).IsUnique();
    }
}
