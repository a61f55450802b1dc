using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Admin.Units;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>Issue 13, documents ready to file: closure summaries in the ledger, the bulletin's issuer and 第N期, no second person, discreet generated-by.</summary>
[Collection(ReportsFixture.Name)]
public sealed class FilingReadyDocumentTests(ReportsApp app)
{
    private DateOnly Today => app.Services.GetRequiredService<Clock>().Today;

    [Fact]
    public async Task A_closed_task_shows_its_signed_closure_summary_not_the_last_interim_note_and_long_term_tasks_their_stage()
    {
        var office = await app.ActorAsync("office");
        await using var db = await app.Db.CreateDbContextAsync();
        var closed = await db.Tasks.AsNoTracking().Where(t => t.State == TaskState.Closed && t.Category != TaskCategory.LongTerm)
            .Select(t => new { t.Id, t.RoundId, Summary = t.Applications.Where(a => a.SignOffApproved == true).OrderByDescending(a => a.Attempt).Select(a => a.Summary).First() })
            .FirstAsync();

        var rows = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(l => l.AllAsync(office, new LedgerFilter { RoundId = closed.RoundId }));

        Assert.Equal("【销号时整改完成情况】" + closed.Summary, rows.Single(r => r.Id == closed.Id).LatestProgress);
        Assert.All(rows.Where(r => r.Category == TaskCategory.LongTerm && r.State is not (TaskState.Registered or TaskState.Closed)),
            r => Assert.StartsWith($"【长期整改·当前阶段:{TaskNames.DisplayName(r.State)}】", r.LatestProgress, StringComparison.Ordinal));
        Assert.Equal("【阶段性销号】已建立长效机制(长期整改,持续推进)", LedgerProgressText.Of(TaskState.Closed, TaskCategory.LongTerm, "已建立长效机制", "仍在推进"));
    }

    [Fact]
    public async Task The_bulletin_names_the_configured_issuer_gets_an_issue_number_once_and_reprints_keep_it()
    {
        var admin = await app.ActorAsync("admin");
        var office = await app.ActorAsync("office");
        var issuer = "中共江城市人民检察院党组巡察整改工作领导小组办公室";
        var city = await app.Services.GetRequiredService<UnitDirectory>().FindAsync(office.UnitId);
        var saved = await app.WithAsync<UnitAdminService, Result>(s => s.UpdateAsync(admin, new UnitForm
        {
            Id = city!.Id, Name = city.Name, Kind = city.Kind, ParentId = city.ParentId, SortOrder = city.SortOrder, BulletinIssuer = issuer,
        }));
        Assert.True(saved.Succeeded, saved.Message);
        var asOf = Today.AddDays(-3);
        var request = new BulletinRequest(AsOf: asOf, Since: asOf.AddDays(-30));

        var first = await DocxTextAsync(office, request);
        var reprint = await DocxTextAsync(office, request);
        var pdf = await PdfTextAsync(office, request);
        var next = await DocxTextAsync(office, request with { Since = asOf.AddDays(-20) });
        var preview = await app.WithAsync<BulletinService, BulletinModel?>(b => b.ModelAsync(office, request with { Since = asOf.AddDays(-10) }));
        var supervisor = await DocxTextAsync(await app.ActorAsync("supervisor"), request with { Since = asOf.AddDays(-5) });

        var number = IssueNumber(first);
        Assert.Contains(issuer, first, StringComparison.Ordinal);
        Assert.Equal(number, IssueNumber(reprint));
        Assert.Contains(PdfText.Squeeze($"{asOf.Year}年第{number}期"), pdf, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(issuer), pdf, StringComparison.Ordinal);
        Assert.Equal(number + 1, IssueNumber(next));
        Assert.Null(preview!.IssueLabel);
        Assert.DoesNotContain("期", supervisor.Split(BulletinModel.Title)[0], StringComparison.Ordinal);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(2, await db.BulletinIssues.CountAsync(b => b.OfficeUnitId == city!.Id && b.Year == asOf.Year && b.Number >= number));
        foreach (var text in new[] { first, pdf, supervisor })
        {
            Assert.DoesNotContain("您", text, StringComparison.Ordinal);
        }

        Assert.Contains(PdfText.Squeeze("江城市人民检察院(含下级单位)范围内的全部整改任务"), pdf, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_generated_footer_off_only_the_fingerprint_is_printed()
    {
        var stamp = new ReportStamp("张敏", new DateTime(2026, 11, 30, 9, 5, 0), new DateOnly(2026, 11, 30), "490-3fa9c2e1", ShowGenerated: false);
        var model = new BulletinModel(null, "范围", stamp.AsOf, stamp.AsOf.AddDays(-30), Domain.Metrics.CampaignMetrics.Compute([], stamp.AsOf), [], stamp);

        Assert.Equal("数据指纹:490-3fa9c2e1", stamp.FooterText);
        Assert.Equal("数据指纹:490-3fa9c2e1", model.Signature);
        Assert.Contains("生成人:张敏", (stamp with { ShowGenerated = true }).FooterText, StringComparison.Ordinal);
    }

    private static int IssueNumber(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"\d{4}年第(\d+)期");
        Assert.True(match.Success, "no 第N期 in: " + text[..Math.Min(200, text.Length)]);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<string> DocxTextAsync(Domain.Organisation.Actor actor, BulletinRequest request)
    {
        using var output = new MemoryStream();
        var outcome = await app.WithAsync<BulletinService, ReportOutcome>(b => b.DocxAsync(actor, request, output));
        Assert.Equal(ReportStatus.Ok, outcome.Status);
        using var doc = WordprocessingDocument.Open(new MemoryStream(output.ToArray()), false);
        Assert.Equal(actor.Name, doc.PackageProperties.Creator);
        return string.Join("\n", doc.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    private async Task<string> PdfTextAsync(Domain.Organisation.Actor actor, BulletinRequest request)
    {
        using var output = new MemoryStream();
        var outcome = await app.WithAsync<BulletinService, ReportOutcome>(b => b.PdfAsync(actor, request, output));
        Assert.Equal(ReportStatus.Ok, outcome.Status);
        var bytes = output.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "rt-bulletin-filing.pdf"), bytes);
        return (await PdfText.ReadAsync(bytes)).Compact;
    }
}
