using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Notifications;

namespace Zowor.Portal.Data.Configurations;

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> builder)
    {
        builder.ToTable("UserNotifications");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Reference).HasMaxLength(20);
        builder.Property(n => n.Kind).HasMaxLength(32);
        builder.Property(n => n.Detail).HasMaxLength(200);
        builder.Property(n => n.Link).HasMaxLength(200);
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}
