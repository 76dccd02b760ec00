using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Memos;

namespace Zowor.Portal.Data.Configurations;

internal sealed class MemoConfiguration : IEntityTypeConfiguration<Memo>
{
    public void Configure(EntityTypeBuilder<Memo> builder)
    {
        builder.ToTable("Memos");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Title).HasMaxLength(MemoLimits.Title);
        builder.Property(m => m.Body).HasMaxLength(MemoLimits.Body);
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.AuthorName).HasMaxLength(200);
        // A JSON array of role names, queried in SQL ("is one of my roles in it") on both providers.
        builder.PrimitiveCollection(m => m.AudienceRoles).HasField("_audienceRoles").UsePropertyAccessMode(PropertyAccessMode.Field).HasMaxLength(400);
        builder.HasIndex(m => m.PublishedAt);
        builder.HasMany(m => m.Acknowledgements).WithOne().HasForeignKey(a => a.MemoId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Acknowledgements).HasField("_acknowledgements").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MemoAcknowledgementConfiguration : IEntityTypeConfiguration<MemoAcknowledgement>
{
    public void Configure(EntityTypeBuilder<MemoAcknowledgement> builder)
    {
        builder.ToTable("MemoAcknowledgements");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(200);
        // Two tabs acknowledging at once: the database keeps one.
        builder.HasIndex(a => new { a.MemoId, a.UserId }).IsUnique();
    }
}
