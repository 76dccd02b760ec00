using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Replies;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> builder)
    {
        builder.ToTable("ReplyTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(ReplyTemplate.MaxNameLength).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.SubjectEn).HasMaxLength(ComplaintLimits.Subject).IsRequired();
        builder.Property(t => t.SubjectRu).HasMaxLength(ComplaintLimits.Subject).IsRequired();
        builder.Property(t => t.BodyEn).HasMaxLength(ComplaintLimits.Note).IsRequired();
        builder.Property(t => t.BodyRu).HasMaxLength(ComplaintLimits.Note).IsRequired();
    }
}
