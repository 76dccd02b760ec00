using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Capa;

namespace Zowor.Portal.Data.Configurations;

internal sealed class CapaConfiguration : IEntityTypeConfiguration<CapaRecord>
{
    public void Configure(EntityTypeBuilder<CapaRecord> builder)
    {
        builder.ToTable("Capas");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(32);
        builder.HasIndex(c => c.Number).IsUnique();
        // Two CAPAs opened at the same moment: the database refuses the second number, and the service retries.
        builder.HasIndex(c => new { c.NumberYear, c.NumberSequence }).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(CapaLimits.Title);
        builder.Property(c => c.ProblemStatement).HasMaxLength(CapaLimits.Text);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(c => c.Status);
        builder.Property(c => c.RecurrenceProduct).HasMaxLength(CapaLimits.Product);
        builder.Property(c => c.RecurrenceCategory).HasMaxLength(CapaLimits.Category);
        builder.Property(c => c.RecurrenceRootCause).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.EffectivenessCriterion).HasMaxLength(CapaLimits.Text);
        builder.Property(c => c.OpenedById).HasMaxLength(450);
        builder.Property(c => c.OpenedByName).HasMaxLength(CapaLimits.Person);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.Ignore(c => c.Risk);
        builder.Ignore(c => c.EffectivenessDueAt);
        builder.Ignore(c => c.AllowedSteps);

        // The chain is short text read with the CAPA: a JSON array on both providers.
        builder.PrimitiveCollection(c => c.Whys).HasField("_whys").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(c => c.Complaints, link =>
        {
            link.ToTable("CapaComplaints");
            link.WithOwner().HasForeignKey("CapaId");
            link.HasKey("CapaId", nameof(CapaComplaintLink.ComplaintId));
            // The complaint's id is given, never generated: a link added to a saved CAPA must be INSERTed, not UPDATEd.
            link.Property(l => l.ComplaintId).ValueGeneratedNever();
            link.Property(l => l.Reference).HasMaxLength(32);
            // A case page lists its CAPAs by this index.
            link.HasIndex(l => l.ComplaintId);
        });
        builder.Navigation(c => c.Complaints).HasField("_complaints").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(c => c.Fishbone, note =>
        {
            note.ToTable("CapaFishboneNotes");
            note.WithOwner().HasForeignKey("CapaId");
            note.Property(n => n.Category).HasConversion<string>().HasMaxLength(24);
            note.HasKey("CapaId", nameof(FishboneNote.Category));
            note.Property(n => n.Notes).HasMaxLength(CapaLimits.Text);
        });
        builder.Navigation(c => c.Fishbone).HasField("_fishbone").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(c => c.Actions, action =>
        {
            action.ToTable("CapaActions");
            action.WithOwner().HasForeignKey("CapaId");
            action.HasKey("CapaId", nameof(CapaAction.Number));
            action.Property(a => a.Number).ValueGeneratedNever();
            action.Property(a => a.Description).HasMaxLength(CapaLimits.ActionDescription);
            action.Property(a => a.OwnerId).HasMaxLength(450);
            action.Property(a => a.OwnerName).HasMaxLength(CapaLimits.Person);
            action.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            // The overdue scan looks for open actions past their due day.
            action.HasIndex(a => new { a.Status, a.DueOn });
            // Memo and training actions (P-80, P-81): what they link to and who must have read or taken it.
            action.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            action.Property(a => a.TeachingTitle).HasMaxLength(CapaLimits.ActionDescription);
            action.Property(a => a.RequiredRoles).HasMaxLength(200);
            action.Ignore(a => a.RequiredRoleList);
            action.Ignore(a => a.CompletesOnEvidence);
        });
        builder.Navigation(c => c.Actions).HasField("_actions").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(c => c.History, entry =>
        {
            entry.ToTable("CapaHistory");
            entry.WithOwner().HasForeignKey("CapaId");
            entry.HasKey("CapaId", nameof(CapaHistoryEntry.Sequence));
            entry.Property(e => e.Sequence).ValueGeneratedNever();
            entry.Property(e => e.ActorId).HasMaxLength(450);
            entry.Property(e => e.ActorName).HasMaxLength(CapaLimits.Person);
            entry.Property(e => e.What).HasMaxLength(64);
            entry.Property(e => e.Details).HasMaxLength(CapaLimits.Text + 200);
        });
        builder.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The closure approval's electronic signature: who, in which role, when, and what it means.
        builder.OwnsOne(c => c.ClosureApproval, signature =>
        {
            signature.Property(a => a.SignerId).HasColumnName("ClosureApprovedById").HasMaxLength(450);
            signature.Property(a => a.SignerName).HasColumnName("ClosureApprovedByName").HasMaxLength(CapaLimits.Person);
            signature.Property(a => a.SignerRole).HasColumnName("ClosureApprovedRole").HasMaxLength(32);
            signature.Property(a => a.At).HasColumnName("ClosureApprovedAt");
            signature.Property(a => a.Meaning).HasColumnName("ClosureApprovalMeaning").HasMaxLength(64);
        });

        builder.OwnsOne(c => c.Decision, decision =>
        {
            decision.Property(d => d.Effective).HasColumnName("DecisionEffective");
            decision.Property(d => d.Note).HasColumnName("DecisionNote").HasMaxLength(CapaLimits.Text);
            decision.Property(d => d.Before).HasColumnName("DecisionBefore");
            decision.Property(d => d.After).HasColumnName("DecisionAfter");
            decision.Property(d => d.At).HasColumnName("DecisionAt");
            decision.Property(d => d.ById).HasColumnName("DecisionById").HasMaxLength(450);
            decision.Property(d => d.ByName).HasColumnName("DecisionByName").HasMaxLength(CapaLimits.Person);
        });
    }
}

internal sealed class RecurringIssueAlertConfiguration : IEntityTypeConfiguration<RecurringIssueAlert>
{
    public void Configure(EntityTypeBuilder<RecurringIssueAlert> builder)
    {
        builder.ToTable("RecurringIssueAlerts");
        builder.Property(a => a.Key).HasMaxLength(320);
        builder.Property(a => a.Product).HasMaxLength(CapaLimits.Product);
        builder.Property(a => a.CategoryCode).HasMaxLength(CapaLimits.Category);
        builder.Property(a => a.RootCause).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.DismissedBy).HasMaxLength(CapaLimits.Person);
        builder.PrimitiveCollection(a => a.ComplaintIds);
        builder.PrimitiveCollection(a => a.References);
        builder.Ignore(a => a.IsOpen);
        // Once per key and day on every node; the scan itself skips a key raised within the window.
        builder.HasIndex(a => new { a.Key, a.RaisedOn }).IsUnique();
        builder.HasIndex(a => a.CapaId);
    }
}
