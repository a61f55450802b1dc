using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Data.Seed;

/// <summary>
/// Loads two demo campaigns so that every page has something real to show (idempotent: does nothing
/// once any round exists):
/// <list type="bullet">
/// <item>Round A, the 回头看 of seed document 003 run by 东岭县人民检察院: its feedback text is parsed into
/// 5 aspects and 14 problems, each problem gets 1–2 tasks;</item>
/// <item>Round B, a city round by 市委第二巡察组 over the city procuratorate and its nine counties:
/// 5 aspects, 40 problems, 61 tasks.</item>
/// </list>
/// Dates are relative to today so the demo always looks live. Every state is reached by walking the
/// real transitions of <see cref="RectificationTask"/> with the demo users as actors, in the past, and
/// every transition, progress report and upload is appended to the history chain in time order.
/// Evidence files are real (small PDF and PNG) and stored in the evidence store.
/// </summary>
public sealed class DemoCampaignSeeder(
    IDbContextFactory<TrackerDbContext> dbFactory,
    EvidenceStore evidenceStore,
    Clock clock,
    ILogger<DemoCampaignSeeder> logger)
{
    private const string FeedbackResource = "feedback-003.txt";

    public async Task SeedAsync(IReadOnlyDictionary<string, int> units, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(units);
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        if (await db.Rounds.AnyAsync(ct).ConfigureAwait(false))
        {
            logger.LogInformation("Demo campaigns skipped: rounds already exist");
            return;
        }

        var people = await LoadPeopleAsync(db, ct).ConfigureAwait(false);
        var unitRows = await db.Units.ToDictionaryAsync(u => u.Id, ct).ConfigureAwait(false);
        var writer = new CampaignWriter(db, clock, evidenceStore, units, unitRows, people);
        var outline = FeedbackParser.Parse(ReadFeedbackDocument());

        // Three saves in one transaction: rounds (ids for the problems), issue lists (ids for the
        // history records), then the lives of the tasks with the whole history, sealed in time order.
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var roundA = writer.AddRoundA(outline);
        var roundB = writer.AddRoundB();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        writer.AddIssueListA(roundA, outline);
        writer.AddIssueListB(roundB);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await writer.PlayAsync(ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);

        logger.LogInformation("Demo campaigns seeded in {Elapsed} ms: {Tasks} tasks, {History} history records, {Files} evidence files",
            watch.ElapsedMilliseconds, writer.TaskCount, writer.HistoryCount, writer.FileCount);
    }

    /// <summary>The feedback document of round A, embedded in the assembly (a copy of seed 003).</summary>
    internal static string ReadFeedbackDocument()
    {
        var assembly = typeof(DemoCampaignSeeder).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(FeedbackResource, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Embedded resource " + FeedbackResource + " is missing.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The demo users as actors, by user name: two queries, no Identity calls.</summary>
    internal static async Task<Dictionary<string, Actor>> LoadPeopleAsync(TrackerDbContext db, CancellationToken ct)
    {
        var names = DemoOrganisation.Accounts.Select(a => a.UserName).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => names.Contains(u.UserName!))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, u.Unit!.Path })
            .ToListAsync(ct).ConfigureAwait(false);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct).ConfigureAwait(false);
        var people = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var u in users)
        {
            var set = roles.Where(r => string.Equals(r.UserId, u.Id, StringComparison.Ordinal))
                .Select(r => Enum.TryParse<Role>(r.Name, out var role) ? role : (Role?)null)
                .OfType<Role>()
                .ToHashSet();
            people[u.UserName!] = new Actor(u.Id, u.DisplayName, set, u.UnitId, u.Path);
        }

        var missing = names.Where(n => !people.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Demo accounts missing: " + string.Join(", ", missing));
        }

        return people;
    }

    /// <summary>Builds the two rounds and then plays the life of each task.</summary>
    private sealed class CampaignWriter(
        TrackerDbContext db,
        Clock clock,
        EvidenceStore store,
        IReadOnlyDictionary<string, int> unitIds,
        Dictionary<int, OrgUnit> unitRows,
        Dictionary<string, Actor> people)
    {
        private readonly DateOnly _today = clock.Today;
        private readonly List<Planned> _tasks = [];
        private readonly List<HistoryEntry> _roundEntries = [];
        private int _reopens;
        private int _reviewReturns;
        private (RoundContext Ctx, List<Aspect> Aspects, DateTime At)? _pendingB;

        public int TaskCount => _tasks.Count;

        public int HistoryCount { get; private set; }

        public int FileCount { get; private set; }

        // ------------------------------------------------------------ rounds

        public RoundContext AddRoundA(FeedbackOutline outline)
        {
            var feedback = _today.AddDays(-60);
            var round = new InspectionRound
            {
                Name = DemoCampaignContent.RoundAName,
                Kind = RoundKind.LookBack,
                InspectingBody = DemoCampaignContent.RoundABody,
                OfficeUnit = Unit(DemoCampaignContent.County),
                InspectionStart = feedback.AddDays(-70),
                InspectionEnd = feedback.AddDays(-26),
                FeedbackDate = feedback,
                RectificationDeadline = _today.AddDays(120),
                Notes = string.Join("\n\n", outline.Notes),
                InspectedUnits = [new RoundInspectedUnit { UnitId = Unit(DemoCampaignContent.County).Id }],
            };
            return AddRound(round, Person("countyoffice"), Person("countyoffice"), Person("countyoffice"));
        }

        public RoundContext AddRoundB()
        {
            var feedback = _today.AddDays(-90);
            var round = new InspectionRound
            {
                Name = DemoCampaignContent.RoundBName,
                Kind = RoundKind.Regular,
                InspectingBody = DemoCampaignContent.RoundBBody,
                OfficeUnit = Unit(DemoOrganisation.RootName),
                InspectionStart = feedback.AddDays(-120),
                InspectionEnd = feedback.AddDays(-35),
                FeedbackDate = feedback,
                RectificationDeadline = _today.AddDays(90),
                Notes = DemoCampaignContent.RoundBNotes,
                InspectedUnits = [.. new[] { DemoOrganisation.RootName }.Concat(DemoOrganisation.Counties)
                    .Select(n => new RoundInspectedUnit { UnitId = Unit(n).Id })],
            };
            return AddRound(round, Person("office"), Person("office2"), Person("office2"));
        }

        private RoundContext AddRound(InspectionRound round, Actor office, Actor reviewer2, Actor clerk)
        {
            round.CreatedAtUtc = At(round.FeedbackDate.AddDays(1), 9, 30);
            round.CreatedById = office.UserId;
            db.Rounds.Add(round);
            return new RoundContext(round, office, reviewer2, clerk);
        }

        // ------------------------------------------------------------ issue lists

        public void AddIssueListA(RoundContext ctx, FeedbackOutline outline)
        {
            var problems = outline.Aspects.SelectMany(a => a.Problems).ToList();
            if (problems.Count != DemoCampaignContent.RoundATasks.Length)
            {
                throw new InvalidOperationException($"Seed 003 should have {DemoCampaignContent.RoundATasks.Length} problems, the parser found {problems.Count}.");
            }

            var round = ctx.Round;
            var at = At(round.FeedbackDate.AddDays(1), 10, 0);
            foreach (var parsed in outline.Aspects)
            {
                var aspect = new Aspect { RoundId = round.Id, Ordinal = parsed.Number, Title = parsed.Title };
                round.Aspects.Add(aspect);
                foreach (var p in parsed.Problems)
                {
                    var problem = new Problem
                    {
                        RoundId = round.Id,
                        Number = p.Ordinal,
                        Title = p.Title,
                        Text = p.Text,
                        SourceExcerpt = p.SourceExcerpt,
                    };
                    aspect.Problems.Add(problem);
                    AddTasks(ctx, problem, DemoCampaignContent.RoundATasks[p.Ordinal - 1], DemoCampaignContent.County);
                }
            }

            _roundEntries.Add(HistoryEntry.For(HistoryEntities.Round, round.Id, ctx.Office, round.CreatedAtUtc, HistoryActions.Create, details: Describe(round), roundId: round.Id));
            _roundEntries.Add(HistoryEntry.For(HistoryEntities.Round, round.Id, ctx.Office, at, HistoryActions.Import,
                details: $"导入反馈意见(feedback-003.txt):{outline.Aspects.Count} 个方面、{problems.Count} 个问题", roundId: round.Id));
        }

        public void AddIssueListB(RoundContext ctx)
        {
            var round = ctx.Round;
            var at = At(round.FeedbackDate.AddDays(1), 10, 0);
            _roundEntries.Add(HistoryEntry.For(HistoryEntities.Round, round.Id, ctx.Office, round.CreatedAtUtc, HistoryActions.Create, details: Describe(round), roundId: round.Id));
            var aspects = new List<Aspect>();
            for (var i = 0; i < DemoCampaignContent.RoundBAspects.Length; i++)
            {
                var aspect = new Aspect { RoundId = round.Id, Ordinal = i + 1, Title = DemoCampaignContent.RoundBAspects[i] };
                round.Aspects.Add(aspect);
                aspects.Add(aspect);
            }

            var number = 0;
            foreach (var spec in DemoCampaignContent.RoundBProblems)
            {
                number++;
                var problem = new Problem
                {
                    RoundId = round.Id,
                    Number = number,
                    Title = spec.Title,
                    Text = spec.Title + "。" + spec.Detail,
                };
                aspects[spec.Aspect - 1].Problems.Add(problem);
                AddTasks(ctx, problem, spec.Tasks, spec.Unit);
            }

            // The aspects and problems get ids in the next save; their records are made in PlayAsync.
            _pendingB = (ctx, aspects, at);
        }

        private void AddTasks(RoundContext ctx, Problem problem, DemoTask[] specs, string inspectedUnit)
        {
            var n = 0;
            foreach (var spec in specs)
            {
                n++;
                var index = _tasks.Count;
                var unit = Unit(spec.Unit);
                var leader = Person(spec.Leader);
                var personName = DemoCampaignContent.Persons.TryGetValue(spec.Unit, out var pn) ? pn : null;
                var person = personName is null ? null : people.Values.FirstOrDefault(a => a.Has(Role.Unit) && string.Equals(a.Name, personName, StringComparison.Ordinal));
                // Registered in the first days after the feedback (assignment follows from day 4 on).
                var registered = At(ctx.Round.FeedbackDate.AddDays(1 + (index % 3)), 14 + (index % 3), (index * 13) % 60);
                var task = new RectificationTask
                {
                    RoundId = ctx.Round.Id,
                    Round = ctx.Round,
                    Number = n,
                    Measure = Year(spec.Measure),
                    Category = spec.Category,
                    LeadLeaderId = leader.UserId,
                    LeadLeaderName = leader.Name,
                    ResponsibleUnit = unit,
                    ResponsibleUnitId = unit.Id,
                    ResponsiblePersonName = personName,
                    ResponsiblePersonId = person?.UserId,
                    Deadline = _today.AddDays(spec.DeadlineDays),
                    CreatedAtUtc = registered,
                };
                problem.Tasks.Add(task);
                _tasks.Add(new Planned(ctx, problem, task, spec, inspectedUnit, index, registered));
            }
        }

        // ------------------------------------------------------------ lives

        public async Task PlayAsync(CancellationToken ct)
        {
            var entries = new List<HistoryEntry>(_roundEntries);
            if (_pendingB is { } b)
            {
                var at = b.At;
                foreach (var aspect in b.Aspects)
                {
                    entries.Add(HistoryEntry.For(HistoryEntities.Aspect, aspect.Id, b.Ctx.Clerk, at, HistoryActions.CreateAspect,
                        details: aspect.OrdinalLabel + aspect.Title, roundId: b.Ctx.Round.Id));
                    at = at.AddMinutes(1);
                    foreach (var problem in aspect.Problems)
                    {
                        entries.Add(HistoryEntry.For(HistoryEntities.Problem, problem.Id, b.Ctx.Clerk, at, HistoryActions.CreateProblem,
                            details: $"问题{problem.Number}:{problem.Title}", roundId: b.Ctx.Round.Id));
                        at = at.AddMinutes(1);
                    }
                }
            }

            foreach (var planned in _tasks)
            {
                await PlayAsync(planned, entries, ct).ConfigureAwait(false);
            }

            // Appended in time order (the chain seals pending records by time); each new entry carries
            // a provisional negative id until it is sealed.
            foreach (var entry in entries.OrderBy(e => e.AtUtc))
            {
                if (entry.AtUtc >= clock.UtcNow)
                {
                    throw new InvalidOperationException("A demo history record lies in the future.");
                }

                db.History.Add(entry);
            }

            HistoryCount = entries.Count;
        }

        private async Task PlayAsync(Planned p, List<HistoryEntry> entries, CancellationToken ct)
        {
            var task = p.Task;
            var spec = p.Spec;
            var scope = TaskScoping.ScopeOf(task);
            var office = p.Ctx.Office;
            var reviewer = p.Index % 2 == 0 ? p.Ctx.Office : p.Ctx.Reviewer2;
            var leader = Person(spec.Leader);
            entries.Add(HistoryEntry.ForTask(task, p.Ctx.Clerk, p.Registered, HistoryActions.Register, null, TaskState.Registered, null,
                details: $"任务{task.Number}:{task.Measure}\n整改类型:{TaskNames.DisplayName(task.Category)};牵头领导:{task.LeadLeaderName};责任单位:{task.ResponsibleUnit!.Name};整改时限:{Iso(task.Deadline)}"));
            if (spec.Plan == DemoPlan.Registered)
            {
                return;
            }

            var steps = Steps(spec);
            var owner = steps.Exists(s => s is Step.Progress or Step.Apply) ? OwnerOf(task.ResponsibleUnit!) : null;
            var times = Schedule(p, steps);
            var progressTexts = new Queue<string>(spec.Progress.Select(Year));
            var attempt = 0;
            var returnAtSignOff = spec.People > 0;
            for (var i = 0; i < steps.Count; i++)
            {
                var t = times[i];
                switch (steps[i])
                {
                    case Step.Assign:
                        entries.Add(task.Assign(office, scope, t));
                        break;
                    case Step.Progress:
                    {
                        var text = progressTexts.Count > 0
                            ? progressTexts.Dequeue()
                            : DemoCampaignContent.ProgressPool[(p.Index + i) % DemoCampaignContent.ProgressPool.Length];
                        var update = new ProgressUpdate { Date = clock.LocalDate(t), Text = text, AuthorId = owner!.UserId, AuthorName = owner.Name };
                        if (i == 1 && p.Index % 2 == 0 && spec.Plan is DemoPlan.InProgress or DemoPlan.Stale)
                        {
                            // A photo sent with the first report.
                            var photo = await UploadAsync(p, owner!, ShortUnit(p) + "整改推进情况照片.png", text, t.AddMinutes(-5), entries, ct).ConfigureAwait(false);
                            update.Attachments.Add(photo);
                        }

                        task.RecordProgress(owner!, scope, update, t);
                        entries.Add(HistoryEntry.ForTask(task, owner!, t, HistoryActions.Progress, null, null, null, details: Truncate(text, 200)));
                        break;
                    }

                    case Step.Apply:
                    {
                        attempt++;
                        var application = NewApplication(p, attempt, t);
                        var names = EvidenceNames(p, attempt);
                        for (var f = 0; f < names.Count; f++)
                        {
                            var file = await UploadAsync(p, owner!, names[f], application.Summary, t.AddMinutes(-20 + (f * 5)), entries, ct).ConfigureAwait(false);
                            application.Evidence.Add(file);
                        }

                        entries.Add(task.ApplyForClosure(owner!, scope, application, t));
                        break;
                    }

                    case Step.Approve:
                        entries.Add(task.ApproveReview(reviewer, scope,
                            task.Category == TaskCategory.LongTerm ? "阶段性目标已完成,材料齐全,同意提交审签。" : "材料齐全,与整改台账核对一致,同意提交审签。", t));
                        break;
                    case Step.ReturnReview:
                        entries.Add(task.ReturnFromReview(reviewer, scope,
                            DemoCampaignContent.ReviewReturnReasons[_reviewReturns++ % DemoCampaignContent.ReviewReturnReasons.Length], t));
                        break;
                    case Step.SignOff:
                        entries.Add(task.SignOff(leader, scope,
                            task.Category == TaskCategory.LongTerm ? "同意阶段性销号,请持续抓好落实。" : "同意销号。", t, clock.LocalDate(t)));
                        break;
                    case Step.ReturnSignOff:
                        entries.Add(task.ReturnFromSignOff(leader, scope,
                            DemoCampaignContent.SignOffReturnReasons[returnAtSignOff ? 1 : 0], t));
                        break;
                    case Step.Reopen:
                        entries.Add(task.Reopen(office, scope,
                            DemoCampaignContent.ReopenReasons[_reopens++ % DemoCampaignContent.ReopenReasons.Length], t));
                        break;
                    default:
                        throw new InvalidOperationException("Unknown step " + steps[i]);
                }
            }
        }

        private enum Step { Assign, Progress, Apply, Approve, ReturnReview, SignOff, ReturnSignOff, Reopen }

        /// <summary>The transitions (and progress reports) that take a task to its planned state.</summary>
        private static List<Step> Steps(DemoTask spec)
        {
            var atSignOff = spec.People > 0;
            List<Step> steps = spec.Plan switch
            {
                DemoPlan.Assigned => [Step.Assign],
                DemoPlan.InProgress => [Step.Assign, Step.Progress, Step.Progress],
                DemoPlan.Stale => [Step.Assign, Step.Progress],
                DemoPlan.AwaitingReview => [Step.Assign, Step.Progress, Step.Apply],
                DemoPlan.AwaitingSignOff => [Step.Assign, Step.Progress, Step.Apply, Step.Approve],
                DemoPlan.Closed => [Step.Assign, Step.Progress, Step.Apply, Step.Approve, Step.SignOff],
                DemoPlan.ReturnedFromReview => [Step.Assign, Step.Progress, Step.Apply, Step.ReturnReview, Step.Progress],
                DemoPlan.ReturnedFromSignOff => [Step.Assign, Step.Progress, Step.Apply, Step.Approve, Step.ReturnSignOff],
                DemoPlan.ClosedAfterReturn => atSignOff
                    ? [Step.Assign, Step.Progress, Step.Apply, Step.Approve, Step.ReturnSignOff, Step.Progress, Step.Apply, Step.Approve, Step.SignOff]
                    : [Step.Assign, Step.Progress, Step.Apply, Step.ReturnReview, Step.Progress, Step.Apply, Step.Approve, Step.SignOff],
                DemoPlan.Reopened => [Step.Assign, Step.Progress, Step.Apply, Step.Approve, Step.SignOff, Step.Reopen],
                _ => [],
            };

            // A task with more progress texts than reports gets the extra reports early on.
            var extra = spec.Progress.Length - steps.Count(s => s == Step.Progress);
            for (var i = 0; i < extra; i++)
            {
                steps.Insert(1, Step.Progress);
            }

            return steps;
        }

        /// <summary>
        /// When each step happens: assignment a few days after the feedback, the last step some days
        /// ago depending on the plan (a stale task's last report more than 14 days ago), steps in
        /// between spread by weight (rectifying takes weeks, decisions take days), in working hours.
        /// </summary>
        private List<DateTime> Schedule(Planned p, List<Step> steps)
        {
            var spec = p.Spec;
            var i = p.Index;
            var start = p.Ctx.Round.FeedbackDate.AddDays(4 + (i % 4));
            var registered = clock.LocalDate(p.Registered);
            if (start <= registered)
            {
                start = registered.AddDays(1);
            }

            var daysAgo = spec.Plan switch
            {
                DemoPlan.Assigned => 0,
                DemoPlan.InProgress => 1 + (i % 9),
                DemoPlan.Stale => 16 + (i % 14),
                DemoPlan.AwaitingReview => 1 + (i % 6),
                DemoPlan.AwaitingSignOff => 1 + (i % 5),
                DemoPlan.Closed => 4 + ((i * 7) % 31),
                DemoPlan.ReturnedFromReview or DemoPlan.ReturnedFromSignOff => 2 + (i % 6),
                DemoPlan.ClosedAfterReturn => 3 + (i % 15),
                DemoPlan.Reopened => 2 + (i % 8),
                _ => 0,
            };
            var end = _today.AddDays(-daysAgo);
            if (spec.Plan is DemoPlan.Closed or DemoPlan.ClosedAfterReturn && p.Task.Deadline is { } deadline && deadline < end
                && deadline.DayNumber - start.DayNumber >= 10)
            {
                end = deadline; // closed on time
            }

            if (end.DayNumber - start.DayNumber < steps.Count)
            {
                end = start.AddDays(steps.Count);
            }

            var weights = steps.Select(s => s switch
            {
                Step.Assign => 0,
                Step.Progress or Step.Apply => 3,
                Step.Reopen => 4,
                _ => 1,
            }).ToList();
            var total = Math.Max(1, weights.Sum());
            var span = end.DayNumber - start.DayNumber;
            var times = new List<DateTime>(steps.Count);
            var cumulative = 0;
            var previous = DateTime.MinValue;
            for (var s = 0; s < steps.Count; s++)
            {
                cumulative += weights[s];
                var date = steps.Count == 1 ? start : start.AddDays(span * cumulative / total);
                var (hour, minute) = steps[s] switch
                {
                    Step.Assign => (9, 10),
                    Step.Progress => (15, 0),
                    Step.Apply => (16, 0),
                    Step.Approve or Step.ReturnReview => (10, 0),
                    Step.SignOff or Step.ReturnSignOff => (11, 0),
                    _ => (9, 30),
                };
                var t = At(date, hour, minute + ((i * 7) % 25));
                if (t <= previous.AddMinutes(30))
                {
                    t = previous.AddMinutes(37);
                }

                times.Add(t);
                previous = t;
            }

            return times;
        }

        private ClosureApplication NewApplication(Planned p, int attempt, DateTime at)
        {
            var spec = p.Spec;
            var summary = spec.Summary is { } s ? Year(s) : DefaultSummary(p);
            if (attempt > 1)
            {
                summary += spec.People > 0 ? "已按审签意见补充追责问责处理决定文书。" : "已按审核意见补充执行记录和跟踪回访材料。";
            }

            var issued = clock.LocalDate(at).AddDays(-2 - (p.Index % 5));
            return new ClosureApplication
            {
                Summary = summary,
                FundsRecoveredWan = spec.FundsWan,
                PeopleHeldAccountable = spec.People,
                AccountabilityKinds = spec.AccountabilityKinds,
                RulesMade = attempt > 1 ? [] : [.. spec.Rules.Select(r => new RuleMade { Title = r.Title, IsRevision = r.IsRevision, IssuedOn = issued })],
            };
        }

        private static string DefaultSummary(Planned p)
        {
            var spec = p.Spec;
            var text = spec.Category == TaskCategory.LongTerm
                ? $"阶段性整改目标已完成:{spec.Measure}。相关工作已纳入常态化管理,后续持续推进。"
                : $"已按整改措施完成整改:{spec.Measure}。整改过程材料已归档,佐证材料附后。";
            if (spec.FundsWan > 0)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"清退违规款项{spec.FundsWan:0.##}万元。");
            }

            if (spec.People > 0)
            {
                text += $"追责问责{spec.People}人({spec.AccountabilityKinds})。";
            }

            if (spec.Rules.Length > 0)
            {
                text += "建立完善制度:" + string.Join("、", spec.Rules.Select(r => r.Title + (r.IsRevision ? "(修订)" : "(新建)"))) + "。";
            }

            return text;
        }

        private List<string> EvidenceNames(Planned p, int attempt)
        {
            var names = p.Spec.Evidence.Length > 0
                ? p.Spec.Evidence.Select(Year).ToList()
                : DefaultEvidence(p);
            if (attempt == 1)
            {
                return names;
            }

            var first = names[0];
            var ext = Path.GetExtension(first);
            return [first[..^ext.Length] + "(补充材料)" + ext];
        }

        private static List<string> DefaultEvidence(Planned p)
        {
            var finding = p.Problem.Title.StartsWith(p.InspectedUnit, StringComparison.Ordinal)
                ? p.Problem.Title[p.InspectedUnit.Length..]
                : p.Problem.Title;
            var head = finding.Split(',', '、')[0];
            var names = new List<string> { $"{ShortUnit(p)}关于“{head}”问题的整改情况报告.pdf" };
            if (p.Index % 3 == 0)
            {
                names.Add($"{ShortUnit(p)}{head}整改现场照片.png");
            }

            return names;
        }

        /// <summary>Store the bytes of a demo file and add its row and upload record.</summary>
        private async Task<EvidenceFile> UploadAsync(Planned p, Actor actor, string fileName, string text, DateTime at,
            List<HistoryEntry> entries, CancellationToken ct)
        {
            var isPdf = fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
            var bytes = isPdf
                ? DemoEvidenceFiles.Pdf(Path.GetFileNameWithoutExtension(fileName),
                [
                    "单位:" + FullUnitName(p.Task.ResponsibleUnit!),
                    "巡察轮次:" + p.Ctx.Round.Name,
                    $"问题{p.Problem.Number}:{p.Problem.Title}",
                    $"整改任务:{p.Task.Measure}",
                    "情况说明:" + text,
                    $"责任人:{p.Task.ResponsiblePersonName ?? actor.Name}    报送日期:{clock.LocalDate(at).ToString("yyyy年M月d日", CultureInfo.InvariantCulture)}",
                ])
                : DemoEvidenceFiles.Png(fileName + "#" + p.Task.Id.ToString(CultureInfo.InvariantCulture));
            using var content = new MemoryStream(bytes);
            var saved = await store.SaveAsync(content, ct).ConfigureAwait(false);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("Storing demo evidence failed: " + saved.Outcome.Message);
            }

            var blob = saved.Value!;
            var type = isPdf ? FileSniffer.Pdf : FileSniffer.Png;
            var file = new EvidenceFile
            {
                FileName = fileName,
                ContentType = type.ContentType,
                Kind = type.Kind,
                Size = blob.Size,
                Sha256 = blob.Sha256,
                UploadedAtUtc = at,
                UploadedById = actor.UserId,
                UploadedByName = actor.Name,
            };
            p.Task.AddEvidence(actor, TaskScoping.ScopeOf(p.Task), file);
            entries.Add(HistoryEntry.For(HistoryEntities.Evidence, null, actor, at, HistoryActions.Upload,
                details: Features.Evidence.EvidenceNames.Describe(fileName, blob.Size, blob.Sha256), roundId: p.Task.RoundId, taskId: p.Task.Id));
            FileCount++;
            return file;
        }

        // ------------------------------------------------------------ helpers

        /// <summary>The demo unit user who owns a task of <paramref name="unit"/>: the closest one above it.</summary>
        private Actor OwnerOf(OrgUnit unit)
        {
            var owner = people.Values
                .Where(a => a.Has(Role.Unit) && a.InScope(unit.Path))
                .MaxBy(a => a.UnitPath.Length);
            return owner ?? throw new InvalidOperationException($"No demo unit user can act for {unit.Name}; plan its tasks as Registered or Assigned.");
        }

        private OrgUnit Unit(string key) =>
            unitIds.TryGetValue(key, out var id) && unitRows.TryGetValue(id, out var unit)
                ? unit
                : throw new InvalidOperationException("Demo unit not found: " + key);

        private Actor Person(string userName) =>
            people.TryGetValue(userName, out var actor) ? actor : throw new InvalidOperationException("Demo user not found: " + userName);

        private string FullUnitName(OrgUnit unit) =>
            unit.ParentId is { } parentId && unitRows.TryGetValue(parentId, out var parent) && parent.ParentId is not null
                ? parent.Name + unit.Name
                : unit.Name;

        /// <summary>"市院", "东岭县院": how the unit a problem was found in is called in file names.</summary>
        private static string ShortUnit(Planned p) =>
            string.Equals(p.InspectedUnit, DemoOrganisation.RootName, StringComparison.Ordinal)
                ? "市院"
                : p.InspectedUnit.Replace("人民检察院", "院", StringComparison.Ordinal);

        private DateTime At(DateOnly date, int hour, int minute) =>
            clock.StartOfLocalDayUtc(date).AddHours(hour).AddMinutes(minute);

        private string Year(string text) =>
            text.Replace("{年}", _today.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

        private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

        private static string Describe(InspectionRound r) => string.Join("\n",
            $"名称:{r.Name}", $"类型:{RoundKindNames.DisplayName(r.Kind)}", $"巡察组:{r.InspectingBody}",
            $"反馈日期:{Iso(r.FeedbackDate)}", $"整改期限:{Iso(r.RectificationDeadline)}",
            $"被巡察单位:{string.Join(",", r.InspectedUnits.Select(u => u.UnitId).Order())}");
    }

    /// <summary>A round being seeded and who runs it: the office assigns and reviews, the clerk registers.</summary>
    private sealed record RoundContext(InspectionRound Round, Actor Office, Actor Reviewer2, Actor Clerk);

    private sealed record Planned(RoundContext Ctx, Problem Problem, RectificationTask Task, DemoTask Spec, string InspectedUnit, int Index, DateTime Registered);
}
