using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Data.Configurations;

internal sealed class RectificationTaskConfiguration : IEntityTypeConfiguration<RectificationTask>
{
    public void Configure(EntityTypeBuilder<RectificationTask> b)
    {
        b.ToTable("Tasks");
        b.Property(t => t.Measure).HasMaxLength(SchemaLimits.LongTextLength).IsRequired();
        b.Property(t => t.LeadLeaderId).HasMaxLength(SchemaLimits.UserIdLength);
        b.Property(t => t.LeadLeaderName).HasMaxLength(SchemaLimits.NameLength);
        b.Property(t => t.ResponsiblePersonId).HasMaxLength(SchemaLimits.UserIdLength);
        b.Property(t => t.ResponsiblePersonName).HasMaxLength(SchemaLimits.NameLength);
        b.Property(t => t.ClosedById).HasMaxLength(SchemaLimits.UserIdLength);
        b.Property(t => t.ClosedByName).HasMaxLength(SchemaLimits.NameLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne(t => t.Round).WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.ResponsibleUnit).WithMany().HasForeignKey(t => t.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.CooperatingUnits).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Applications).WithOne().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.ProgressUpdates).WithOne().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Evidence).WithOne().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Urgings).WithOne().HasForeignKey(u => u.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(t => t.IsClosed);
        b.Ignore(t => t.EvidenceFrozen);
        b.Ignore(t => t.LatestApplication);
        // The ledger's filters and the worklists.
        b.HasIndex(t => new { t.ProblemId, t.Number }).IsUnique();
        b.HasIndex(t => new { t.RoundId, t.State });
        // The ledger's default order (round newest first, problem number, task number) from the task table alone
        // (issue 14): a round's page, the unfiltered page and the export walk it and stop after the page's rows.
        b.HasIndex(t => new { t.RoundId, t.ProblemNumber, t.Number }).IsDescending(true, false, false)
            .HasDatabaseName("IX_Tasks_Ledger");
        // A responsible unit's tasks by state in the ledger's default order, with the read scope's columns (Id too: SQLite
        // has it in every index, PostgreSQL needs it for an index-only count): a unit + state page walks it and stops
        // after 25 rows, its count reads the index alone (issue 14: 65,000 matches at 1,000,000 tasks). Also the unit
        // filters, 我的任务 and the read scope's OR (it replaces (unit, state)).
        b.HasIndex(t => new { t.ResponsibleUnitId, t.State, t.RoundId, t.ProblemNumber, t.Number, t.LeadLeaderId, t.ResponsiblePersonId, t.Id })
            .IsDescending(false, false, true, false, false, false, false, false)
            .HasDatabaseName("IX_Tasks_Ledger_Unit");
        b.HasIndex(t => new { t.LeadLeaderId, t.State });
        b.HasIndex(t => new { t.ResponsiblePersonId, t.State }); // 我的任务 and the read scope's OR (issue 14)
        b.HasIndex(t => new { t.State, t.Deadline });
        // The dashboard's counts (issue 14, CampaignCountsQuery): one pass in index order over the columns it groups by,
        // the light's columns and the read scope's, without sorting and without reading the table. Id is the scope's
        // too (its cooperating-unit arm): SQLite has it in every index, PostgreSQL read the table for it (552 MB at
        // 1,000,000 tasks, against the index's 106 MB).
        b.HasIndex(t => new
        {
            t.ResponsibleUnitId, t.LeadLeaderId, t.LeadLeaderName, t.Category, t.State, t.ReopenCount, t.Deadline, t.ClosedOn,
            t.LastProgressAtUtc, t.RoundId, t.ResponsiblePersonId, t.Id,
        }).HasDatabaseName("IX_Tasks_Dashboard");
        // …and its counts per problem (problem completion, aspects): in problem order, light and scope columns covered.
        b.HasIndex(t => new { t.ProblemId, t.State, t.Deadline, t.RoundId, t.ResponsibleUnitId, t.LeadLeaderId, t.ResponsiblePersonId, t.Id })
            .HasDatabaseName("IX_Tasks_Problems");
    }
}

internal sealed class TaskCooperatingUnitConfiguration : IEntityTypeConfiguration<TaskCooperatingUnit>
{
    public void Configure(EntityTypeBuilder<TaskCooperatingUnit> b)
    {
        b.HasKey(x => new { x.TaskId, x.UnitId });
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClosureApplicationConfiguration : IEntityTypeConfiguration<ClosureApplication>
{
    public void Configure(EntityTypeBuilder<ClosureApplication> b)
    {
        b.Property(a => a.Summary).HasMaxLength(SchemaLimits.LongTextLength).IsRequired();
        b.Property(a => a.AccountabilityKinds).HasMaxLength(SchemaLimits.ShortTextLength);
        foreach (var name in new[] { "SubmittedById", "ReviewerId", "SignerId" })
        {
            b.Property(name).HasMaxLength(SchemaLimits.UserIdLength);
        }

        foreach (var name in new[] { "SubmittedByName", "ReviewerName", "SignerName" })
        {
            b.Property(name).HasMaxLength(SchemaLimits.NameLength);
        }

        b.Property(a => a.ReviewComment).HasMaxLength(SchemaLimits.ReasonLength);
        b.Property(a => a.SignOffComment).HasMaxLength(SchemaLimits.ReasonLength);
        b.HasMany(a => a.RulesMade).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.WithdrawnByName).HasMaxLength(SchemaLimits.NameLength);
        b.Ignore(a => a.Withdrawn);
        b.Ignore(a => a.Returned);
        // The files an application holds (frozen at submission; carried files are held by several applications). A file
        // held by any application cannot be deleted.
        b.HasMany(a => a.Evidence).WithMany().UsingEntity(
            "ApplicationEvidence",
            r => r.HasOne(typeof(EvidenceFile)).WithMany().HasForeignKey("EvidenceFileId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(ClosureApplication)).WithMany().HasForeignKey("ApplicationId").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("ApplicationId", "EvidenceFileId"));
        b.HasIndex(a => new { a.TaskId, a.Attempt }).IsUnique();
        // The dashboard's outcome sums (issue 14): the signed applications read from the index alone.
        b.HasIndex(a => new { a.TaskId, a.Attempt, a.SignOffApproved, a.SignedAtUtc, a.FundsRecoveredWan, a.PeopleHeldAccountable })
            .HasDatabaseName("IX_ClosureApplications_Outcome");
    }
}

internal sealed class UrgingConfiguration : IEntityTypeConfiguration<Urging>
{
    public void Configure(EntityTypeBuilder<Urging> b)
    {
        b.ToTable("Urgings");
        b.Property(u => u.ById).HasMaxLength(SchemaLimits.UserIdLength).IsRequired();
        b.Property(u => u.ByName).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Property(u => u.Message).HasMaxLength(UrgingRules.MessageMaxLength).IsRequired();
        b.Property(u => u.ToUnitName).HasMaxLength(SchemaLimits.TitleLength);
        b.Property(u => u.ToPersonName).HasMaxLength(SchemaLimits.NameLength);
        b.HasIndex(u => new { u.TaskId, u.AtUtc });
    }
}

internal sealed class RuleMadeConfiguration : IEntityTypeConfiguration<RuleMade>
{
    public void Configure(EntityTypeBuilder<RuleMade> b) =>
        b.Property(r => r.Title).HasMaxLength(SchemaLimits.ShortTextLength).IsRequired();
}

internal sealed class ProgressUpdateConfiguration : IEntityTypeConfiguration<ProgressUpdate>
{
    public void Configure(EntityTypeBuilder<ProgressUpdate> b)
    {
        b.Property(p => p.Text).HasMaxLength(SchemaLimits.LongTextLength).IsRequired();
        b.Property(p => p.AuthorId).HasMaxLength(SchemaLimits.UserIdLength);
        b.Property(p => p.AuthorName).HasMaxLength(SchemaLimits.NameLength);
        b.HasMany(p => p.Attachments).WithOne().HasForeignKey(e => e.ProgressUpdateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.Property(e => e.FileName).HasMaxLength(SchemaLimits.FileNameLength).IsRequired();
        b.Property(e => e.ContentType).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Property(e => e.Kind).HasMaxLength(16).IsRequired();
        b.Property(e => e.Sha256).HasMaxLength(SchemaLimits.HashLength).IsRequired();
        b.Property(e => e.UploadedById).HasMaxLength(SchemaLimits.UserIdLength);
        b.Property(e => e.UploadedByName).HasMaxLength(SchemaLimits.NameLength);
        b.HasIndex(e => e.Sha256);
    }
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> b)
    {
        b.ToTable("History");
        // The id is the chain's sequence number, assigned by the chain, never by the database. Until the chain
        // seals a new record, the context gives it a placeholder key when it is added (several can wait side by side).
        b.Property(h => h.Id).HasValueGenerator<HistoryPlaceholderIds>().ValueGeneratedNever();
        b.Property(h => h.ActorId).HasMaxLength(SchemaLimits.UserIdLength).IsRequired();
        b.Property(h => h.ActorName).HasMaxLength(SchemaLimits.NameLength).IsRequired();
        b.Property(h => h.EntityType).HasMaxLength(32).IsRequired();
        b.Property(h => h.Action).HasMaxLength(32).IsRequired();
        b.Property(h => h.FromState).HasMaxLength(32);
        b.Property(h => h.ToState).HasMaxLength(32);
        b.Property(h => h.Reason).HasMaxLength(SchemaLimits.ReasonLength);
        b.Property(h => h.Details).HasMaxLength(SchemaLimits.LongTextLength);
        b.Property(h => h.PreviousHash).HasMaxLength(SchemaLimits.HashLength).IsRequired();
        b.Property(h => h.Hash).HasMaxLength(SchemaLimits.HashLength).IsRequired();
        b.HasIndex(h => h.TaskId);
        b.HasIndex(h => new { h.RoundId, h.AtUtc });
        b.HasIndex(h => new { h.EntityType, h.Action, h.AtUtc });
    }
}

/// <summary>
/// A new history record's key until <see cref="HistoryChain.Seal"/> replaces it with the sequence number: unique
/// negative numbers, set on the record (not temporary values), so a unit of work can track several new records.
/// </summary>
internal sealed class HistoryPlaceholderIds : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator<long>
{
    private long _last;

    public override bool GeneratesTemporaryValues => false;

    public override long Next(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => Interlocked.Decrement(ref _last);
}
