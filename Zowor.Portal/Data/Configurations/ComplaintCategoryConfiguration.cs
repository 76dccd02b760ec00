using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Categories;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ComplaintCategoryConfiguration : IEntityTypeConfiguration<ComplaintCategory>
{
    public void Configure(EntityTypeBuilder<ComplaintCategory> builder)
    {
        builder.ToTable("ComplaintCategories");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.Property(c => c.NameEn).HasMaxLength(100).IsRequired();
        builder.Property(c => c.NameRu).HasMaxLength(100).IsRequired();
    }
}
