using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Products;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ProductAliasConfiguration : IEntityTypeConfiguration<ProductAlias>
{
    public void Configure(EntityTypeBuilder<ProductAlias> builder)
    {
        builder.ToTable("ProductAliases");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Alias).HasMaxLength(ListedProduct.MaxNameLength).IsRequired();
        builder.HasIndex(a => a.Alias).IsUnique();
        builder.HasOne<ListedProduct>().WithMany(p => p.Aliases).HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
