using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Intake;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Tasks.Edit;
using RectificationTracker.Web.Features.ThreeLists;
using RectificationTracker.Web.Tests.Infrastructure;
using RectificationTracker.Web.Tests.ThreeLists;
using static RectificationTracker.Web.Tests.Intake.IntakeTestSupport;

namespace RectificationTracker.Web.Tests.Features.Ledger;

/// <summary>
/// The ledger's default order — round, problem number, task number — is read from the task's own copy of its problem's
/// number (issue 14: the order is an index of the task table). These check that every way of adding a task keeps that
/// copy, so the order users see is the problem numbers' even where problems were entered out of number order, on the
/// page for a round, for a unit without sub-units (read in index order) and for a unit with sub-units.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class LedgerOrderTests(TrackerFactory app)
{
    private const string Aspect1 = "(一)贯彻落实上级决策部署不到位、不到底";
    private const string Problem1 = "对习近平新时代中国特色社会主义思想学习不全面、不系统";
    private const string NewAspect = "(六)新增方面:台账排序";

    [Fact]
    public async Task Tasks_are_listed_by_problem_number_whatever_order_the_problems_and_tasks_were_entered_in()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, "台账排序:问题号");
        var draft = await app.WithAsync<FeedbackIntakeService, Result<IntakeDraft>>(s => s.ReadAsync(office, roundId, Seed003()));
        Assert.True((await app.WithAsync<FeedbackIntakeService, Result<int>>(s => s.ConfirmAsync(office, roundId, draft.Value!))).Succeeded);
        // The three lists add problem 20 before problem 16 (so 20 has the smaller id), and 16's second task before its first.
        var sheet = SheetFiles.Build(
        [
            SheetFiles.Row(NewAspect, 20, "问题二十", 1, "措施二十之一", "限期整改", "李建国", "政治部", "", "", "2026-07-31"),
            SheetFiles.Row(NewAspect, 16, "问题十六", 2, "措施十六之二", "限期整改", "李建国", "政治部", "", "", "2026-07-31"),
            SheetFiles.Row(NewAspect, 16, "问题十六", 1, "措施十六之一", "限期整改", "李建国", "东岭县人民检察院/综合办公室", "", "", "2026-07-31"),
            SheetFiles.Row(Aspect1, 1, Problem1, 1, "措施一之一", "限期整改", "李建国", "政治部", "", "", "2026-07-31"),
        ]);
        var committed = await app.WithAsync<ThreeListService, ThreeListOutcome>(s => s.CommitAsync(office, roundId, new MemoryStream(sheet), "三个清单.xlsx"));
        Assert.True(committed.Committed, committed.Message);

        int politics, county, problem16, problem20;
        string leaderId;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            politics = await db.Units.Where(u => u.Name == "政治部" && u.ParentId == office.UnitId).Select(u => u.Id).SingleAsync();
            county = await db.Units.Where(u => u.Name == "东岭县人民检察院").Select(u => u.Id).SingleAsync();
            problem16 = await db.Problems.Where(p => p.RoundId == roundId && p.Number == 16).Select(p => p.Id).SingleAsync();
            problem20 = await db.Problems.Where(p => p.RoundId == roundId && p.Number == 20).Select(p => p.Id).SingleAsync();
            leaderId = await db.Tasks.Where(t => t.RoundId == roundId).Select(t => t.LeadLeaderId!).FirstAsync();
        }

        Assert.True(problem20 < problem16, "the sheet creates problem 20 first");
        // A task registered on the task form (by problem id) joins problem 16 as its third.
        var saved = await app.WithAsync<TaskEditHandler, Result<int>>(h => h.SaveAsync(office, new TaskForm
        {
            ProblemId = problem16, Measure = "措施十六之三", Category = TaskCategory.Deadline, LeadLeaderId = leaderId,
            ResponsibleUnitId = politics, Deadline = new DateTime(2026, 7, 31),
        }));
        Assert.True(saved.Succeeded, saved.Outcome.Message);

        var round = await PageAsync(office, new LedgerFilter { RoundId = roundId });
        Assert.Equal(["1-1", "16-1", "16-2", "16-3", "20-1"], round.Rows.Select(r => r.Code));
        Assert.Equal(5, round.Total);
        var reversed = await PageAsync(office, new LedgerFilter { RoundId = roundId, Descending = true });
        Assert.Equal(["20-1", "16-3", "16-2", "16-1", "1-1"], reversed.Rows.Select(r => r.Code));

        // A unit without sub-units: its tasks by equality, in the index's order, state included.
        var unit = await PageAsync(office, new LedgerFilter { RoundId = roundId, UnitId = politics });
        Assert.Equal(["1-1", "16-2", "16-3", "20-1"], unit.Rows.Select(r => r.Code));
        var unitInProgress = await PageAsync(office, new LedgerFilter { RoundId = roundId, UnitId = politics, State = TaskState.InProgress });
        Assert.Equal(["1-1", "16-2", "20-1"], unitInProgress.Rows.Select(r => r.Code));
        Assert.Equal(3, unitInProgress.Total);
        var registered = await PageAsync(office, new LedgerFilter { RoundId = roundId, UnitId = politics, State = TaskState.Registered });
        Assert.Equal(["16-3"], registered.Rows.Select(r => r.Code));
        // Page two of a unit's page of two rows.
        var second = await PageAsync(office, new LedgerFilter { RoundId = roundId, UnitId = politics, PageSize = 2, Page = 1 });
        Assert.Equal(["16-3", "20-1"], second.Rows.Select(r => r.Code));
        Assert.Equal(4, second.Total);

        // A unit with sub-units: the county's tasks include its offices'.
        var countyPage = await PageAsync(office, new LedgerFilter { RoundId = roundId, UnitId = county });
        Assert.Equal(["16-1"], countyPage.Rows.Select(r => r.Code));

        // The export (all rows) keeps the same order.
        var all = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(q => q.AllAsync(office, new LedgerFilter { RoundId = roundId, UnitId = politics }));
        Assert.Equal(["1-1", "16-2", "16-3", "20-1"], all.Select(r => r.Code));

        // Every task of the round carries its problem's number.
        await using var check = await app.Db.CreateDbContextAsync();
        var numbers = await check.Tasks.Where(t => t.RoundId == roundId).Select(t => new { t.ProblemNumber, t.Problem!.Number }).ToListAsync();
        Assert.All(numbers, n => Assert.Equal(n.Number, n.ProblemNumber));
    }

    private Task<LedgerResult> PageAsync(Domain.Organisation.Actor actor, LedgerFilter filter) =>
        app.WithAsync<LedgerQueries, LedgerResult>(q => q.PageAsync(actor, filter));
}
