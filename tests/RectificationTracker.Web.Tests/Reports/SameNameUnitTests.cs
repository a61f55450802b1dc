using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Reports.Documents;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>Issue 12, office fix 1: three counties' 综合办公室 stay three units on the board, the ledger, its PDF and Excel, and the bulletin.</summary>
[Collection(ReportsFixture.Name)]
public sealed class SameNameUnitTests(ReportsApp app)
{
    private static readonly string[] Counties = ["西河县人民检察院", "东岭县人民检察院", "北岗县人民检察院"];

    private static string[] Labels => Counties.Select(c => c + " / 综合办公室").ToArray();

    [Fact]
    public async Task Three_counties_offices_of_the_same_name_are_three_lanes_rows_and_report_entries()
    {
        var (roundId, taskIds) = await RoundWithThreeOfficesAsync();
        var office = await app.ActorAsync("office");

        var board = await app.WithAsync<BoardQueries, BoardResult?>(b => b.BoardAsync(office, roundId, BoardLanes.Unit));
        Assert.Equal(Labels.Order(), board!.Layout.Lanes.Select(l => l.Name).Order());
        Assert.All(board.Layout.Lanes, l => Assert.Equal(1, l.Total));

        var rows = await app.WithAsync<LedgerQueries, IReadOnlyList<LedgerRow>>(l => l.AllAsync(office, new LedgerFilter { RoundId = roundId }));
        Assert.Equal(Labels.Order(), rows.Select(r => r.ResponsibleUnitName!).Order());

        var detail = await app.WithAsync<TaskQueries, TaskDetail?>(q => q.DetailAsync(office, taskIds[0]));
        Assert.Equal(Labels[0], detail!.ResponsibleUnitName);

        using var xlsx = new MemoryStream();
        var excel = await app.WithAsync<ReportService, ReportOutcome>(r => r.LedgerXlsxAsync(office, new LedgerFilter { RoundId = roundId }, xlsx));
        Assert.Equal(ReportStatus.Ok, excel.Status);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(xlsx.ToArray()), false))
        {
            var strings = book.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>()
                .Select(s => s.InnerText).ToHashSet(StringComparer.Ordinal);
            Assert.All(Labels, l => Assert.Contains(l, strings));
            Assert.DoesNotContain("综合办公室", strings);
        }

        using var pdf = new MemoryStream();
        var printed = await app.WithAsync<ReportService, ReportOutcome>(r => r.LedgerPdfAsync(office, new LedgerFilter { RoundId = roundId }, PaperSize.A4, pdf));
        Assert.Equal(ReportStatus.Ok, printed.Status);
        var text = (await PdfText.ReadAsync(pdf.ToArray())).Compact;
        Assert.All(Labels, l => Assert.Contains(PdfText.Squeeze(l), text, StringComparison.Ordinal));

        using var docx = new MemoryStream();
        var bulletin = await app.WithAsync<BulletinService, ReportOutcome>(b => b.DocxAsync(office, new BulletinRequest(RoundId: roundId), docx));
        Assert.Equal(ReportStatus.Ok, bulletin.Status);
        using var word = WordprocessingDocument.Open(new MemoryStream(docx.ToArray()), false);
        var bodyText = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.All(Labels, l => Assert.Contains(l, bodyText, StringComparison.Ordinal));
    }

    /// <summary>
    /// A round of the city office with one overdue task in each county's 综合办公室 (the third county is
    /// added here; units with the same name under different parents are allowed by the tree).
    /// </summary>
    private async Task<(int RoundId, List<int> TaskIds)> RoundWithThreeOfficesAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var city = await db.Units.SingleAsync(u => u.Name == "江城市人民检察院");
        var offices = new List<OrgUnit>();
        foreach (var county in Counties)
        {
            var parent = await db.Units.SingleOrDefaultAsync(u => u.Name == county);
            if (parent is null)
            {
                parent = new OrgUnit { Name = county, ParentId = city.Id, Kind = UnitKind.Organisation, SortOrder = 90 };
                db.Units.Add(parent);
                await db.SaveChangesAsync();
                parent.RebuildPath(city);
            }

            var existing = await db.Units.SingleOrDefaultAsync(u => u.ParentId == parent.Id && u.Name == "综合办公室");
            if (existing is null)
            {
                existing = new OrgUnit { Name = "综合办公室", ParentId = parent.Id, Kind = UnitKind.Department, SortOrder = 1 };
                db.Units.Add(existing);
                await db.SaveChangesAsync();
                existing.RebuildPath(parent);
            }

            offices.Add(existing);
        }

        await db.SaveChangesAsync();
        app.Services.GetRequiredService<UnitDirectory>().Invalidate();

        var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
        var round = new InspectionRound
        {
            Name = "同名单位" + Guid.NewGuid().ToString("N")[..6], Kind = RoundKind.Special, InspectingBody = "市委第三巡察组", OfficeUnitId = city.Id,
            FeedbackDate = new DateOnly(2026, 1, 5), RectificationDeadline = new DateOnly(2026, 6, 30), CreatedAtUtc = DateTime.UtcNow, CreatedById = leader.Id,
            InspectedUnits = [.. offices.Select(o => new RoundInspectedUnit { UnitId = o.Id })],
        };
        var aspect = new Aspect { Ordinal = 1, Title = "办公室管理" };
        round.Aspects.Add(aspect);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var tasks = new List<RectificationTask>();
        for (var i = 0; i < offices.Count; i++)
        {
            var problem = new Problem { RoundId = round.Id, Aspect = aspect, Number = i + 1, Title = $"公文管理不规范{i + 1}", Text = "公文管理不规范。" };
            db.Problems.Add(problem);
            var task = new RectificationTask
            {
                RoundId = round.Id, Problem = problem, Number = 1, Measure = $"规范公文流转{i + 1}", Category = TaskCategory.Deadline,
                LeadLeaderId = leader.Id, LeadLeaderName = leader.DisplayName, ResponsibleUnitId = offices[i].Id, ResponsiblePersonName = "王芳",
                Deadline = new DateOnly(2026, 3, 31), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Tasks.Add(task);
            tasks.Add(task);
        }

        await db.SaveChangesAsync();
        var office = await app.ActorAsync("office");
        foreach (var task in tasks)
        {
            var loaded = await Evidence.EvidenceTaskSteps.LoadAsync(db, task.Id);
            db.History.Add(loaded.Assign(office, TaskScoping.ScopeOf(loaded), DateTime.UtcNow));
        }

        await db.SaveChangesAsync();
        return (round.Id, tasks.Select(t => t.Id).ToList());
    }
}
