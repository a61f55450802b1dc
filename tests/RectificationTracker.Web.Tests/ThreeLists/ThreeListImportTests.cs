using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Intake;
using RectificationTracker.Web.Features.ThreeLists;
using RectificationTracker.Web.Tests.Infrastructure;
using static RectificationTracker.Web.Tests.Intake.IntakeTestSupport;

namespace RectificationTracker.Web.Tests.ThreeLists;

[Collection(SharedApp.Name)]
public sealed class ThreeListImportTests(TrackerFactory app)
{
    private const string Aspect1 = "(一)贯彻落实上级决策部署不到位、不到底";
    private const string Problem1 = "对习近平新时代中国特色社会主义思想学习不全面、不系统";

    /// <summary>A round holding seed 003's 14 problems, imported the way the office does it.</summary>
    private async Task<(Actor Office, int RoundId)> RoundWithProblemsAsync(string name)
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, name);
        var draft = await app.WithAsync<FeedbackIntakeService, Result<IntakeDraft>>(s => s.ReadAsync(office, roundId, Seed003()));
        Assert.True((await app.WithAsync<FeedbackIntakeService, Result<int>>(s => s.ConfirmAsync(office, roundId, draft.Value!))).Succeeded);
        return (office, roundId);
    }

    private Task<ThreeListOutcome> PreviewAsync(Actor actor, int roundId, byte[] file, string name = "三个清单.xlsx") =>
        app.WithAsync<ThreeListService, ThreeListOutcome>(s => s.PreviewAsync(actor, roundId, new MemoryStream(file), name));

    private Task<ThreeListOutcome> CommitAsync(Actor actor, int roundId, byte[] file, string name = "三个清单.xlsx") =>
        app.WithAsync<ThreeListService, ThreeListOutcome>(s => s.CommitAsync(actor, roundId, new MemoryStream(file), name));

    private async Task<List<RectificationTask>> TasksAsync(int roundId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        return await db.Tasks.AsNoTracking().Include(t => t.Problem).Include(t => t.CooperatingUnits).Where(t => t.RoundId == roundId)
            .OrderBy(t => t.Problem!.Number).ThenBy(t => t.Number).ToListAsync();
    }

    private static byte[] TwoTasks(string deadline2 = "2026-07-31") => SheetFiles.Build(
    [
        SheetFiles.Row(Aspect1, 1, Problem1, 1, "建立党组理论学习中心组学习计划,每月集中学习一次", "限期整改", "李建国", "政治部", "办公室、第一检察部", "郑洁", "2026-06-30"),
        SheetFiles.Row(Aspect1, 1, Problem1, 2, "完善学习考核制度", "长期整改", "王志强", "办公室", "", "孙丽", ""),
        SheetFiles.Row("(六)新增方面:意识形态工作", 15, "意识形态阵地管理不严", 1, "开展意识形态专项检查", "立行立改", "李建国", "第一检察部", "东岭县人民检察院/综合办公室", "", deadline2),
    ]);

    [Fact]
    public async Task The_pre_filled_template_filled_in_for_one_problem_imports_that_task_and_the_export_keeps_the_problems_without_tasks()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:预填模板");
        var template = (await app.WithAsync<ThreeListService, WorkbookFile?>(s => s.TemplateAsync(office, roundId)))!.Content;
        var rows = SheetFiles.ReadRows(template).Skip(1).Select(r => (string?[])r).ToList();
        rows[0] = SheetFiles.Row(rows[0][0]!, 1, rows[0][2]!, 1, "建立学习计划", "限期整改", "李建国", "政治部", "办公室、第一检察部", "郑洁", "2026-06-30");

        var preview = await PreviewAsync(office, roundId, SheetFiles.Build(rows));

        Assert.True(preview.Valid, string.Join("\n", preview.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}")));
        var planned = Assert.Single(preview.Plan!.Rows);
        Assert.Equal((1, 1, RowAction.Create), (planned.ProblemNumber, planned.TaskNumber, planned.Action));
        Assert.Equal("政治部", preview.UnitLabel(planned.ResponsibleUnitId));
        Assert.Equal("郑洁", planned.ResponsiblePersonName);
        Assert.Equal(["办公室", "第一检察部"], planned.CooperatingUnitIds.Select(preview.UnitLabel).Order());
        Assert.True((await CommitAsync(office, roundId, SheetFiles.Build(rows))).Committed);

        var export = SheetFiles.ReadRows((await app.WithAsync<ThreeListService, WorkbookFile?>(s => s.ExportAsync(office, roundId)))!.Content).Skip(1).ToList();
        Assert.Equal(14, export.Count);
        Assert.Equal(("1", "建立学习计划"), (export[0][3], export[0][4]));
        Assert.All(export.Skip(1), r => Assert.Equal("", r[ThreeListColumns.Measure]));
    }

    [Fact]
    public async Task A_valid_sheet_is_previewed_then_committed_creating_assigned_tasks_and_new_problems_with_history()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:导入");

        var preview = await PreviewAsync(office, roundId, TwoTasks());
        Assert.True(preview.Valid, string.Join("\n", preview.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}")));
        Assert.Equal(3, preview.Plan!.Creates);
        Assert.Empty(await TasksAsync(roundId)); // a preview writes nothing

        var commit = await CommitAsync(office, roundId, TwoTasks());

        Assert.True(commit.Committed, commit.Message);
        var tasks = await TasksAsync(roundId);
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(TaskState.InProgress, t.State));
        Assert.Equal("李建国", tasks[0].LeadLeaderName);
        Assert.Equal(new DateOnly(2026, 6, 30), tasks[0].Deadline);
        Assert.Equal(2, tasks[0].CooperatingUnits.Count);
        Assert.Null(tasks[1].Deadline);
        Assert.Equal(TaskCategory.LongTerm, tasks[1].Category);
        Assert.Equal(15, tasks[2].Problem!.Number);
        Assert.Equal("意识形态阵地管理不严", tasks[2].Problem!.Title);
        var round = await LoadRoundAsync(app, roundId);
        Assert.Equal("(六)", round.Aspects[^1].OrdinalLabel);
        Assert.Equal("新增方面:意识形态工作", round.Aspects[^1].Title);
        var history = await HistoryAsync(app, roundId);
        Assert.Single(history, h => h.Action == ThreeListService.ImportAction);
        Assert.Equal(3, history.Count(h => h.Action == "Register"));
        Assert.Equal(3, history.Count(h => h.Action == nameof(TaskAction.Assign)));
    }

    [Fact]
    public async Task Export_edit_import_updates_the_matching_task_instead_of_duplicating_it_and_records_the_change()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:往返");
        Assert.True((await CommitAsync(office, roundId, TwoTasks())).Committed);
        var client = await FormLogin.SignedInClientAsync(app, "office", "tracker2026");

        var exported = await client.GetByteArrayAsync(new Uri(ThreeListEndpoints.ExportUrl(roundId), UriKind.Relative));
        var rows = SheetFiles.ReadRows(exported);
        Assert.Equal(ThreeListColumns.Headers, rows[0]);
        Assert.Equal(17, rows.Count); // two tasks of problem 1, problems 2–14 without tasks (one row each), problem 15's task
        Assert.Equal([Aspect1, "1", Problem1, "1", "建立党组理论学习中心组学习计划,每月集中学习一次", "限期整改", "李建国", "政治部", "办公室、第一检察部", "郑洁", "2026-06-30"], rows[1]);
        Assert.Equal(["2", ""], rows[3].Skip(1).Take(1).Append(rows[3][ThreeListColumns.TaskNumber]));
        Assert.Equal("东岭县人民检察院 / 综合办公室", rows[^1][ThreeListColumns.CooperatingUnits]);

        // Unchanged, the export imports as three rows with nothing to do.
        var same = await PreviewAsync(office, roundId, exported);
        Assert.True(same.Valid);
        Assert.Equal(0, same.Plan!.Creates + same.Plan.Updates);

        // Edit the exported file in place: a new deadline for task 1-1.
        var edited = EditCell(exported, "K2", "2026-09-30");
        var commit = await CommitAsync(office, roundId, edited);

        Assert.True(commit.Committed, commit.Message);
        Assert.Equal(1, commit.Plan!.Updates);
        var tasks = await TasksAsync(roundId);
        Assert.Equal(3, tasks.Count);
        Assert.Equal(new DateOnly(2026, 9, 30), tasks[0].Deadline);
        var edit = Assert.Single(await HistoryAsync(app, roundId), h => h.Action == "Edit" && h.TaskId == tasks[0].Id);
        Assert.Contains("整改时限:2026-06-30 → 2026-09-30", edit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_row_column_and_message_and_nothing_is_written()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:错误");
        var bad = SheetFiles.Build(
        [
            SheetFiles.Row(Aspect1, 1, Problem1, 1, "措施甲", "限期整改", "李建国", "不存在的部门", "", "", "2026-06-30"),
            SheetFiles.Row(Aspect1, 1, Problem1, 2, "措施乙", "限期整改", "张三", "政治部", "", "", "2026-13-01"),
            SheetFiles.Row(Aspect1, 2, "", 1, "", "马上改", "李建国", "政治部", "", "", "2026-06-30"),
            SheetFiles.Row(Aspect1, 3, "", 1, "措施丁", "限期整改", "李建国", "政治部", "", "", "2026-01-01"),
            SheetFiles.Row(Aspect1, 1, Problem1, 1, "措施甲(重复)", "限期整改", "李建国", "政治部", "", "", "2026-06-30"),
            SheetFiles.Row(Aspect1, 4, "", 1, "措施戊", "限期整改", "李建国", "综合办公室", "", "", "2026-06-30"),
            SheetFiles.Row(Aspect1, 5, "", 1, "措施己", "立行立改", "李建国", "政治部", "", "", "46203"),
        ]);

        var outcome = await CommitAsync(office, roundId, bad);

        Assert.False(outcome.Committed);
        Assert.Contains("未导入任何数据", outcome.Message, StringComparison.Ordinal);
        var errors = outcome.Errors.Select(e => (e.Row, e.Column, e.Message)).ToList();
        Assert.Contains((2, "责任单位", "责任单位“不存在的部门”不存在,请从下拉列表中选择。"), errors);
        Assert.Contains((3, "牵头领导", "牵头领导“张三”不存在或不是领导角色,请从下拉列表中选择。"), errors);
        Assert.Contains((3, "整改时限", "整改时限“2026-13-01”不是有效日期,请按 2026-06-30 的格式填写。"), errors);
        Assert.Contains((4, "整改措施", "请填写整改措施。"), errors);
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "整改类型" && e.Message.Contains("马上改", StringComparison.Ordinal));
        Assert.Contains((5, "整改时限", "整改时限不能早于反馈日期(2026-05-10)。"), errors);
        Assert.Contains((6, "任务序号", "与第 2 行重复:问题序号 1、任务序号 1 只能出现一次。"), errors);
        Assert.Contains((7, "责任单位", "有多个单位名为“综合办公室”,请从下拉列表中选择带上级单位的名称。"), errors);
        Assert.DoesNotContain(errors, e => e.Row == 8); // an Excel date serial (46203 = 2026-06-30) is a date
        Assert.Empty(await TasksAsync(roundId));
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty", [], "文件为空" },
        { "garbage", Enumerable.Range(0, 5000).Select(i => (byte)((i * 7919) % 251)).ToArray(), "不是有效的 Excel" },
        { "encrypted", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[2000]], "设置了打开密码" },
        { "docx", Docx("不是表格"), "不是有效的 Excel" },
        { "corrupt", Corrupt(), "文件已损坏" },
        { "wrong-header", SheetFiles.Build([["方面", "问题"]], header: false), "表头与模板不一致" },
        { "header-only", SheetFiles.Build([]), "没有数据行" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Unreadable_workbooks_get_a_clear_chinese_message_and_the_round_is_unchanged(string kind, byte[] file, string message)
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:坏文件 " + kind);

        var outcome = await CommitAsync(office, roundId, file, "三个清单.xlsx");

        Assert.False(outcome.Committed);
        Assert.Contains(outcome.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Empty(await TasksAsync(roundId));
    }

    [Fact]
    public async Task Formulas_and_merged_cells_are_refused_with_their_place()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:公式合并");
        var file = SheetFiles.Build(
            [SheetFiles.Row(Aspect1, 1, Problem1, 1, "措施甲", "限期整改", "李建国", "政治部", "", "", "2026-06-30"),
             SheetFiles.Row(Aspect1, 1, Problem1, 2, "措施乙", "限期整改", "李建国", "政治部", "", "", "2026-06-30")],
            tweak: (ws, data) =>
            {
                var k3 = data.Elements<Row>().ElementAt(2).Elements<Cell>().Last();
                k3.CellFormula = new CellFormula("K2+30");
                ws.InsertAfter(new MergeCells(new MergeCell { Reference = "A2:A3" }), data);
            });

        var outcome = await CommitAsync(office, roundId, file);

        Assert.False(outcome.Committed);
        Assert.Contains(outcome.Errors, e => e.Row == 3 && e.Column == "整改时限" && e.Message.Contains("含公式", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Row == 2 && e.Message.Contains("合并单元格(A2:A3)", StringComparison.Ordinal));
        Assert.Empty(await TasksAsync(roundId));
    }

    [Theory]
    [InlineData("shared")]
    [InlineData("inline")]
    public async Task A_cell_longer_than_excel_allows_is_refused_while_it_is_read(string kind)
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:超长单元格 " + kind);
        var huge = new string('长', 40_000);
        var file = SheetFiles.Build(
            [SheetFiles.Row(Aspect1, 1, Problem1, 1, kind == "shared" ? huge : "措施", "限期整改", "李建国", "政治部", "", "", "2026-06-30")],
            tweak: kind == "inline"
                ? (_, data) =>
                {
                    var e2 = data.Elements<Row>().ElementAt(1).Elements<Cell>().ElementAt(4);
                    e2.DataType = CellValues.InlineString;
                    e2.CellValue = null;
                    e2.InlineString = new InlineString(new Text(huge));
                }
                : null);

        var outcome = await CommitAsync(office, roundId, file);

        Assert.False(outcome.Committed);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("32,767", StringComparison.Ordinal));
        Assert.Empty(await TasksAsync(roundId));
    }

    [Fact]
    public async Task A_sheet_over_the_row_limit_is_refused_without_reading_it_all()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:超限");
        var rows = Enumerable.Range(1, ThreeListWorkbook.MaxRows + 5)
            .Select(i => SheetFiles.Row(Aspect1, 100 + i, "问题" + i, 1, "措施", "立行立改", "李建国", "政治部", "", "", "2026-06-30"));
        var outcome = await CommitAsync(office, roundId, SheetFiles.Build(rows));

        Assert.False(outcome.Committed);
        Assert.Contains(outcome.Errors, e => e.Message == $"数据行超过 {ThreeListWorkbook.MaxRows} 行的上限,请分批导入。");
        Assert.Empty(await TasksAsync(roundId));
    }

    [Fact]
    public async Task The_template_has_the_columns_drop_downs_and_instructions_and_its_download_is_recorded()
    {
        var (office, roundId) = await RoundWithProblemsAsync("三个清单:模板");
        var client = await FormLogin.SignedInClientAsync(app, "office", "tracker2026");

        using var response = await client.GetAsync(new Uri(ThreeListEndpoints.TemplateUrl(roundId), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ThreeListWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var wb = doc.WorkbookPart!;
        Assert.Equal(["三个清单", "填写说明", "选项"], wb.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var rows = SheetFiles.ReadRows(bytes);
        Assert.Equal(ThreeListColumns.Headers.ToArray(), rows[0]);
        // Pre-filled from the issue list: every problem (序号, 方面, 问题) with empty task columns.
        Assert.Equal(Enumerable.Range(1, 14).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[1]));
        Assert.Equal([Aspect1, "1", Problem1], rows[1].Take(3));
        Assert.All(rows.Skip(1), r => Assert.All(r.Skip(3), cell => Assert.Equal("", cell)));
        var data = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var validations = data.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text!);
        Assert.Equal("'选项'!$A$2:$A$4", validations["F2:F10001"]);
        Assert.StartsWith("'选项'!$C$2", validations["G2:G10001"], StringComparison.Ordinal);
        Assert.StartsWith("'选项'!$B$2", validations["H2:H10001"], StringComparison.Ordinal);
        var options = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().Last().Id!);
        var optionText = options.Worksheet.InnerText;
        Assert.Contains("长期整改", optionText, StringComparison.Ordinal);
        Assert.Contains("李建国", optionText, StringComparison.Ordinal);
        Assert.Contains("东岭县人民检察院 / 综合办公室", optionText, StringComparison.Ordinal);
        var instructions = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().ElementAt(1).Id!);
        Assert.Contains("问题序号 + 任务序号", instructions.Worksheet.InnerText, StringComparison.Ordinal);
        Assert.Contains(await HistoryAsync(app, roundId), h => h.Action == "Download" && h.Details == "下载三个清单模板" && h.ActorId == office.UserId);
    }

    [Theory]
    [InlineData("countyoffice")]
    [InlineData("westcounty")]
    public async Task Users_of_another_unit_get_not_found_for_the_template_and_export_and_are_recorded(string userName)
    {
        var (_, roundId) = await RoundWithProblemsAsync("三个清单:越权 " + userName);
        var client = await FormLogin.SignedInClientAsync(app, userName, "tracker2026");
        var actor = await app.ActorAsync(userName);

        using var template = await client.GetAsync(new Uri(ThreeListEndpoints.TemplateUrl(roundId), UriKind.Relative));
        using var export = await client.GetAsync(new Uri(ThreeListEndpoints.ExportUrl(roundId), UriKind.Relative));
        var upload = await CommitAsync(actor, roundId, TwoTasks());

        Assert.Equal(HttpStatusCode.NotFound, template.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.False(upload.Committed);
        Assert.Equal(3, (await HistoryAsync(app, roundId)).Count(h => h.Action == "Denied" && h.ActorId == actor.UserId));
        Assert.Empty(await TasksAsync(roundId));
    }

    private static byte[] EditCell(byte[] workbook, string reference, string value)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var doc = SpreadsheetDocument.Open(buffer, true))
        {
            var wb = doc.WorkbookPart!;
            var ws = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().First().Id!);
            var cell = ws.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            cell.DataType = CellValues.InlineString;
            cell.CellValue = null;
            cell.InlineString = new InlineString(new Text(value));
            ws.Worksheet.Save();
        }

        return buffer.ToArray();
    }

    private static byte[] Corrupt()
    {
        var good = SheetFiles.Build([SheetFiles.Row(Aspect1, 1, Problem1, 1, "措施", "立行立改", "李建国", "政治部", "", "", "2026-06-30")]);
        // Keep the central directory (so it still sniffs as a workbook) but wreck the compressed sheet data.
        var bytes = good.ToArray();
        for (var i = 200; i < bytes.Length / 2; i++)
        {
            bytes[i] ^= 0x5A;
        }

        return bytes;
    }
}
