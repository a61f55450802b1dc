using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("Units");
        b.Property(u => u.Name).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Property(u => u.Path).HasMaxLength(SchemaLimits.UnitPathLength).IsRequired();
        b.Property(u => u.ShortName).HasMaxLength(SchemaLimits.NameLength);
        b.Property(u => u.BulletinIssuer).HasMaxLength(SchemaLimits.ShortTextLength);
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.Path);
        b.HasIndex(u => new { u.ParentId, u.Name }).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Property(u => u.JobTitle).HasMaxLength(SchemaLimits.NameLength);
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BulletinIssueConfiguration : IEntityTypeConfiguration<Domain.Reports.BulletinIssue>
{
    public void Configure(EntityTypeBuilder<Domain.Reports.BulletinIssue> b)
    {
        b.Property(x => x.ContentKey).HasMaxLength(SchemaLimits.ShortTextLength).IsRequired();
        b.Property(x => x.IssuedById).HasMaxLength(SchemaLimits.UserIdLength).IsRequired();
        b.Property(x => x.IssuedByName).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Ignore(x => x.Label);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OfficeUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OfficeUnitId, x.Year, x.Number }).IsUnique();
        b.HasIndex(x => new { x.OfficeUnitId, x.ContentKey }).IsUnique();
    }
}

internal sealed class PasswordHistoryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> b)
    {
        b.ToTable("PasswordHistory");
        b.Property(p => p.UserId).IsRequired();
        b.Property(p => p.PasswordHash).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.UserId, p.Id });
    }
}
