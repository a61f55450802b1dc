using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Benchmarks.Infrastructure;

/// <summary>
/// Adds generated rounds of 500 tasks (5 aspects × 20 problems × 5 tasks) on top of the demo data. Every
/// task lives through the real domain methods, so states, applications, evidence rows and the history
/// (registered, assigned, progress, uploads, applications, reviews, returns, sign-offs, reopens) look
/// like a real campaign's. Two rounds in three are run by the city office over all its departments and
/// counties; the third by 东岭县院 over its own departments.
/// </summary>
public sealed class CampaignGenerator(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock, EvidenceStore store)
{
    public const int TasksPerRound = 500;
    private const int Aspects = 5;
    private const int ProblemsPerAspect = 20;
    private const int TasksPerProblem = TasksPerRound / (Aspects * ProblemsPerAspect);

    private static readonly string[] AspectTitles =
    [
        "贯彻落实党的路线方针政策和上级决策部署方面",
        "落实全面从严治党战略部署方面",
        "落实新时代党的组织路线方面",
        "落实巡察整改和主题教育整改方面",
        "履行检察职能和队伍建设方面",
    ];

    private static readonly string[] ProblemStems =
    [
        "理论学习中心组学习流于形式,研讨交流不够深入", "落实意识形态工作责任制不到位", "执行中央八项规定精神不严格",
        "公务接待管理不规范,审批手续不全", "政府采购程序不规范", "干部选拔任用程序执行不严格", "基层党组织换届不及时",
        "党费收缴使用管理不规范", "案件质量评查发现问题整改不彻底", "司法救助资金发放审核把关不严",
    ];

    private static readonly string[] MeasureStems =
    [
        "制定专项整改方案,明确责任分工和完成时限", "开展专题学习研讨,形成学习记录和心得体会", "全面清理核查相关台账,逐项建立问题清单",
        "修订完善管理制度,堵塞制度漏洞", "对相关责任人进行提醒谈话,督促落实整改", "组织专项检查,对发现的问题即知即改",
    ];

    private readonly DateTime _now = clock.UtcNow;

    public async Task AddAsync(int tasks, CancellationToken ct)
    {
        if (tasks <= 0)
        {
            return;
        }

        Dictionary<string, Actor> people;
        List<OrgUnit> units;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            people = await DemoCampaignSeeder.LoadPeopleAsync(db, ct);
            units = await db.Units.AsNoTracking().Where(u => u.IsActive).ToListAsync(ct);
        }

        var root = units.Single(u => u.ParentId is null);
        var county = units.Single(u => u.Name == DemoOrganisation.Counties[0]);
        var cityUnits = units.Where(u => u.Kind == UnitKind.Department).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        var countyUnits = cityUnits.Where(u => u.Path.StartsWith(county.Path, StringComparison.Ordinal)).ToList();
        var blob = await StoreEvidenceBlobAsync(ct);
        int generated;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Growing an existing benchmark database: rounds are numbered on from the ones already there.
            generated = await db.Rounds.CountAsync(r => r.Name.StartsWith("基准测试"), ct);
        }

        var rounds = (tasks + TasksPerRound - 1) / TasksPerRound;
        for (var n = 0; n < rounds; n++)
        {
            var r = generated + n;
            var isCounty = r % 3 == 2;
            var plan = new RoundPlan(
                r,
                isCounty ? county : root,
                isCounty ? countyUnits : cityUnits,
                isCounty ? people["countyoffice"] : people["office"],
                isCounty ? [people["countyleader"]] : [people["leader"], people["leader2"], people["leader3"]],
                Math.Min(TasksPerRound, tasks - (n * TasksPerRound)));
            await AddRoundAsync(plan, blob, ct);
        }
    }

    private async Task<StoredBlob> StoreEvidenceBlobAsync(CancellationToken ct)
    {
        var bytes = DemoEvidenceFiles.Pdf("整改佐证材料", ["基准测试生成的佐证材料。"]);
        using var content = new MemoryStream(bytes);
        var saved = await store.SaveAsync(content, ct);
        return saved.Value ?? throw new InvalidOperationException("Storing the benchmark evidence failed: " + saved.Outcome.Message);
    }

    private async Task AddRoundAsync(RoundPlan plan, StoredBlob blob, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var office = await db.Units.SingleAsync(u => u.Id == plan.OfficeUnit.Id, ct);
        var unitRows = await db.Units.Where(u => u.Path.StartsWith(office.Path)).ToDictionaryAsync(u => u.Id, ct);

        var feedback = clock.Today.AddDays(-(40 + (plan.Index * 11 % 320)));
        var number = (plan.Index + 1).ToString(CultureInfo.InvariantCulture);
        var round = new InspectionRound
        {
            Name = $"基准测试第{number}轮巡察",
            Kind = (RoundKind)(plan.Index % 5),
            InspectingBody = $"第{ChineseNumber(plan.Index)}巡察组",
            OfficeUnit = office,
            InspectionStart = feedback.AddDays(-60),
            InspectionEnd = feedback.AddDays(-20),
            FeedbackDate = feedback,
            RectificationDeadline = feedback.AddDays(180),
            CreatedAtUtc = At(feedback, 9),
            CreatedById = plan.Office.UserId,
            InspectedUnits = [new RoundInspectedUnit { UnitId = office.Id }],
        };
        db.Rounds.Add(round);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct); // the round's id for its problems

        var tasks = new List<RectificationTask>(plan.Tasks);
        var problemNo = 0;
        for (var a = 0; a < Aspects && tasks.Count < plan.Tasks; a++)
        {
            var aspect = new Aspect { RoundId = round.Id, Ordinal = a + 1, Title = AspectTitles[a] };
            round.Aspects.Add(aspect);
            for (var p = 0; p < ProblemsPerAspect && tasks.Count < plan.Tasks; p++)
            {
                problemNo++;
                var stem = ProblemStems[(problemNo + plan.Index) % ProblemStems.Length];
                var problem = new Problem
                {
                    RoundId = round.Id,
                    Number = problemNo,
                    Title = stem,
                    Text = $"{stem}。一是相关工作部署不够具体;二是督促检查不够有力;三是问题{problemNo}涉及的制度执行存在短板。",
                };
                aspect.Problems.Add(problem);
                for (var t = 1; t <= TasksPerProblem && tasks.Count < plan.Tasks; t++)
                {
                    var i = tasks.Count;
                    var unit = unitRows[plan.Units[(i * 7 + plan.Index) % plan.Units.Count].Id];
                    var leader = plan.Leaders[i % plan.Leaders.Count];
                    var category = (i % 10) switch { < 3 => TaskCategory.Immediate, < 9 => TaskCategory.Deadline, _ => TaskCategory.LongTerm };
                    var task = new RectificationTask
                    {
                        Round = round,
                        Number = t,
                        Measure = MeasureStems[(i + t) % MeasureStems.Length] + $"(问题{problemNo}第{t}项)",
                        Category = category,
                        LeadLeaderId = leader.UserId,
                        LeadLeaderName = leader.Name,
                        ResponsibleUnit = unit,
                        ResponsibleUnitId = unit.Id,
                        ResponsiblePersonName = unit.Name + "负责人",
                        Deadline = category == TaskCategory.Immediate ? feedback.AddDays(30) : feedback.AddDays(60 + (i % 12 * 15)),
                        CreatedAtUtc = At(feedback.AddDays(1), 10),
                    };
                    if (i % 4 == 0)
                    {
                        var other = plan.Units[(i * 3 + 1) % plan.Units.Count];
                        if (other.Id != unit.Id)
                        {
                            task.CooperatingUnits.Add(new TaskCooperatingUnit { UnitId = other.Id, Unit = unitRows[other.Id] });
                        }
                    }

                    problem.Tasks.Add(task);
                    tasks.Add(task);
                }
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct); // ids for the history records

        var entries = new List<HistoryEntry>
        {
            HistoryEntry.For(HistoryEntities.Round, round.Id, plan.Office, round.CreatedAtUtc, HistoryActions.Create, details: round.Name, roundId: round.Id),
        };
        for (var i = 0; i < tasks.Count; i++)
        {
            Live(tasks[i], i, plan, blob, entries);
        }

        db.History.AddRange(entries.OrderBy(e => e.AtUtc));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>One task's life, chosen by its index: 1 in 20 registered, most in progress, some waiting, a third closed.</summary>
    private void Live(RectificationTask task, int i, RoundPlan plan, StoredBlob blob, List<HistoryEntry> entries)
    {
        var scope = TaskScoping.ScopeOf(task);
        var owner = new Actor("bench-owner-" + task.ResponsibleUnitId!.Value.ToString(CultureInfo.InvariantCulture),
            task.ResponsibleUnit!.Name + "联络员", new HashSet<Role> { Role.Unit }, task.ResponsibleUnitId.Value, task.ResponsibleUnit.Path);
        var leader = plan.Leaders.First(l => l.UserId == task.LeadLeaderId);
        var start = task.CreatedAtUtc;
        entries.Add(HistoryEntry.ForTask(task, plan.Office, start, HistoryActions.Register, null, TaskState.Registered, null, details: task.Measure));
        var kind = i % 20;
        if (kind == 0)
        {
            return;
        }

        // Spread the steps between registration and now.
        var span = (_now - start).TotalMinutes;
        DateTime Step(double fraction) => start.AddMinutes(span * fraction);
        entries.Add(task.Assign(plan.Office, scope, Step(0.05)));
        Progress(task, owner, scope, Step(0.2), entries);
        if (kind is >= 1 and <= 8)
        {
            if (kind % 2 == 0)
            {
                Progress(task, owner, scope, Step(0.5), entries);
            }

            return;
        }

        Apply(task, owner, scope, blob, Step(0.4), entries);
        if (kind is 9 or 10)
        {
            return;
        }

        if (kind == 19)
        {
            entries.Add(task.ReturnFromReview(plan.Office, scope, "佐证材料不完整,请补充相关制度文件。", Step(0.45)));
            Progress(task, owner, scope, Step(0.6), entries);
            return;
        }

        entries.Add(task.ApproveReview(plan.Office, scope, "材料齐全,同意提交审签。", Step(0.5)));
        if (kind == 11)
        {
            return;
        }

        entries.Add(task.SignOff(leader, scope, "同意销号。", Step(0.6), clock.LocalDate(Step(0.6))));
        if (kind == 18)
        {
            entries.Add(task.Reopen(plan.Office, scope, "回头看发现问题反弹,重新挂账。", Step(0.8)));
            Progress(task, owner, scope, Step(0.9), entries);
        }
    }

    private void Progress(RectificationTask task, Actor owner, TaskScope scope, DateTime at, List<HistoryEntry> entries)
    {
        var text = "已按整改方案推进,完成阶段性工作,相关材料已归档。";
        task.RecordProgress(owner, scope, new ProgressUpdate { Date = clock.LocalDate(at), Text = text, AuthorId = owner.UserId, AuthorName = owner.Name, CreatedAtUtc = at }, at);
        entries.Add(HistoryEntry.ForTask(task, owner, at, HistoryActions.Progress, null, null, null, details: text));
    }

    private static void Apply(RectificationTask task, Actor owner, TaskScope scope, StoredBlob blob, DateTime at, List<HistoryEntry> entries)
    {
        var file = new EvidenceFile
        {
            FileName = $"问题{task.Problem!.Number}-{task.Number}整改佐证材料.pdf",
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
            Summary = "已完成整改任务,建立长效机制,相关佐证材料已上传。",
            FundsRecoveredWan = task.Id % 7 == 0 ? 1.5m : 0m,
            PeopleHeldAccountable = task.Id % 11 == 0 ? 1 : 0,
            Evidence = [file],
        };
        entries.Add(task.ApplyForClosure(owner, scope, application, at));
    }

    private DateTime At(DateOnly date, int hour) => clock.StartOfLocalDayUtc(date).AddHours(hour);

    private static string ChineseNumber(int index) => Domain.Common.ChineseNumerals.Format((index % 99) + 1);

    private sealed record RoundPlan(int Index, OrgUnit OfficeUnit, List<OrgUnit> Units, Actor Office, List<Actor> Leaders, int Tasks);
}
