using System.Globalization;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure.PdfWriter;
using SkiaSharp;

namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>
/// 销号审签单, written straight to PDF (ADR 14): one task's closure on paper — the problem and task, what was done,
/// the outcome figures, the evidence (name, size, short SHA-256), the review and sign-off record, and blank lines
/// for the three signatures (kept together on one page).
/// </summary>
public static class SignOffPdf
{
    private static readonly SKColor FormHeaderFill = SKColor.Parse("#f3f5f8");
    private static readonly SKColor SignatureRule = SKColor.Parse("#222222");

    public static void Write(TaskDetail detail, ReportStamp stamp, Func<DateTime?, string> local, DocumentFonts fonts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(local);
        var t = detail.Task;
        var code = $"{detail.ProblemNumber}-{t.Number}";
        var report = new NativeReport(fonts, PaperSize.A4, landscape: false);
        var body = report.Song(10f);
        var hei = report.Hei(10f);
        var small = report.Song(7.5f, 1.4f, NativeReport.Muted);
        var muted = report.Song(10f, 1.4f, NativeReport.Muted);

        report.Title("巡察反馈意见整改销号审签单");
        report.Doc.Y -= 1 * PageGeometry.Mm; // the sheet's title sits 3 mm above the form, not 4
        report.LabelledItems([("巡察轮次:", detail.RoundName), ("编号:", code), ("当前状态:", TaskNames.StateLabel(t.State, t.Category))], 9.5f, 2 * PageGeometry.Mm);

        TableCell Th(string text) => new([new CellBlock(text, hei, TextAlign.Center)], Fill: FormHeaderFill, Middle: true);
        TableCell Td(string? text, int span = 1) => new([new CellBlock(text, body)], span);
        var form = new TableWriter(report.Doc, [17f, 33f, 17f, 33f], [], new TableStyle(5f, 3f, 0.6f, NativeReport.Rule));
        form.Row([Th("问题类别"), Td(detail.AspectLabel, 3)]);
        form.Row([Th("具体问题"), new TableCell([new CellBlock($"问题 {detail.ProblemNumber}:{detail.ProblemTitle}", hei), new CellBlock(detail.ProblemText, body)], 3)]);
        form.Row([Th("整改措施"), Td(t.Measure, 3)]);
        form.Row([Th("整改类型"), Td(TaskNames.DisplayName(t.Category)), Th("整改时限"),
            Td(t.Deadline is { } d ? ReportText.Date(d) : t.Category == TaskCategory.LongTerm ? "长期" : "未定")]);
        form.Row([Th("牵头领导"), Td(t.LeadLeaderName), Th("责任单位"),
            Td(detail.ResponsibleUnitName + (detail.CooperatingUnitNames.Count > 0 ? $"(配合:{string.Join("、", detail.CooperatingUnitNames)})" : ""))]);
        form.Row([Th("责任人"), Td(t.ResponsiblePersonName), Th("销号情况"),
            Td(t.ClosedOn is { } c ? $"{TaskNames.ClosedLabel(t.Category)} {ReportText.Date(c)},审签人 {t.ClosedByName}" : "未销号")]);
        if (detail.ApplicationOfRecord is { } a)
        {
            form.Row([Th("整改完成情况"), new TableCell([new CellBlock(a.Summary, body),
                new CellBlock($"第 {a.Attempt} 次申请 · {a.SubmittedByName} 于 {local(a.SubmittedAtUtc)} 提交", small)], 3)]);
            var outcome = new List<CellBlock>
            {
                new(string.Create(CultureInfo.InvariantCulture,
                    $"资金清退 {a.FundsRecoveredWan.ToString("0.####", CultureInfo.InvariantCulture)} 万元; 追责问责 {a.PeopleHeldAccountable} 人{(string.IsNullOrEmpty(a.AccountabilityKinds) ? "" : $"({a.AccountabilityKinds})")}; 建章立制 {a.RulesMade.Count} 项"), body),
            };
            var i = 0;
            foreach (var r in a.RulesMade)
            {
                i++;
                outcome.Add(new CellBlock($"  {i}. {(r.IsRevision ? "修订" : "制定")}《{r.Title.Trim('《', '》')}》{(r.IssuedOn is { } on ? $"({ReportText.Date(on)}印发)" : "")}", body));
            }

            form.Row([Th("整改成效"), new TableCell(outcome, 3)]);
        }
        else
        {
            form.Row([Th("整改完成情况"), new TableCell([new CellBlock("尚未申请销号。", muted)], 3)]);
        }

        var list = report.Song(9f);
        var listHei = report.Hei(9f);
        var mono = new TextStyle(fonts.Mono, 8.5f, NativeReport.Ink);
        var listSmall = report.Song(7.5f);
        var listStyle = new TableStyle(3f, 1.5f, 0.6f, NativeReport.Rule);
        TableCell Head(string text) => new([new CellBlock(text, listHei, TextAlign.Center)], Fill: NativeReport.HeaderFill, Middle: true);
        TableCell C(string? text) => TableCell.Of(text, list, TextAlign.Center);
        TableCell Who(string? name, DateTime? at) => new([new CellBlock(name, list, TextAlign.Center), new CellBlock(local(at), listSmall, TextAlign.Center)]);
        TableCell None(int span) => new([new CellBlock("无", report.Song(9f, 1.4f, NativeReport.Muted), TextAlign.Center)], span);

        var held = detail.ApplicationOfRecord is { } h ? $"第 {h.Attempt} 次申请所附 " : "";
        report.Heading($"佐证材料({held}{detail.RecordEvidence.Count} 份)");
        var evidence = new TableWriter(report.Doc, [7f, 43f, 12f, 18f, 20f], [Head("序号"), Head("文件名"), Head("大小"), Head("SHA-256(前12位)"), Head("上传人 / 时间")], listStyle);
        var n = 0;
        foreach (var e in detail.RecordEvidence)
        {
            n++;
            evidence.Row([C(n.ToString(CultureInfo.InvariantCulture)), TableCell.Of(e.FileName, list), C(EvidenceNames.SizeText(e.Size)),
                TableCell.Of(EvidenceNames.ShortHash(e.Sha256), mono, TextAlign.Center), Who(e.UploadedByName, e.UploadedAtUtc)]);
        }

        if (detail.RecordEvidence.Count == 0)
        {
            evidence.Row([None(5)]);
        }

        report.Heading("审核与审签记录");
        var record = new TableWriter(report.Doc, [10f, 16f, 14f, 20f, 40f], [Head("申请"), Head("环节"), Head("结果"), Head("经办人 / 时间"), Head("意见")], listStyle);
        foreach (var app in detail.Applications.OrderBy(x => x.Attempt))
        {
            var attempt = $"第 {app.Attempt} 次";
            record.Row([C(attempt), C("申请销号"), C("已提交"), Who(app.SubmittedByName, app.SubmittedAtUtc), TableCell.Of("", list)]);
            if (app.Withdrawn)
            {
                record.Row([C(attempt), C("撤回申请"), C("已撤回"), Who(app.WithdrawnByName, app.WithdrawnAtUtc), TableCell.Of("", list)]);
            }

            if (app.ReviewApproved is { } reviewed)
            {
                record.Row([C(attempt), C("巡察办审核"), C(reviewed ? "审核通过" : "审核退回"), Who(app.ReviewerName, app.ReviewedAtUtc), TableCell.Of(app.ReviewComment, list)]);
            }

            if (app.SignOffApproved is { } signed)
            {
                record.Row([C(attempt), C("牵头领导审签"), C(signed ? "审签同意" : "审签退回"), Who(app.SignerName, app.SignedAtUtc), TableCell.Of(app.SignOffComment, list)]);
            }
        }

        foreach (var entry in detail.History.Where(x => x.Action == nameof(TaskAction.Reopen)))
        {
            record.Row([C("—"), C("重新挂账"), C("重新挂账"), Who(entry.ActorName, entry.AtUtc), TableCell.Of(entry.Reason, list)]);
        }

        if (detail.Applications.Count == 0)
        {
            record.Row([None(5)]);
        }

        Signatures(report, hei, body);
        report.Write(output, $"销号审签单 {code}", stamp);
    }

    /// <summary>Three signature blocks side by side, 10 mm below the record, never split from each other.</summary>
    private static void Signatures(NativeReport report, TextStyle role, TextStyle body)
    {
        var doc = report.Doc;
        var mm = PageGeometry.Mm;
        var height = (10 * mm) + role.LineAdvance + (14 * mm) + (2 * mm) + body.LineAdvance;
        if (doc.Remaining < height)
        {
            doc.NewPage();
        }
        else
        {
            doc.Y += 10 * mm;
        }

        var width = doc.Page.ContentWidth / 3;
        var date = body with { LetterSpacing = 12f };
        string[] roles = ["责任单位负责人(签字):", "巡察办审核人(签字):", "牵头领导审签(签字):"];
        for (var i = 0; i < roles.Length; i++)
        {
            var x = doc.Page.Left + (i * width) + (4 * mm);
            var w = width - (8 * mm);
            var y = doc.Y;
            y += doc.Text(roles[i], role, x, y, w) + (14 * mm);
            doc.Line(x, y, x + w, y, 0.8f, SignatureRule);
            doc.Text("年 月 日", date, x, y + (2 * mm), w, TextAlign.Right);
        }

        doc.Y += role.LineAdvance + (16 * mm) + body.LineAdvance;
    }
}
