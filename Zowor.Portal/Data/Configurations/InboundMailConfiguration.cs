using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Mailbox;

namespace Zowor.Portal.Data.Configurations;

/// <summary>Messages read from the complaints mailbox.</summary>
internal sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("InboundMail");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Mailbox).HasMaxLength(300);
        builder.Property(m => m.MessageId).HasMaxLength(500);
        builder.Property(m => m.FromAddress).HasMaxLength(ComplaintLimits.Email);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Outcome).HasMaxLength(32);
        builder.Property(m => m.Detail).HasMaxLength(2000);
        builder.Property(m => m.RawPath).HasMaxLength(300);
        builder.Property(m => m.ResolvedByName).HasMaxLength(ComplaintLimits.Person);
        // Exactly once: a message (by its place in the mailbox) can be recorded only once, even by two nodes at once.
        builder.HasIndex(m => new { m.Mailbox, m.UidValidity, m.Uid }).IsUnique();
        builder.HasIndex(m => m.MessageId);
        builder.HasIndex(m => new { m.Outcome, m.ResolvedAt });
        builder.HasOne<Complaint>().WithMany().HasForeignKey(m => m.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Which node reads the mailbox.</summary>
internal sealed class MailboxLeaseConfiguration : IEntityTypeConfiguration<MailboxLease>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<MailboxLease> builder)
    {
        builder.ToTable("MailboxLeases");
        builder.HasKey(l => l.Mailbox);
        builder.Property(l => l.Mailbox).HasMaxLength(300);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
