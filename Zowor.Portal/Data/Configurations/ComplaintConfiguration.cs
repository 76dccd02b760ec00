using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("Complaints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property<long>(PortalDbContext.VersionProperty).IsConcurrencyToken();

        builder.Property(c => c.Reference).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.ReferenceYear, c.ReferenceSequence }).IsUnique();

        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PreferredResolution).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.EscalationLevel).HasConversion<int>();
        builder.Property(c => c.RegisteredById).HasMaxLength(450);
        builder.Property(c => c.OrderNumber).HasMaxLength(ComplaintLimits.OrderNumber);
        builder.Property(c => c.Product).HasMaxLength(ComplaintLimits.Product);
        builder.HasOne<Features.Products.ListedProduct>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProductId, c.ReceivedAt });
        builder.Property(c => c.Subject).HasMaxLength(ComplaintLimits.Subject);
        builder.Property(c => c.Description).HasMaxLength(ComplaintLimits.Description);
        builder.Property(c => c.CategoryCode).HasMaxLength(ComplaintLimits.Category);
        builder.Property(c => c.CustomerLanguage).HasMaxLength(10).HasDefaultValue(Complaint.DefaultLanguage);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.OwnerName).HasMaxLength(ComplaintLimits.Person);
        builder.Property(c => c.DuplicateOfReference).HasMaxLength(20);
        // The primary's case page lists the complaints merged into it.
        builder.HasIndex(c => c.DuplicateOfId);

        // The queue filters on status and level and sorts by the acknowledgement deadline.
        // Severity and ReceivedAt ride along so that the level-1 escalation rule of the deadline scan is answered from the index.
        builder.HasIndex(c => new { c.Status, c.EscalationLevel, c.AcknowledgementDueAt, c.Severity, c.ReceivedAt });
        // "Assigned to me" among the open complaints (every page's menu counts it): with OwnerId alone, SQLite's statistics
        // (mostly unassigned) made it scan the table, 1.6 s at 1M complaints; with the status first it is a few seeks.
        builder.HasIndex(c => new { c.Status, c.OwnerId });
        // The deadline scans (Features/Escalation/DeadlineScanJob) and retention read only through these.
        builder.HasIndex(c => new { c.Status, c.AcknowledgementDueAt });
        builder.HasIndex(c => new { c.EscalationLevel, c.Status, c.EscalatedAt });
        // The customer-update rule (P-41) tests COALESCE(LastCustomerUpdateAt, ReceivedAt): with both in the index SQLite
        // answers it from the index over the unflagged open complaints; (Status, LastCustomerUpdateAt) alone made it scan
        // every complaint on every run (docs/BENCHMARKS.md).
        builder.HasIndex(c => new { c.Status, c.CustomerUpdateDueSince, c.LastCustomerUpdateAt, c.ReceivedAt });
        builder.HasIndex(c => c.EndedAt);
        builder.HasIndex(c => c.ResolvedAt);
        // No index on AcknowledgementBreachedAt alone: nearly every complaint has it null, SQLite's statistics cannot see
        // that skew, and it chose that index for "Received and not yet breached", reading every complaint (docs/BENCHMARKS.md).
        // The trends dashboard (Features/Trends) filters on the month and groups in SQL; percentiles order by the hours.
        builder.HasIndex(c => new { c.ReceivedMonth, c.CategoryCode, c.Channel });
        // One covering index for the period filter: the counts by month, category, channel, product and level and the
        // acknowledgement and resolution times read it alone, never the wide complaint rows (docs/BENCHMARKS.md).
        // It also serves every other ReceivedAt range or order (the queue's "newest" sort, the CSV export).
        builder.HasIndex(c => new { c.ReceivedAt, c.ReceivedMonth, c.CategoryCode, c.Channel, c.Product, c.EscalationLevel, c.AcknowledgementHours, c.ResolutionHours })
            .HasDatabaseName("IX_Complaints_Trends");
        // Related complaints on the case page (Features/Search/RelatedComplaints): the same order, and the same product and
        // category in the last 12 months (P-51, P-60), each a few seeks rather than a scan of every complaint.
        builder.HasIndex(c => c.OrderNumber);
        builder.HasIndex(c => new { c.CategoryCode, c.Product, c.ReceivedAt });

        builder.OwnsOne(c => c.Customer, customer =>
        {
            customer.Property(x => x.Name).HasColumnName("CustomerName").HasMaxLength(ComplaintLimits.Name).IsRequired();
            customer.Property(x => x.Email).HasColumnName("CustomerEmail").HasMaxLength(ComplaintLimits.Email);
            customer.Property(x => x.Phone).HasColumnName("CustomerPhone").HasMaxLength(ComplaintLimits.Phone);
            customer.Property(x => x.PreferredContact).HasColumnName("CustomerPreferredContact").HasConversion<string>().HasMaxLength(8);
            customer.HasIndex(x => x.Email);
            // The same customer by phone (related complaints, privacy search): equality on the stored forms of one number.
            customer.HasIndex(x => x.Phone);
        });
        builder.Navigation(c => c.Customer).IsRequired();

        builder.OwnsOne(c => c.Acknowledgement, ack =>
        {
            ack.Property(x => x.Method).HasColumnName("AckMethod").HasConversion<string>().HasMaxLength(8);
            ack.Property(x => x.At).HasColumnName("AcknowledgedAt");
            ack.Property(x => x.ById).HasColumnName("AcknowledgedById").HasMaxLength(450);
            ack.Property(x => x.ByName).HasColumnName("AcknowledgedByName").HasMaxLength(ComplaintLimits.Person);
            ack.Property(x => x.EstimatedResolutionDate).HasColumnName("EstimatedResolutionDate");
        });

        builder.OwnsOne(c => c.RootCause, root =>
        {
            root.Property(x => x.Category).HasColumnName("RootCauseCategory").HasConversion<string>().HasMaxLength(32);
            root.Property(x => x.Description).HasColumnName("RootCauseDescription").HasMaxLength(ComplaintLimits.Note);
            root.Property(x => x.ContributingFactors).HasColumnName("ContributingFactors").HasMaxLength(ComplaintLimits.Note);
            root.Property(x => x.RecordedAt).HasColumnName("RootCauseRecordedAt");
            root.Property(x => x.RecordedById).HasColumnName("RootCauseRecordedById").HasMaxLength(450);
            root.Property(x => x.RecordedByName).HasColumnName("RootCauseRecordedByName").HasMaxLength(ComplaintLimits.Person);
        });

        builder.OwnsOne(c => c.Resolution, offer =>
        {
            offer.Property(x => x.Kind).HasColumnName("ResolutionKind").HasConversion<string>().HasMaxLength(24);
            offer.Property(x => x.Amount).HasColumnName("ResolutionAmount").HasPrecision(18, 2);
            offer.Property(x => x.AmountInMinorUnits).HasColumnName("ResolutionAmountMinor");
            offer.Property(x => x.Currency).HasColumnName("ResolutionCurrency").HasMaxLength(ComplaintLimits.Currency);
            offer.Property(x => x.Compensation).HasColumnName("ResolutionCompensation").HasConversion<string>().HasMaxLength(24);
            offer.Property(x => x.Details).HasColumnName("ResolutionDetails").HasMaxLength(ComplaintLimits.Note);
            offer.Property(x => x.ProposedAt).HasColumnName("ResolutionProposedAt");
            offer.Property(x => x.ProposedById).HasColumnName("ResolutionProposedById").HasMaxLength(450);
            offer.Property(x => x.ProposedByName).HasColumnName("ResolutionProposedByName").HasMaxLength(ComplaintLimits.Person);
            offer.Property(x => x.CustomerAccepted).HasColumnName("ResolutionCustomerAccepted");
            offer.Property(x => x.CustomerAnsweredAt).HasColumnName("ResolutionCustomerAnsweredAt");
            offer.Property(x => x.CustomerAnswerNote).HasColumnName("ResolutionCustomerAnswerNote").HasMaxLength(ComplaintLimits.Note);
            offer.Property(x => x.ImplementedAt).HasColumnName("ResolutionImplementedAt");
            offer.Property(x => x.NoAnswerRecordedAt).HasColumnName("ResolutionNoAnswerRecordedAt");
        });

        builder.OwnsOne(c => c.Closure, closure =>
        {
            closure.Property(x => x.At).HasColumnName("ClosedAt");
            closure.Property(x => x.ById).HasColumnName("ClosedById").HasMaxLength(450);
            closure.Property(x => x.ByName).HasColumnName("ClosedByName").HasMaxLength(ComplaintLimits.Person);
            closure.Property(x => x.Note).HasColumnName("ClosingNote").HasMaxLength(ComplaintLimits.Note);
            closure.Property(x => x.Satisfaction).HasColumnName("Satisfaction");
        });

        builder.HasMany(c => c.Evidence).WithOne().HasForeignKey("ComplaintId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Interviews).WithOne().HasForeignKey("ComplaintId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Communications).WithOne().HasForeignKey("ComplaintId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Escalations).WithOne().HasForeignKey("ComplaintId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.History).WithOne().HasForeignKey("ComplaintId").OnDelete(DeleteBehavior.Restrict);
        foreach (var navigation in new[] { nameof(Complaint.Evidence), nameof(Complaint.Interviews), nameof(Complaint.Communications), nameof(Complaint.Escalations), nameof(Complaint.History) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        builder.Ignore(c => c.DomainEvents);
        builder.Ignore(c => c.AllowedActions);
        builder.Ignore(c => c.IsUnresolved);
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("ComplaintEvidence");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Description).HasMaxLength(ComplaintLimits.Note);
        builder.Property(e => e.AddedById).HasMaxLength(450);
        builder.Property(e => e.AddedByName).HasMaxLength(ComplaintLimits.Person);
        builder.OwnsOne(e => e.File, file =>
        {
            file.Property(x => x.FileName).HasColumnName("FileName").HasMaxLength(EvidenceFile.MaxFileNameLength);
            file.Property(x => x.ContentType).HasColumnName("FileContentType").HasMaxLength(100);
            file.Property(x => x.Size).HasColumnName("FileSize");
            file.Property(x => x.StoredName).HasColumnName("FileStoredName").HasMaxLength(100);
            file.Property(x => x.Sha256).HasColumnName("FileSha256").HasMaxLength(64);
        });
    }
}

internal sealed class StaffInterviewConfiguration : IEntityTypeConfiguration<StaffInterview>
{
    public void Configure(EntityTypeBuilder<StaffInterview> builder)
    {
        builder.ToTable("ComplaintInterviews");
        builder.Property(e => e.StaffName).HasMaxLength(ComplaintLimits.Person);
        builder.Property(e => e.StaffRole).HasMaxLength(ComplaintLimits.Person);
        builder.Property(e => e.Summary).HasMaxLength(ComplaintLimits.Note);
        builder.Property(e => e.RecordedById).HasMaxLength(450);
    }
}

internal sealed class CommunicationEntryConfiguration : IEntityTypeConfiguration<CommunicationEntry>
{
    public void Configure(EntityTypeBuilder<CommunicationEntry> builder)
    {
        builder.ToTable("ComplaintCommunications");
        builder.Property(e => e.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Summary).HasMaxLength(ComplaintLimits.Note);
        builder.Property(e => e.ById).HasMaxLength(450);
        builder.Property(e => e.ByName).HasMaxLength(ComplaintLimits.Person);
    }
}

internal sealed class EscalationRecordConfiguration : IEntityTypeConfiguration<EscalationRecord>
{
    public void Configure(EntityTypeBuilder<EscalationRecord> builder)
    {
        builder.ToTable("ComplaintEscalations");
        builder.Property(e => e.FromLevel).HasConversion<int>();
        builder.Property(e => e.ToLevel).HasConversion<int>();
        builder.Property(e => e.Reason).HasMaxLength(ComplaintLimits.Note);
        builder.Property(e => e.ById).HasMaxLength(450);
        builder.Property(e => e.ByName).HasMaxLength(ComplaintLimits.Person);
    }
}

internal sealed class ComplaintHistoryEntryConfiguration : IEntityTypeConfiguration<ComplaintHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ComplaintHistoryEntry> builder)
    {
        builder.ToTable("ComplaintHistory");
        // The complaint version the entry's save created (0 for entries older than this column): what changed since a
        // version is the entries above it.
        builder.Property<long>(PortalDbContext.VersionProperty);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(ComplaintLimits.Person);
        builder.Property(e => e.Before).HasMaxLength(ComplaintLimits.Note);
        builder.Property(e => e.After).HasMaxLength(ComplaintLimits.Note);
        builder.Property(e => e.Details).HasMaxLength(ComplaintLimits.Description);
    }
}
