using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Features.Urging;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Dashboard;

/// <summary>
/// The demo data plus two generated rounds (city and county) of tasks that live through the real domain
/// transitions, chosen so every state, light and category occurs, with deadlines from 20 days before to 20 days
/// after <see cref="Base"/>, progress reports just after and just before local midnight, tasks without a deadline,
/// unit or lead leader, reopened tasks (some closed again under a second signed application), outcomes with
/// and rules made and revised. A clock the tests move (<see cref="SetToday"/>).
/// </summary>
public sealed class FiguresWorld : TrackerFactory
{
    /// <summary>The local date the generated campaign is built around.</summary>
    public static readonly DateOnly Base = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _built;

    public MovableTime Time { get; } = new() { Now = At(Base, 10) };

    public Clock Clock => Services.GetRequiredService<Clock>();

    /// <summary>Sets the clock to 10:00 local time on <paramref name="date"/>.</summary>
    public void SetToday(DateOnly date) => Time.Now = At(date, 10);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>Adds the generated rounds once.</summary>
    public async Task EnsureCampaignAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (_built)
            {
                return;
            }

            var office = await ActorAsync("office");
            var county = await ActorAsync("countyoffice");
            Actor[] cityLeaders = [await ActorAsync("leader"), await ActorAsync("leader2"), await ActorAsync("leader3")];
            await AddRoundAsync("口径核对第一轮巡察", office, cityLeaders, 260, 0);
            await AddRoundAsync("口径核对第二轮巡察", county, [await ActorAsync("countyleader")], 90, 1);
            _built = true;
        }
        finally
        {
            _once.Release();
        }
    }

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) =>
        new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    private static DateTime Utc(DateOnly date, int hour, int minute = 0) => At(date, hour, minute).UtcDateTime;

    private async Task AddRoundAsync(string name, Actor office, Actor[] leaders, int count, int seed)
    {
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<EvidenceStore>();
        using var pdf = new MemoryStream(DemoEvidenceFiles.Pdf("口径核对佐证材料", ["用于核对看板口径的佐证材料。"]));
        var blob = (await store.SaveAsync(pdf)).Value!;
        await using var db = await Db.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var officeUnit = await db.Units.SingleAsync(u => u.Id == office.UnitId);
        var units = await db.Units.Where(u => u.Path.StartsWith(officeUnit.Path) && u.Kind == UnitKind.Department && u.IsActive)
            .OrderBy(u => u.Path).ToListAsync();
        var start = Base.AddDays(-120);
        var round = new InspectionRound
        {
            Name = name,
            Kind = (RoundKind)0,
            InspectingBody = "第九巡察组",
            OfficeUnit = officeUnit,
            InspectionStart = start.AddDays(-60),
            InspectionEnd = start.AddDays(-20),
            FeedbackDate = start,
            RectificationDeadline = start.AddDays(180),
            CreatedAtUtc = Utc(start, 9),
            CreatedById = office.UserId,
            InspectedUnits = [new RoundInspectedUnit { UnitId = officeUnit.Id }],
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();

        var tasks = new List<RectificationTask>();
        var problemNo = 0;
        for (var a = 1; tasks.Count < count; a++)
        {
            var aspect = new Aspect { RoundId = round.Id, Ordinal = a, Title = $"核对方面{a}" };
            round.Aspects.Add(aspect);
            for (var p = 0; p < 8 && tasks.Count < count; p++)
            {
                problemNo++;
                var problem = new Problem { RoundId = round.Id, Number = problemNo, Title = $"问题{problemNo}", Text = $"问题{problemNo}的具体表现。" };
                aspect.Problems.Add(problem);

                // One to four tasks a problem, so some problems close entirely and others do not.
                for (var t = 1; t <= 1 + ((problemNo + seed) % 4) && tasks.Count < count; t++)
                {
                    var i = tasks.Count + seed;
                    var unit = units[(i * 7) % units.Count];
                    var leader = leaders[i % leaders.Length];
                    var category = (i % 10) switch { < 3 => TaskCategory.Immediate, < 8 => TaskCategory.Deadline, _ => TaskCategory.LongTerm };
                    var task = new RectificationTask
                    {
                        Round = round,
                        Number = t,
                        Measure = $"核对整改措施{i}:" + new string('措', i % 3 == 0 ? 120 : 10),
                        Category = category,
                        LeadLeaderId = leader.UserId,
                        LeadLeaderName = leader.Name,
                        ResponsibleUnit = unit,
                        ResponsibleUnitId = unit.Id,
                        ResponsiblePersonName = unit.Name + "负责人",
                        Deadline = category == TaskCategory.LongTerm && i % 4 == 0 ? null : Base.AddDays(((i * 11) % 41) - 20),
                        CreatedAtUtc = Utc(start.AddDays(1), 10),
                    };
                    problem.Tasks.Add(task);
                    tasks.Add(task);
                }
            }
        }

        await db.SaveChangesAsync();
        var entries = new List<HistoryEntry>
        {
            HistoryEntry.For(HistoryEntities.Round, round.Id, office, round.CreatedAtUtc, HistoryActions.Create, details: round.Name, roundId: round.Id),
        };
        foreach (var task in tasks)
        {
            Live(task, tasks.IndexOf(task) + seed, office, leaders, blob, entries);
        }

        db.History.AddRange(entries.OrderBy(e => e.AtUtc));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    /// <summary>One task's life by its index: registered (some without unit and leader), in progress, waiting, closed, reopened.</summary>
    private static void Live(RectificationTask task, int i, Actor office, Actor[] leaders, StoredBlob blob, List<HistoryEntry> entries)
    {
        var registered = task.CreatedAtUtc;
        entries.Add(HistoryEntry.ForTask(task, office, registered, HistoryActions.Register, null, TaskState.Registered, null, details: task.Measure));
        var kind = i % 20;
        if (kind == 0)
        {
            if (i % 40 == 0)
            {
                // Not yet decided: no unit, no lead leader, no deadline.
                task.ResponsibleUnit = null;
                task.ResponsibleUnitId = null;
                task.LeadLeaderId = null;
                task.LeadLeaderName = null;
                task.Deadline = null;
            }

            return;
        }

        var scope = TaskScoping.ScopeOf(task);
        var owner = new Actor("figures-owner-" + task.ResponsibleUnitId, task.ResponsibleUnit!.Name + "联络员",
            new HashSet<Role> { Role.Unit }, task.ResponsibleUnitId!.Value, task.ResponsibleUnit.Path);
        var leader = leaders.First(l => l.UserId == task.LeadLeaderId);
        entries.Add(task.Assign(office, scope, registered.AddDays(2)));

        // The last progress on one of 30 days before Base, just after or just before local midnight.
        var progressDay = Base.AddDays(-(i % 30));
        var progressAt = i % 2 == 0 ? Utc(progressDay, 0, 5) : Utc(progressDay, 23, 55);
        if (kind is >= 1 and <= 8)
        {
            Progress(task, owner, scope, progressAt, entries);
            if (kind == 5)
            {
                task.Deadline = null; // a deadline taken back after assignment
            }

            return;
        }

        Progress(task, owner, scope, Utc(Base.AddDays(-60), 12), entries);
        Apply(task, owner, scope, blob, Utc(Base.AddDays(-40 + (i % 7)), 11), i, entries);
        if (kind is 9 or 10)
        {
            return; // awaiting review
        }

        if (kind == 19)
        {
            entries.Add(task.ReturnFromReview(office, scope, "佐证材料不完整,请补充。", Utc(Base.AddDays(-35), 11)));
            Progress(task, owner, scope, progressAt, entries);
            return;
        }

        entries.Add(task.ApproveReview(office, scope, "同意提交审签。", Utc(Base.AddDays(-34), 11)));
        if (kind == 11)
        {
            return; // awaiting sign-off
        }

        // Closed on one of 25 days before Base: before or after the deadline.
        var closedOn = Base.AddDays(-(i % 25) - 1);
        entries.Add(task.SignOff(leader, scope, "同意销号。", Utc(closedOn, 15), closedOn));
        if (kind is 17 or 18)
        {
            entries.Add(task.Reopen(office, scope, "回头看发现问题反弹,重新挂账。", Utc(closedOn, 18)));
            if (kind == 17)
            {
                Progress(task, owner, scope, progressAt > Utc(closedOn, 18) ? progressAt : Utc(closedOn, 19), entries);
            }
            else
            {
                Progress(task, owner, scope, Utc(closedOn, 19), entries);
                // Closed again under a second application: its outcome is the one counted.
                Apply(task, owner, scope, blob, Utc(closedOn, 20), i + 3, entries);
                entries.Add(task.ApproveReview(office, scope, null, Utc(closedOn, 21)));
                entries.Add(task.SignOff(leader, scope, null, Utc(closedOn, 22), closedOn));
            }
        }
    }

    private static void Progress(RectificationTask task, Actor owner, TaskScope scope, DateTime at, List<HistoryEntry> entries)
    {
        var text = "已按整改方案推进,完成阶段性工作。";
        var date = DateOnly.FromDateTime(at.AddHours(8));
        task.RecordProgress(owner, scope, new ProgressUpdate { Date = date, Text = text, AuthorId = owner.UserId, AuthorName = owner.Name, CreatedAtUtc = at }, at);
        entries.Add(HistoryEntry.ForTask(task, owner, at, HistoryActions.Progress, null, null, null, details: text));
    }

    private static void Apply(RectificationTask task, Actor owner, TaskScope scope, StoredBlob blob, DateTime at, int i, List<HistoryEntry> entries)
    {
        var file = new EvidenceFile
        {
            FileName = $"问题{task.Problem!.Number}-{task.Number}佐证材料{i}.pdf",
            ContentType = FileSniffer.Pdf.ContentType,
            Kind = FileSniffer.Pdf.Kind,
            Size = blob.Size,
            Sha256 = blob.Sha256,
            UploadedAtUtc = at.AddMinutes(-10),
            UploadedById = owner.UserId,
            UploadedByName = owner.Name,
        };
        task.AddEvidence(owner, scope, file);
        entries.Add(HistoryEntry.For(HistoryEntities.Evidence, null, owner, file.UploadedAtUtc, HistoryActions.Upload,
            details: EvidenceNames.Describe(file.FileName, blob.Size, blob.Sha256), roundId: task.RoundId, taskId: task.Id));
        var application = new ClosureApplication
        {
            Summary = "已完成整改任务。",
            FundsRecoveredWan = i % 3 == 0 ? 0.25m * (i % 11) : 0m,
            PeopleHeldAccountable = i % 4,
            Evidence = [file],
        };
        for (var r = 0; r < i % 3; r++)
        {
            application.RulesMade.Add(new RuleMade { Title = $"制度{i}-{r}", IsRevision = (i + r) % 2 == 0 });
        }

        entries.Add(task.ApplyForClosure(owner, scope, application, at));
    }
}

[CollectionDefinition(Name)]
public sealed class FiguresWorldGroup : ICollectionFixture<FiguresWorld>
{
    public const string Name = "figures world";
}
