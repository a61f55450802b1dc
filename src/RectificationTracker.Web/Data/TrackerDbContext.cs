using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data;

public class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : IdentityDbContext<AppUser>(options)
{
    // One writer appends to the history chain at a time, so sequence numbers and hashes never fork.
    private static readonly SemaphoreSlim HistoryLock = new(1, 1);

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

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var pending = ChangeTracker.Entries<HistoryEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        await HistoryLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var last = await History.AsNoTracking()
                .OrderByDescending(h => h.Id)
                .Select(h => new { h.Id, h.Hash })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var previousId = last?.Id ?? 0;
            var previousHash = last?.Hash ?? HistoryChain.GenesisHash;
            foreach (var entry in pending.OrderBy(p => p.AtUtc))
            {
                HistoryChain.Seal(entry, previousId, previousHash);
                previousId = entry.Id;
                previousHash = entry.Hash;
            }

            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            HistoryLock.Release();
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
