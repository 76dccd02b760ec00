using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Mail;

namespace Zowor.Portal.Data.Configurations;

/// <summary>The outbox of customer e-mails.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(32);
        builder.Property(m => m.ToAddress).HasMaxLength(ComplaintLimits.Email);
        builder.Property(m => m.ToName).HasMaxLength(ComplaintLimits.Name);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(16_000);
        builder.Property(m => m.Culture).HasMaxLength(10);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.NotDeliveredReason).HasMaxLength(1000);
        builder.Ignore(m => m.MessageId);
        // The dispatcher reads only unsent messages that are due.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.HasIndex(m => m.ComplaintId);
        builder.HasOne<Complaint>().WithMany().HasForeignKey(m => m.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Satisfaction surveys, one per complaint.</summary>
internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.ToTable("SatisfactionSurveys");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.Property(s => s.Comment).HasMaxLength(SatisfactionSurvey.MaxCommentLength);
        builder.HasIndex(s => s.ComplaintId).IsUnique();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasOne<Complaint>().WithMany().HasForeignKey(s => s.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.IsAnswered);
    }
}
