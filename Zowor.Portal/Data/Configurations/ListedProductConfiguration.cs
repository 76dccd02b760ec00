using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Products;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ListedProductConfiguration : IEntityTypeConfiguration<ListedProduct>
{
    public void Configure(EntityTypeBuilder<ListedProduct> builder)
    {
        builder.ToTable("Products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.NameEn).HasMaxLength(ListedProduct.MaxNameLength).IsRequired();
        builder.Property(p => p.NameRu).HasMaxLength(ListedProduct.MaxNameLength).IsRequired();
        builder.HasIndex(p => p.NameEn).IsUnique();
    }
}
