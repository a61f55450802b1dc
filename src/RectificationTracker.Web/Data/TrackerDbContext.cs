using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data;

public class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring when several instances share a PostgreSQL database (docs/adr/0012).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<InspectionRound> Rounds => Set<InspectionRound>();

    public DbSet<RoundInspectedUnit> RoundInspectedUnits => Set<RoundInspectedUnit>();

    public DbSet<Aspect> Aspects => Set<Aspect>();

    public DbSet<Problem> Problems => Set<Problem>();

    public DbSet<RectificationTask> Tasks => Set<RectificationTask>();

    public DbSet<TaskCooperatingUnit> TaskCooperatingUnits => Set<TaskCooperatingUnit>();

    public DbSet<ClosureApplication> ClosureApplications => Set<ClosureApplication>();

    public DbSet<RuleMade> RulesMade => Set<RuleMade>();

    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    public DbSet<Domain.Reports.BulletinIssue> BulletinIssues => Set<Domain.Reports.BulletinIssue>();

    public DbSet<Urging> Urgings => Set<Urging>();

    public DbSet<Features.Digest.DigestRun> DigestRuns => Set<Features.Digest.DigestRun>();

    public DbSet<Features.Digest.DigestNotice> DigestNotices => Set<Features.Digest.DigestNotice>();

    /// <summary>Hashes of the accounts' last passwords (no reuse, docs/security.md).</summary>
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    /// <summary>
    /// Only for writes without history (the data-protection key store saves synchronously); history records are
    /// appended inside an asynchronous write transaction.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<HistoryEntry>().Any(e => e.State == EntityState.Added))
        {
            throw new NotSupportedException("Save asynchronously: the history chain is appended inside an asynchronous write transaction.");
        }

        BumpVersions();
        var unresolved = CopyProblemNumbers();
        if (unresolved.Count > 0)
        {
            TakeProblemNumbers(unresolved, ProblemsOf(unresolved).ToList());
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Saves the changes; new history records are sealed onto the chain's head inside the same write
    /// transaction (the caller's, or one opened here), so the head cannot move between reading it and
    /// inserting after it, whichever process appends (see <see cref="HistoryChainAppend"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var unresolved = CopyProblemNumbers();
        if (unresolved.Count > 0)
        {
            TakeProblemNumbers(unresolved, await ProblemsOf(unresolved).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        var pending = ChangeTracker.Entries<HistoryEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        if (Database.CurrentTransaction is not null)
        {
            await HistoryChainAppend.SealAsync(this, pending, cancellationToken).ConfigureAwait(false);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await HistoryChainAppend.BeginAsync(this, cancellationToken).ConfigureAwait(false);
        await HistoryChainAppend.SealAsync(this, pending, cancellationToken).ConfigureAwait(false);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>
    /// Every task inserted takes its problem's number (<see cref="RectificationTask.ProblemNumber"/>, the ledger's order
    /// index), whichever way it was added: through the problem's task list, with the problem, or by problem id (a tracked
    /// problem is the task's navigation after change detection; an untracked one is read). Problem
    /// numbers never change after that (<c>Problem.Number</c> is init-only), so inserts are the only place the copy is made.
    /// Returns the tasks whose problem is not tracked by this context (their numbers are read from the database).
    /// </summary>
    private List<RectificationTask> CopyProblemNumbers()
    {
        var unresolved = new List<RectificationTask>();
        foreach (var entry in ChangeTracker.Entries<RectificationTask>())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            var task = entry.Entity;
            if (task.Problem is { } problem) // set by fix-up when the problem is tracked
            {
                task.TakeProblemNumber(problem);
            }
            else
            {
                unresolved.Add(task);
            }
        }

        return unresolved;
    }

    /// <summary>The problems of tasks whose problem this context does not track, read from the database.</summary>
    private IQueryable<Problem> ProblemsOf(List<RectificationTask> tasks)
    {
        var ids = tasks.Select(t => t.ProblemId).Distinct().ToList();
        return Problems.AsNoTracking().Where(p => ids.Contains(p.Id));
    }

    private static void TakeProblemNumbers(List<RectificationTask> tasks, List<Problem> problems)
    {
        var byId = problems.ToDictionary(p => p.Id);
        foreach (var task in tasks)
        {
            // A task whose problem does not exist fails on its foreign key when it is saved.
            if (byId.TryGetValue(task.ProblemId, out var problem))
            {
                task.TakeProblemNumber(problem);
            }
        }
    }

    /// <summary>SQLite has no rowversion: the concurrency token is a number changed on every write.</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case RectificationTask task:
                    task.Version++;
                    break;
                case InspectionRound round:
                    round.Version++;
                    break;
            }
        }
    }
}
