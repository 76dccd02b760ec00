using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Training;

namespace Zowor.Portal.Data.Configurations;

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.ToTable("TrainingCourses");
        builder.Property(c => c.Name).HasMaxLength(TrainingLimits.Name);
        builder.Property(c => c.Description).HasMaxLength(TrainingLimits.Description);
        builder.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.ToTable("TrainingSessions");
        builder.Property(s => s.Trainer).HasMaxLength(TrainingLimits.Trainer);
        builder.Property(s => s.Notes).HasMaxLength(TrainingLimits.Notes);
        builder.Property(s => s.RecordedById).HasMaxLength(450);
        builder.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Completions).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Completions).HasField("_completions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => s.HeldOn);
    }
}

internal sealed class TrainingCompletionConfiguration : IEntityTypeConfiguration<TrainingCompletion>
{
    public void Configure(EntityTypeBuilder<TrainingCompletion> builder)
    {
        builder.ToTable("TrainingCompletions");
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserName).HasMaxLength(200);
        builder.HasOne<TrainingCourse>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.UserId, c.CourseId });
    }
}

internal sealed class TrainingAlertConfiguration : IEntityTypeConfiguration<TrainingAlert>
{
    public void Configure(EntityTypeBuilder<TrainingAlert> builder)
    {
        builder.ToTable("TrainingAlerts");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        // One alert per person, course, status and expiry date: the daily job may run twice, or on two nodes.
        builder.HasIndex(a => new { a.UserId, a.CourseId, a.Status, a.DueOn }).IsUnique();
    }
}
