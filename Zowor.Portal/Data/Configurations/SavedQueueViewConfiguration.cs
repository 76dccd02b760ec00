using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Data.Configurations;

internal sealed class SavedQueueViewConfiguration : IEntityTypeConfiguration<SavedQueueView>
{
    public void Configure(EntityTypeBuilder<SavedQueueView> builder)
    {
        builder.ToTable("SavedQueueViews");
        builder.Property(v => v.UserId).HasMaxLength(450);
        builder.Property(v => v.Name).HasMaxLength(SavedQueueView.NameLength);
        builder.Property(v => v.PagePath).HasMaxLength(32);
        builder.Property(v => v.Query).HasMaxLength(1000);
        builder.Ignore(v => v.Link);
        // A name once per user and page: a view is picked by its name.
        builder.HasIndex(v => new { v.UserId, v.PagePath, v.Name }).IsUnique();
    }
}
