using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RectificationTracker.Domain.Common;
using RectificationTracker.Web.Features.Digest;

namespace RectificationTracker.Web.Data.Configurations;

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> b)
    {
        // One row per local day: the key is the lock two instances contend for.
        b.HasKey(r => r.LocalDate);
        b.Property(r => r.Instance).HasMaxLength(SchemaLimits.ShortTextLength).IsRequired();
    }
}

internal sealed class DigestNoticeConfiguration : IEntityTypeConfiguration<DigestNotice>
{
    public void Configure(EntityTypeBuilder<DigestNotice> b)
    {
        b.Property(d => d.UserId).HasMaxLength(SchemaLimits.UserIdLength).IsRequired();
        b.Property(d => d.Subject).HasMaxLength(SchemaLimits.TitleLength).IsRequired();
        b.Property(d => d.Body).HasMaxLength(SchemaLimits.LongTextLength).IsRequired();
        b.Property(d => d.EmailError).HasMaxLength(SchemaLimits.TitleLength);
        b.Property(d => d.Content).HasMaxLength(SchemaLimits.LongTextLength);
        b.HasIndex(d => new { d.UserId, d.LocalDate }).IsUnique();
    }
}
