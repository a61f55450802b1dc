using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;

namespace RectificationTracker.Benchmarks.Infrastructure;

/// <summary>
/// Three real transitions through the service, as the three users would make them: the office approves
/// the review (待审核 → 待审签), the lead leader returns it (→ 整改中), the owning unit applies again with
/// a fresh evidence row (→ 待审核). The evidence row is written directly and counted in the time.
/// </summary>
public static class TransitionCycle
{
    private static readonly Dictionary<string, Actor> Actors = new(StringComparer.Ordinal);

    public static async Task<bool> RunAsync(BenchApp app, TaskWorkflowService workflow, int taskId)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(workflow);
        var factory = app.Service<IDbContextFactory<TrackerDbContext>>();
        long version;
        string leaderId;
        int unitId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var t = await db.Tasks.AsNoTracking().Where(x => x.Id == taskId)
                .Select(x => new { x.Version, x.LeadLeaderId, x.ResponsibleUnitId }).SingleAsync();
            (version, leaderId, unitId) = (t.Version, t.LeadLeaderId!, t.ResponsibleUnitId!.Value);
        }

        var office = await ActorAsync(app, "office");
        var leader = await LeaderAsync(app, leaderId);
        Ensure(await workflow.DecideAsync(office, new DecisionCommand { TaskId = taskId, Version = version, Action = TaskAction.ApproveReview, Comment = "同意" }));
        Ensure(await workflow.DecideAsync(leader, new DecisionCommand { TaskId = taskId, Version = version + 1, Action = TaskAction.ReturnFromSignOff, Comment = "请补充材料" }));

        int evidenceId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var last = await db.EvidenceFiles.AsNoTracking().Where(e => e.TaskId == taskId).OrderByDescending(e => e.Id).FirstAsync();
            var file = new EvidenceFile
            {
                TaskId = taskId,
                FileName = last.FileName,
                ContentType = last.ContentType,
                Kind = last.Kind,
                Size = last.Size,
                Sha256 = last.Sha256,
                UploadedAtUtc = DateTime.UtcNow,
                UploadedById = "bench",
                UploadedByName = "bench",
            };
            db.EvidenceFiles.Add(file);
            await db.SaveChangesAsync();
            evidenceId = file.Id;
        }

        var owner = new Actor("bench-owner", "bench", new HashSet<Role> { Role.Unit }, unitId,
            await UnitPathAsync(factory, unitId));
        Ensure(await workflow.ApplyForClosureAsync(owner, new ApplyForClosureCommand
        {
            TaskId = taskId,
            Version = version + 2,
            Summary = "已补充材料",
            EvidenceIds = [evidenceId],
        }));
        return true;
    }

    private static void Ensure(Web.Features.Common.Result result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Transition failed: " + result.Message);
        }
    }

    private static async Task<Actor> ActorAsync(BenchApp app, string userName)
    {
        if (!Actors.TryGetValue(userName, out var actor))
        {
            actor = await app.ActorAsync(userName);
            Actors[userName] = actor;
        }

        return actor;
    }

    private static async Task<Actor> LeaderAsync(BenchApp app, string userId)
    {
        foreach (var name in new[] { "leader", "leader2", "leader3", "countyleader" })
        {
            var a = await ActorAsync(app, name);
            if (a.UserId == userId)
            {
                return a;
            }
        }

        throw new InvalidOperationException("The task's lead leader is not a demo leader.");
    }

    private static async Task<string> UnitPathAsync(IDbContextFactory<TrackerDbContext> factory, int unitId)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleAsync();
    }
}
