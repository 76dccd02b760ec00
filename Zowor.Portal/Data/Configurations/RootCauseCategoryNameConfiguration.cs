using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Categories;

namespace Zowor.Portal.Data.Configurations;

internal sealed class RootCauseCategoryNameConfiguration : IEntityTypeConfiguration<RootCauseCategoryName>
{
    public void Configure(EntityTypeBuilder<RootCauseCategoryName> builder)
    {
        builder.ToTable("RootCauseCategories");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.NameEn).HasMaxLength(100).IsRequired();
        builder.Property(c => c.NameRu).HasMaxLength(100).IsRequired();
    }
}
