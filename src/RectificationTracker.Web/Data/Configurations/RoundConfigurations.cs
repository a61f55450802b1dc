using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;

namespace RectificationTracker.Web.Data.Configurations;

internal sealed class InspectionRoundConfiguration : IEntityTypeConfiguration<InspectionRound>
{
    public void Configure(EntityTypeBuilder<InspectionRound> b)
    {
        b.ToTable("Rounds");
        b.Property(r => r.Name).HasMaxLength(SchemaLimits.ShortTextLength).IsRequired();
        b.Property(r => r.InspectingBody).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Property(r => r.Notes).HasMaxLength(SchemaLimits.LongTextLength);
        b.Property(r => r.CreatedById).HasMaxLength(SchemaLimits.UserIdLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.OfficeUnit).WithMany().HasForeignKey(r => r.OfficeUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.InspectedUnits).WithOne().HasForeignKey(u => u.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Aspects).WithOne().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.OfficeUnitId);
    }
}

internal sealed class RoundInspectedUnitConfiguration : IEntityTypeConfiguration<RoundInspectedUnit>
{
    public void Configure(EntityTypeBuilder<RoundInspectedUnit> b)
    {
        b.HasKey(x => new { x.RoundId, x.UnitId });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AspectConfiguration : IEntityTypeConfiguration<Aspect>
{
    public void Configure(EntityTypeBuilder<Aspect> b)
    {
        b.Property(a => a.Title).HasMaxLength(SchemaLimits.TitleLength).IsRequired();
        b.Ignore(a => a.OrdinalLabel);
        b.HasMany(a => a.Problems).WithOne(p => p.Aspect).HasForeignKey(p => p.AspectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.RoundId, a.Ordinal }).IsUnique();
    }
}

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> b)
    {
        b.Property(p => p.Title).HasMaxLength(SchemaLimits.TitleLength).IsRequired();
        b.Property(p => p.Text).HasMaxLength(SchemaLimits.LongTextLength).IsRequired();
        b.Property(p => p.SourceExcerpt).HasMaxLength(SchemaLimits.LongTextLength);
        b.HasOne<InspectionRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Tasks).WithOne(t => t.Problem).HasForeignKey(t => t.ProblemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.RoundId, p.Number }).IsUnique();
    }
}
