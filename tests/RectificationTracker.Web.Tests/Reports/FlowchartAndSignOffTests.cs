using System.Net;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>巡察整改工作流程图 and 销号审签单, read back from the PDF and the page.</summary>
[Collection(ReportsFixture.Name)]
public sealed class FlowchartAndSignOffTests(ReportsApp app)
{
    [Fact]
    public async Task The_flowchart_pdf_and_page_show_the_databases_counts_for_the_round()
    {
        var roundId = await app.RoundIdAsync("市委第二巡察组");
        await using var db = await app.Db.CreateDbContextAsync();
        var tasks = db.Tasks.Where(t => t.RoundId == roundId);
        var byState = await tasks.GroupBy(t => t.State).ToDictionaryAsync(g => g.Key, g => g.Count());
        var problems = await tasks.Select(t => t.ProblemId).Distinct().CountAsync();
        var units = await tasks.Select(t => t.ResponsibleUnitId).Distinct().CountAsync();
        var ids = await tasks.Select(t => (int?)t.Id).ToListAsync();
        var returns = await db.History.CountAsync(h => h.EntityType == "Task" && ids.Contains(h.TaskId) && h.Action == nameof(TaskAction.ReturnFromReview));
        var reopened = await db.History.CountAsync(h => h.EntityType == "Task" && ids.Contains(h.TaskId) && h.Action == nameof(TaskAction.Reopen));
        Assert.True(byState.Count >= 4, "the demo round should have tasks in most states");
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.FlowchartUrl(roundId, null));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/flowchart?round={roundId}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, pdf.Pages);
        var text = pdf.Compact;
        var expected = new[]
        {
            $"反馈问题{problems}个", $"任务清单{ids.Count}项", $"责任清单{units}个单位",
            $"待交办{byState.GetValueOrDefault(TaskState.Registered)}项", $"整改中{byState.GetValueOrDefault(TaskState.InProgress)}项",
            $"待审核{byState.GetValueOrDefault(TaskState.AwaitingReview)}项", $"待审签{byState.GetValueOrDefault(TaskState.AwaitingSignOff)}项",
            $"已销号{byState.GetValueOrDefault(TaskState.Closed)}项", $"审核退回{returns}次", $"重新挂账{reopened}次", $"任务合计{ids.Count}项",
        };
        foreach (var fact in expected)
        {
            Assert.Contains(fact, text, StringComparison.Ordinal);
            Assert.Contains(fact, PdfText.Squeeze(System.Text.RegularExpressions.Regex.Replace(page, "<[^>]*>", "")), StringComparison.Ordinal);
        }

        Assert.Contains("巡察整改工作流程图", text, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("第1页/共1页", text, StringComparison.Ordinal);
        Assert.Contains(await app.HistoryAsync(), h => h.EntityType == "Report" && h.Action == "Download" && h.RoundId == roundId
            && h.Details!.Contains("流程图", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_of_another_unit_gets_neither_the_flowchart_of_a_city_unit_nor_a_city_tasks_sign_off_sheet()
    {
        var cityUnit = await app.UnitIdAsync("第一检察部");
        await using var db = await app.Db.CreateDbContextAsync();
        var cityTask = await db.Tasks.Where(t => t.ResponsibleUnit!.Name == "第一检察部" && t.Applications.Count > 0).Select(t => t.Id).FirstAsync();
        var west = await app.ActorAsync("westcounty");
        using var client = await app.SignedInClientAsync("westcounty");

        using var flowchart = await client.GetAsync(ReportEndpoints.FlowchartUrl(null, cityUnit));
        using var signOff = await client.GetAsync(ReportEndpoints.SignOffUrl(cityTask));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/flowchart?unit={cityUnit}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, flowchart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signOff.StatusCode);
        Assert.Contains(ReportOutcome.NotFoundMessage, page, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-flowchart", page, StringComparison.Ordinal);
        var history = await app.HistoryAsync();
        Assert.Contains(history, h => h.Action == "Denied" && h.EntityType == "Task" && h.EntityId == cityTask && h.ActorId == west.UserId);
        Assert.DoesNotContain(history, h => h.Action == "Download" && h.ActorId == west.UserId && h.TaskId == cityTask);
    }

    [Fact]
    public async Task The_sign_off_sheet_holds_the_task_the_summary_the_evidence_the_decisions_and_signature_lines()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var task = await db.Tasks.AsNoTracking().Include(t => t.Problem).Include(t => t.Evidence)
            .Include(t => t.Applications).ThenInclude(a => a.RulesMade)
            .Where(t => t.State == TaskState.Closed && t.Evidence.Count > 0 && t.Applications.Any(a => a.RulesMade.Count > 0))
            .OrderBy(t => t.Id).FirstAsync();
        var application = task.Applications.Single(a => a.SignOffApproved == true);
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.SignOffUrl(task.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"销号审签单-{task.Problem!.Number}-{task.Number}", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var pdf = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        var text = pdf.Compact;
        Assert.Contains("巡察反馈意见整改销号审签单", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(task.Problem.Title), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(task.Measure), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(application.Summary), text, StringComparison.Ordinal);
        Assert.Contains($"追责问责{application.PeopleHeldAccountable}人", text, StringComparison.Ordinal);
        Assert.Contains($"建章立制{application.RulesMade.Count}项", text, StringComparison.Ordinal);
        foreach (var rule in application.RulesMade)
        {
            Assert.Contains(PdfText.Squeeze(rule.Title.Trim('《', '》')), text, StringComparison.Ordinal);
        }

        foreach (var file in task.Evidence)
        {
            Assert.Contains(PdfText.Squeeze(file.FileName), text, StringComparison.Ordinal);
            Assert.Contains(EvidenceNames.ShortHash(file.Sha256), text, StringComparison.Ordinal);
            Assert.Contains(PdfText.Squeeze(EvidenceNames.SizeText(file.Size)), text, StringComparison.Ordinal);
        }

        Assert.Contains($"{application.ReviewerName}", text, StringComparison.Ordinal);
        Assert.Contains("审核通过", text, StringComparison.Ordinal);
        Assert.Contains("审签同意", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(application.SignerName!), text, StringComparison.Ordinal);
        Assert.Contains("牵头领导审签(签字)", text, StringComparison.Ordinal);
        Assert.Contains("巡察办审核人(签字)", text, StringComparison.Ordinal);
        Assert.Contains("责任单位负责人(签字)", text, StringComparison.Ordinal);
        Assert.Contains(await app.HistoryAsync(), h => h.EntityType == "Report" && h.Action == "Download" && h.TaskId == task.Id);
    }

    [Fact]
    public async Task The_task_page_offers_the_sign_off_sheet_once_closure_was_applied_for()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var applied = await db.Tasks.Where(t => t.Applications.Count > 0).Select(t => t.Id).FirstAsync();
        var notApplied = await db.Tasks.Where(t => t.Applications.Count == 0).Select(t => t.Id).FirstAsync();
        using var client = await app.SignedInClientAsync("office");

        var withSheet = await client.GetStringAsync(new Uri($"/tasks/{applied}", UriKind.Relative));
        var without = await client.GetStringAsync(new Uri($"/tasks/{notApplied}", UriKind.Relative));

        Assert.Contains($"href=\"{ReportEndpoints.SignOffUrl(applied)}\"", withSheet, StringComparison.Ordinal);
        Assert.DoesNotContain("signoff.pdf", without, StringComparison.Ordinal);
    }
}
