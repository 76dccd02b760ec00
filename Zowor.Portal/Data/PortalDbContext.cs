using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Memos;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Data;

/// <summary>
/// The portal's database. Each provider has a sealed subclass with its own migrations
/// (<see cref="SqlitePortalDbContext"/>, <see cref="SqlServerPortalDbContext"/>); the app registers the one configured.
/// </summary>
public abstract class PortalDbContext : IdentityDbContext<PortalUser>, IDataProtectionKeyContext
{
    /// <summary>Name of the shadow concurrency token on <see cref="Complaint"/>.</summary>
    public const string VersionProperty = "Version";

    /// <summary>The shadow foreign key from a timeline entry to its complaint.</summary>
    public const string HistoryComplaintIdProperty = "ComplaintId";

    protected PortalDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Complaint> Complaints => Set<Complaint>();

    /// <summary>The Data Protection key ring every node shares (Platform/Hosting/SharedDataProtection).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ComplaintHistoryEntry> ComplaintHistory => Set<ComplaintHistoryEntry>();

    public DbSet<ComplaintCategory> Categories => Set<ComplaintCategory>();

    public DbSet<RootCauseCategoryName> RootCauseCategories => Set<RootCauseCategoryName>();

    public DbSet<Features.Products.ListedProduct> Products => Set<Features.Products.ListedProduct>();

    public DbSet<Features.Products.ProductAlias> ProductAliases => Set<Features.Products.ProductAlias>();

    /// <summary>Admin-managed reply templates (Features/Replies).</summary>
    public DbSet<Features.Replies.ReplyTemplate> ReplyTemplates => Set<Features.Replies.ReplyTemplate>();

    /// <summary>Customer e-mails waiting for or done with delivery.</summary>
    public DbSet<Features.Mail.OutboxMessage> OutboxMessages => Set<Features.Mail.OutboxMessage>();

    /// <summary>Customer-satisfaction surveys (P-01).</summary>
    public DbSet<SatisfactionSurvey> SatisfactionSurveys => Set<SatisfactionSurvey>();
    public DbSet<Memo> Memos => Set<Memo>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();

    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();

    public DbSet<TrainingCompletion> TrainingCompletions => Set<TrainingCompletion>();
    /// <summary>Who viewed, exported or erased personal data (append-only).</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Corrective and preventive actions (P-62).</summary>
    public DbSet<CapaRecord> Capas => Set<CapaRecord>();

    /// <summary>Recurring issues the scan found (P-60), each raised once.</summary>
    public DbSet<Features.Capa.RecurringIssueAlert> RecurringIssueAlerts => Set<Features.Capa.RecurringIssueAlert>();

    /// <summary>Users' own named queue views (issue 17).</summary>
    public DbSet<Features.Complaints.SavedQueueView> SavedQueueViews => Set<Features.Complaints.SavedQueueView>();

    /// <summary>The trends dashboard's counts, sums and hour histograms per business day and month (issue 21).</summary>
    public DbSet<Features.Trends.Rollups.TrendRollup> TrendRollups => Set<Features.Trends.Rollups.TrendRollup>();

    public DbSet<Features.Trends.Rollups.RepeatCustomerRollup> RepeatCustomerRollups => Set<Features.Trends.Rollups.RepeatCustomerRollup>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC DateTime (not DateTimeOffset) so that SQLite can compare and order them in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        // The trend rollups change in the same transaction as the complaints and surveys saved (issue 21).
        var affected = Features.Trends.Rollups.TrendRollupWriter.Affected(this);
        return affected.Count == 0
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : Features.Trends.Rollups.TrendRollupWriter.RunAsync(this, affected, () => base.SaveChangesAsync(false, cancellationToken),
                acceptAllChangesOnSuccess ? ChangeTracker.AcceptAllChanges : null, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        if (Features.Trends.Rollups.TrendRollupWriter.Affected(this).Count > 0)
        {
            throw new InvalidOperationException("Complaints and surveys are saved with SaveChangesAsync, which keeps the trend rollups.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Every domain change touches <see cref="Complaint.LastChangedAt"/>, so a changed complaint is always Modified here;
    /// the new version makes a second writer holding the old one fail instead of overwriting silently.
    /// The timeline and the access audit log are audit trails: an attempt to change or delete an entry fails the whole save.
    /// </summary>
    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries<ComplaintHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The complaint timeline is append-only: entries cannot be changed or deleted.");
        }

        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
        }

        var newVersions = new Dictionary<Guid, long>();
        foreach (var entry in ChangeTracker.Entries<Complaint>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var version = entry.Property<long>(VersionProperty);
                version.CurrentValue = version.OriginalValue + 1;
                newVersions[entry.Entity.Id] = version.CurrentValue;
            }
        }

        // Each new timeline entry carries the version its save created, so a conflict can name exactly what was saved
        // since the version a user's form was opened on.
        foreach (var entry in ChangeTracker.Entries<ComplaintHistoryEntry>().Where(e => e.State == EntityState.Added))
        {
            if (entry.Property<Guid?>(HistoryComplaintIdProperty).CurrentValue is { } complaintId && newVersions.TryGetValue(complaintId, out var saved))
            {
                entry.Property<long>(VersionProperty).CurrentValue = saved;
            }
        }
    }
}
