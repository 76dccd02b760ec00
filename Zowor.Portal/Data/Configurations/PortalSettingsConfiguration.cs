using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Data.Configurations;

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> builder)
    {
        builder.ToTable("PortalSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);
        builder.Ignore(s => s.Escalation);
        // The existing settings row gets the defaults when the columns are added (AddCapa migration).
        builder.Property(s => s.RecurrenceThreshold).HasDefaultValue(3).HasSentinel(0);
        builder.Property(s => s.RecurrenceWindowDays).HasDefaultValue(30).HasSentinel(0);
        builder.Property(s => s.OfferAnswerDays).HasDefaultValue(PortalSettings.DefaultOfferAnswerDays).HasSentinel(0);
    }
}
