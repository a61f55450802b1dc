using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>整改进展情况通报: the PDF and the Word document read back, against the dashboard's own figures.</summary>
[Collection(ReportsFixture.Name)]
public sealed class BulletinTests(ReportsApp app) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rt-bulletin-").FullName;

    private DateOnly Today => app.Services.GetRequiredService<Clock>().Today;

    /// <summary>The figures the dashboard computes for the same actor, filter and date.</summary>
    private async Task<(CampaignFigures Figures, List<TaskFact> Facts)> ExpectedAsync(Actor actor, int? roundId, DateOnly? asOf)
    {
        var date = asOf ?? Today;
        var facts = await app.WithAsync<DashboardQueries, List<TaskFact>>(d =>
            d.FactsAsync(actor, new DashboardFilter { RoundId = roundId, AsOf = date < Today ? date : null }));
        return (CampaignMetrics.Compute(facts, date), facts);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> Paragraphs(WordprocessingDocument doc) =>
        doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();

    private static List<List<string>> Cells(WordprocessingDocument doc) =>
        doc.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();

    [Fact]
    public async Task The_pdf_states_the_dashboards_figures_the_unit_ranking_and_the_overdue_items()
    {
        var office = await app.ActorAsync("office");
        var (figures, _) = await ExpectedAsync(office, null, null);
        Assert.True(figures.Overdue > 0, "the demo campaign should have overdue work today");
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(), word: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("整改进展情况通报", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var pdf = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.InRange(pdf.PageMillimetres.Width, 209, 211); // A4 portrait
        Assert.InRange(pdf.PageMillimetres.Height, 296, 298);
        var text = pdf.Compact;
        Assert.Contains(BulletinModel.Title, text, StringComparison.Ordinal);
        Assert.Contains($"截至{BulletinModel.Day(Today)}", text, StringComparison.Ordinal);
        foreach (var category in figures.ByCategory.Where(c => c.Total > 0))
        {
            Assert.Contains(category.Summary, text, StringComparison.Ordinal); // e.g. 限期整改38项,已完成4项
        }

        Assert.Contains($"整改任务{figures.Total}项,已完成{figures.Closed}项", text, StringComparison.Ordinal);
        Assert.Contains($"整改完成率(按任务){figures.TaskCompletion.Text}", text, StringComparison.Ordinal);
        Assert.Contains($"整改完成率(按问题){figures.ProblemCompletion.Text}", text, StringComparison.Ordinal);
        Assert.Contains($"追责问责{figures.Outcome.PeopleHeldAccountable}人", text, StringComparison.Ordinal);
        Assert.True(figures.ByUnit.Count >= 3);
        foreach (var unit in figures.ByUnit)
        {
            // One ranking row: place, unit, total, closed, open, overdue, rate.
            Assert.Contains(PdfText.Squeeze($"{unit.Rank}{unit.Name}{unit.Total}{unit.Closed}{unit.Open}{unit.Overdue}{unit.Completion.Text}"), text, StringComparison.Ordinal);
        }

        var worst = figures.RedList.First(r => r.DaysOverdue > 0);
        Assert.Contains($"共有{figures.Overdue}项整改任务超过整改时限仍未完成", text, StringComparison.Ordinal);
        Assert.Contains($"{Day(worst.Task.Deadline!.Value)}{worst.DaysOverdue}天", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(worst.Task.ResponsiblePersonName!), text, StringComparison.Ordinal);
        Assert.Contains(await app.HistoryAsync(), h => h.EntityType == "Report" && h.Action == "Download" && h.ActorId == office.UserId
            && h.Details!.Contains("整改进展情况通报 PDF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_word_document_holds_the_same_paragraphs_and_tables_and_is_valid_open_xml()
    {
        var office = await app.ActorAsync("office");
        var since = Today.AddDays(-20);
        var (figures, facts) = await ExpectedAsync(office, null, null);
        var closedSince = CampaignMetrics.ClosedBetween(facts, since.AddDays(1), Today);
        Assert.NotEmpty(closedSince);
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(Since: since), word: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var paragraphs = Paragraphs(doc);
        Assert.Contains(BulletinModel.Title, paragraphs);
        Assert.Contains("一、总体进展情况", paragraphs);
        Assert.Contains("其中," + string.Join(";", figures.ByCategory.Where(c => c.Total > 0).Select(c => c.Summary)) + "。", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains($"上期通报({BulletinModel.Day(since)})以来至{BulletinModel.Day(Today)},新销号整改任务{closedSince.Count}项", StringComparison.Ordinal));
        var cells = Cells(doc);
        Assert.Contains(["排名", "责任单位", "任务数", "已完成", "未完成", "逾期", "完成率"], cells);
        var first = figures.ByUnit[0];
        Assert.Contains(["1", first.Name, $"{first.Total}", $"{first.Closed}", $"{first.Open}", $"{first.Overdue}", first.Completion.Text], cells);
        var last = closedSince[^1];
        Assert.Contains(cells, row => row.Count == 6 && row[1] == last.Code && row[2].EndsWith(last.Measure, StringComparison.Ordinal) && row[5] == Day(last.ClosedOn!.Value));

        // Editable official look: headings in 黑体, body in 仿宋 (East Asian fonts), A4 portrait.
        var heading = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().First(p => p.InnerText == "二、各单位整改进展及排名");
        Assert.Equal("黑体", heading.Descendants<RunFonts>().First().EastAsia!.Value);
        var body = doc.MainDocumentPart.Document.Body!.Elements<Paragraph>().First(p => p.InnerText.StartsWith("截至", StringComparison.Ordinal));
        Assert.Equal("仿宋", body.Descendants<RunFonts>().First().EastAsia!.Value);
        var size = doc.MainDocumentPart.Document.Body!.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
        Assert.True(size.Width!.Value < size.Height!.Value);
        Assert.Contains(await app.HistoryAsync(), h => h.Action == "Download" && h.Details!.Contains("整改进展情况通报 Word", StringComparison.Ordinal));
    }

    [Fact]
    public async Task As_of_a_past_date_the_bulletin_gives_the_figures_of_that_date()
    {
        var office = await app.ActorAsync("office");
        var roundId = await app.RoundIdAsync("市委第二巡察组");
        var asOf = Today.AddDays(-25);
        var (then, _) = await ExpectedAsync(office, roundId, asOf);
        var (now, _) = await ExpectedAsync(office, roundId, null);
        Assert.NotEqual(now.Closed, then.Closed); // the demo round closed work in the last 25 days
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(roundId, AsOf: asOf), word: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync())).Compact;
        Assert.Contains($"截至{BulletinModel.Day(asOf)},共有反馈问题{then.ProblemCompletion.Denominator}个、整改任务{then.Total}项,已完成{then.Closed}项", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"整改任务{now.Total}项,已完成{now.Closed}项", text, StringComparison.Ordinal);
        foreach (var category in then.ByCategory.Where(c => c.Total > 0))
        {
            Assert.Contains(category.Summary, text, StringComparison.Ordinal);
        }

        Assert.Contains($"上期通报({BulletinModel.Day(asOf.AddDays(-30))})以来", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_another_unit_gets_no_bulletin_of_a_round_outside_their_scope_and_only_their_own_figures_otherwise()
    {
        var cityRound = await app.AddRoundAsync("庚组", 3); // all in the city's 办公室
        var west = await app.ActorAsync("westcounty");
        var office = await app.ActorAsync("office");
        var (mine, _) = await ExpectedAsync(west, null, null);
        var (all, _) = await ExpectedAsync(office, null, null);
        Assert.True(mine.Total > 0 && mine.Total < all.Total);
        using var client = await app.SignedInClientAsync("westcounty");

        using var pdf = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(cityRound), word: false));
        using var word = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(cityRound), word: true));
        using var own = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(), word: true));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/reports/bulletin?round={cityRound}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, word.StatusCode);
        Assert.Contains(ReportOutcome.NotFoundMessage, page, StringComparison.Ordinal);
        Assert.DoesNotContain("庚组", page.Replace("庚组专项巡察", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await own.Content.ReadAsByteArrayAsync()), false);
        var paragraphs = Paragraphs(doc);
        Assert.Contains(paragraphs, p => p.Contains($"整改任务{mine.Total}项,已完成{mine.Closed}项", StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p.Contains($"整改任务{all.Total}项", StringComparison.Ordinal));
        var units = Cells(doc).Skip(1).Select(r => r[1]).ToList();
        Assert.Equal(mine.ByUnit.Select(u => u.Name), units.Take(mine.ByUnit.Count));
        Assert.DoesNotContain("第一检察部", units);
        var history = await app.HistoryAsync();
        Assert.Contains(history, h => h.Action == "Denied" && h.EntityType == "Round" && h.EntityId == cityRound && h.ActorId == west.UserId);
    }

    [Fact]
    public async Task Dates_the_wrong_way_round_are_refused_with_a_chinese_message()
    {
        using var client = await app.SignedInClientAsync("office");

        using var response = await client.GetAsync(ReportEndpoints.BulletinUrl(new BulletinRequest(AsOf: Today.AddDays(-10), Since: Today.AddDays(-5)), word: true));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/reports/bulletin?asof={Day(Today.AddDays(-10))}&since={Day(Today.AddDays(-5))}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("上期通报日期须早于截至日期", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("上期通报日期须早于截至日期", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_command_writes_the_bulletin_as_pdf_and_docx()
    {
        var pdf = Path.Combine(_folder, "通报.pdf");
        var docx = Path.Combine(_folder, "通报.docx");
        var asOf = Today.AddDays(-3);
        var (figures, _) = await ExpectedAsync(ReportCommand.Operator, null, asOf);
        string[] common = ["--as-of", Day(asOf), "--since", Day(asOf.AddDays(-14)), "--Tracker:DataDirectory=" + app.DataDirectory];

        Assert.Equal(0, await OperatorCommands.RunAsync(["report", "bulletin", "--out", pdf, .. common]));
        Assert.Equal(0, await OperatorCommands.RunAsync(["report", "bulletin", "--out", docx, .. common]));

        var text = (await PdfText.ReadAsync(await File.ReadAllBytesAsync(pdf))).Compact;
        Assert.Contains($"截至{BulletinModel.Day(asOf)},共有反馈问题{figures.ProblemCompletion.Denominator}个、整改任务{figures.Total}项,已完成{figures.Closed}项", text, StringComparison.Ordinal);
        Assert.Contains("生成人:系统运维(命令行)", text, StringComparison.Ordinal);
        using var doc = WordprocessingDocument.Open(docx, false);
        Assert.Contains(Paragraphs(doc), p => p.Contains($"上期通报({BulletinModel.Day(asOf.AddDays(-14))})以来", StringComparison.Ordinal));
        Assert.Contains(Paragraphs(doc), p => p.Contains($"整改任务{figures.Total}项,已完成{figures.Closed}项", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
