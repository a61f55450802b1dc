using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Web.Features.Worklists;

public sealed record WorklistCounts(int Mine, int AwaitingReview, int AwaitingMySignOff, int MineOverdue);

/// <summary>The three worklists: 我的任务, 待审核, 待我审签.</summary>
public sealed class WorklistQueries(IDbContextFactory<TrackerDbContext> dbFactory, Infrastructure.Clock clock)
{
    public async Task<WorklistCounts> CountsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var today = clock.Today;
        // The same definitions as the worklist pages (TaskScoping.InWorklist), so counts and lists agree.
        var mine = db.Tasks.InWorklist(db, actor, Worklist.Mine);
        // A list the actor does not have is not asked for (these counts are on every page).
        var mineCount = Worklist.Has(actor, Worklist.Mine) ? await mine.CountAsync(ct).ConfigureAwait(false) : 0;
        var mineOverdue = mineCount > 0 ? await mine.Where(TaskLights.OverdueExpression(today)).CountAsync(ct).ConfigureAwait(false) : 0;
        var review = Worklist.Has(actor, Worklist.Review) ? await db.Tasks.InWorklist(db, actor, Worklist.Review).CountAsync(ct).ConfigureAwait(false) : 0;
        var sign = Worklist.Has(actor, Worklist.SignOff) ? await db.Tasks.InWorklist(db, actor, Worklist.SignOff).CountAsync(ct).ConfigureAwait(false) : 0;
        return new WorklistCounts(mineCount, review, sign, mineOverdue);
    }
}

/// <summary>Per-circuit cache of the navigation counts; handlers call <see cref="Invalidate"/> after a change.</summary>
public sealed class NavCounts(WorklistQueries queries, Infrastructure.CurrentUser currentUser)
{
    private WorklistCounts? _counts;

    public event Action? Changed;

    public async Task<WorklistCounts> GetAsync()
    {
        _counts ??= await queries.CountsAsync(await currentUser.GetAsync().ConfigureAwait(false)).ConfigureAwait(false);
        return _counts;
    }

    public void Invalidate()
    {
        _counts = null;
        Changed?.Invoke();
    }
}
