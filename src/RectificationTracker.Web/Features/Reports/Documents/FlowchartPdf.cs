using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Infrastructure.PdfWriter;
using SkiaSharp;

namespace RectificationTracker.Web.Features.Reports.Documents;

/// <summary>
/// 巡察整改工作流程图 on A4 portrait, written straight to PDF (ADR 14): the same drawing as the page's SVG
/// (<see cref="WorkflowChart"/>, same 820 × 880 coordinates, scaled to the page) — the steps from feedback to closure
/// with the live count in each, and the return and reopen paths with how often they were taken.
/// </summary>
public static class FlowchartPdf
{
    private static readonly SKColor ArrowInk = SKColor.Parse("#37474f");
    private static readonly SKColor Back = SKColor.Parse("#c62828");
    private static readonly SKColor TitleInk = SKColor.Parse("#212121");

    public static void Write(FlowchartModel model, ReportStamp stamp, DocumentFonts fonts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stamp);
        var report = new NativeReport(fonts, PaperSize.A4, landscape: false);
        var doc = report.Doc;
        report.Title("巡察整改工作流程图");
        report.LabelledItems([("巡察轮次:", model.RoundText ?? "全部轮次"), ("范围:", model.ScopeText), ("截至日期:", stamp.AsOfText)], 9.5f, 2 * PageGeometry.Mm);

        // The SVG's user space, scaled to the page width (at most 235 mm high) and centred.
        var scale = Math.Min(doc.Page.ContentWidth / 820f, Math.Min(235 * PageGeometry.Mm, doc.Remaining) / 880f);
        var chart = new Chart(doc, fonts, doc.Page.Left + ((doc.Page.ContentWidth - (820f * scale)) / 2), doc.Y, scale);
        var c = model.Counts;

        chart.Box(250, 20, 320, 72, "① 巡察反馈", $"反馈问题 {c.Problems} 个", "#eceff1", "#546e7a");
        chart.Arrow(92, 132, "分解问题、制定措施");
        chart.Rect(190, 132, 440, 108, 8, "#e3f2fd", "#1565c0", 1.5f);
        chart.Text(410, 156, "② 制定整改方案(三张清单)", 16, "#0d47a1", TextAlign.Center);
        chart.SubBox(205, 170, "问题清单", $"{c.Problems} 个");
        chart.SubBox(347, 170, "任务清单", $"{c.Tasks} 项");
        chart.SubBox(489, 170, "责任清单", $"{c.ResponsibleUnits} 个单位");
        chart.Arrow(240, 272, "建立整改台账");
        chart.Box(250, 272, 320, 72, "③ 登记挂账、交办", $"待交办 {c.In(TaskState.Registered)} 项", "#f5f5f5", "#757575");
        chart.Arrow(344, 384, "交办:明确牵头领导、责任单位、时限");
        chart.Box(250, 384, 320, 72, "④ 整改落实", null, "#e8f5e9", "#2e7d32", "#1b5e20");
        var inProgress = $"整改中 {c.In(TaskState.InProgress)} 项";
        var overdue = c.Overdue > 0 ? $"(逾期 {c.Overdue} 项)" : "";
        chart.TwoColourText(410, 438, inProgress, overdue, 15);
        chart.Arrow(456, 496, "申请销号:整改说明、成效、佐证材料");
        chart.Box(250, 496, 320, 72, "⑤ 巡察办审核(对账)", $"待审核 {c.In(TaskState.AwaitingReview)} 项", "#fff8e1", "#f9a825");
        chart.Arrow(568, 608, "审核通过");
        chart.Box(250, 608, 320, 72, "⑥ 牵头领导审签", $"待审签 {c.In(TaskState.AwaitingSignOff)} 项", "#f3e5f5", "#6a1b9a");
        chart.Arrow(680, 720, "审签同意");
        chart.Box(250, 720, 320, 72, "⑦ 销号", $"已销号 {c.In(TaskState.Closed)} 项", "#e0f2f1", "#00695c");

        // Return and reopen paths back to ④.
        chart.BackPath([(570, 532), (650, 532), (650, 440), (574, 440)]);
        chart.Text(658, 488, "审核退回", 13, "#c62828");
        chart.Text(658, 506, $"{c.ReturnedFromReview} 次", 13, "#c62828");
        chart.BackPath([(570, 644), (735, 644), (735, 400), (574, 400)]);
        chart.Text(743, 600, "审签退回", 13, "#c62828");
        chart.Text(743, 618, $"{c.ReturnedFromSignOff} 次", 13, "#c62828");
        chart.BackPath([(250, 756), (150, 756), (150, 420), (246, 420)]);
        chart.Text(142, 580, "重新挂账", 13, "#c62828", TextAlign.Right);
        chart.Text(142, 598, $"{c.Reopened} 次", 13, "#c62828", TextAlign.Right);

        chart.Text(410, 836, $"任务合计 {c.Tasks} 项,已销号 {c.In(TaskState.Closed)} 项,整改完成率 {c.Completion.Text}", 15, "#111111", TextAlign.Center);
        chart.Text(410, 862, "实线箭头为正常流转,红色虚线为退回与重新挂账路径;方框内为当前处于该环节的事项数。", 12, "#555555", TextAlign.Center);
        doc.Y += 880 * scale;

        report.Write(output, "巡察整改工作流程图", stamp);
    }

    /// <summary>Drawing in the SVG's coordinates.</summary>
    private sealed class Chart(PdfComposer doc, DocumentFonts fonts, float left, float top, float scale)
    {
        private float X(float x) => left + (x * scale);

        private float Y(float y) => top + (y * scale);

        public void Rect(float x, float y, float w, float h, float radius, string fill, string stroke, float width)
        {
            using var builder = new SKPathBuilder();
            builder.AddRoundRect(new SKRect(X(x), Y(y), X(x + w), Y(y + h)), radius * scale, radius * scale);
            doc.Path(builder.Detach(), SKColor.Parse(fill), SKColor.Parse(stroke), width * scale);
        }

        public void Text(float x, float y, string text, float size, string colour, TextAlign anchor = TextAlign.Left) =>
            doc.TextOnBaseline(text, new TextStyle(fonts.Hei, size * scale, SKColor.Parse(colour)), X(x), Y(y), anchor);

        public void Box(float x, float y, float w, float h, string title, string? count, string fill, string stroke, string titleColour = "#212121")
        {
            Rect(x, y, w, h, 8, fill, stroke, 1.5f);
            Text(x + (w / 2), y + 26, title, 16, titleColour, TextAlign.Center);
            if (count is not null)
            {
                Text(x + (w / 2), y + 54, count, 15, "#111111", TextAlign.Center);
            }
        }

        public void SubBox(float x, float y, string title, string count)
        {
            Rect(x, y, 126, 56, 5, "#ffffff", "#64b5f6", 1f);
            Text(x + 63, y + 22, title, 14, "#0d47a1", TextAlign.Center);
            Text(x + 63, y + 44, count, 14, "#111111", TextAlign.Center);
        }

        /// <summary>"整改中 N 项" in black followed by "(逾期 M 项)" in red, centred together.</summary>
        public void TwoColourText(float x, float y, string first, string second, float size)
        {
            var black = new TextStyle(fonts.Hei, size * scale, SKColor.Parse("#111111"));
            var red = black with { Color = Back };
            var w1 = TextLayout.Layout(first, black, float.MaxValue / 4).Width;
            var w2 = second.Length == 0 ? 0 : TextLayout.Layout(second, red, float.MaxValue / 4).Width;
            var start = X(x) - ((w1 + w2) / 2);
            doc.TextOnBaseline(first, black, start, Y(y));
            if (second.Length > 0)
            {
                doc.TextOnBaseline(second, red, start + w1, Y(y));
            }
        }

        /// <summary>A forward arrow down the centre, with the action that moves an item on.</summary>
        public void Arrow(float from, float to, string label)
        {
            using var line = new SKPathBuilder();
            line.MoveTo(X(410), Y(from));
            line.LineTo(X(410), Y(to - 2));
            doc.Path(line.Detach(), null, ArrowInk, 1.5f * scale);
            Head(410, to - 2, 0, 1, ArrowInk);
            Text(420, ((from + to) / 2) + 5, label, 12, "#37474f");
        }

        /// <summary>A red dashed path ending in an arrowhead.</summary>
        public void BackPath((float X, float Y)[] points)
        {
            using var path = new SKPathBuilder();
            path.MoveTo(X(points[0].X), Y(points[0].Y));
            foreach (var (px, py) in points.Skip(1))
            {
                path.LineTo(X(px), Y(py));
            }

            doc.Path(path.Detach(), null, Back, 1.5f * scale, [6 * scale, 4 * scale]);
            var (ex, ey) = points[^1];
            var (sx, sy) = points[^2];
            var length = MathF.Sqrt(((ex - sx) * (ex - sx)) + ((ey - sy) * (ey - sy)));
            Head(ex, ey, (ex - sx) / length, (ey - sy) / length, Back);
        }

        /// <summary>An arrowhead (the SVG marker: 7 units long, 7 wide) with its tip at (x, y), pointing along (dx, dy).</summary>
        private void Head(float x, float y, float dx, float dy, SKColor colour)
        {
            const float Length = 10.5f;
            const float Half = 5.25f;
            var tip = new SKPoint(X(x + (dx * 1.5f)), Y(y + (dy * 1.5f)));
            var back = new SKPoint(tip.X - (dx * Length * scale), tip.Y - (dy * Length * scale));
            using var head = new SKPathBuilder();
            head.MoveTo(tip);
            head.LineTo(back.X - (dy * Half * scale), back.Y + (dx * Half * scale));
            head.LineTo(back.X + (dy * Half * scale), back.Y - (dx * Half * scale));
            head.Close();
            doc.Path(head.Detach(), colour, null);
        }
    }
}
