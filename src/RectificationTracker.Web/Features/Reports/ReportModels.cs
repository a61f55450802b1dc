using System.Globalization;
using System.Text;
using RectificationTracker.Web.Features.Ledger;

namespace RectificationTracker.Web.Features.Reports;

public enum PaperSize
{
    A4,
    A3,
}

/// <summary>
/// Who asked for a report and when, and the history chain's head at that moment as a 数据指纹 (docs/adr/0006):
/// printed in every page's footer, so a filed copy can later prove the history was not cut short or rewritten.
/// </summary>
/// With <see cref="ShowGenerated"/> off (<c>Tracker:Reports:GeneratedFooter=false</c>, for copies to be filed) the
/// generated-by/at words are left out of the printed page; the 数据指纹 stays.
public sealed record ReportStamp(string GeneratedByName, DateTime GeneratedAtLocal, DateOnly AsOf, string? Fingerprint = null, bool ShowGenerated = true)
{
    public string GeneratedAtText => GeneratedAtLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string AsOfText => AsOf.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public string FooterText => ShowGenerated ? GeneratedText + FingerprintText : FingerprintText.TrimStart();

    /// <summary>
    /// The footer on two lines, who and when above the 数据指纹, for a page whose footer does not fit on one line: the
    /// fingerprint is then read (and typed into <c>verify-history --anchor</c>) from a line of its own, never split.
    /// </summary>
    public string FooterLines => ShowGenerated && Fingerprint is not null ? GeneratedText + "\n" + FingerprintText.TrimStart() : FooterText;

    /// <summary>"生成时间:2026-12-03 15:09  生成人:张敏".</summary>
    private string GeneratedText => $"生成时间:{GeneratedAtText}  生成人:{GeneratedByName}";

    /// <summary>"  数据指纹:490-3fa9c2e1b04d77aa", or nothing before any history exists.</summary>
    public string FingerprintText => Fingerprint is null ? "" : $"  数据指纹:{Fingerprint}";
}

/// <summary>整改台账 / 巡察反馈意见整改销号表: the ledger rows of one scope with the words describing it.</summary>
public sealed record LedgerReportModel(
    string Title,
    string? RoundText,
    string? InspectedUnitsText,
    string ScopeText,
    IReadOnlyList<LedgerRow> Rows,
    PaperSize Paper,
    ReportStamp Stamp)
{
    public int Closed => Rows.Count(r => r.State == Domain.Tasks.TaskState.Closed);

    public int Overdue => Rows.Count(r => r.Light == Domain.Tasks.TaskLight.Red);

    public string SummaryText
    {
        get
        {
            if (Rows.Count == 0)
            {
                return "共 0 项。";
            }

            var completion = new Domain.Metrics.Rate(Closed, Rows.Count);
            var byState = Rows.GroupBy(r => r.State).OrderBy(g => g.Key)
                .Select(g => $"{Domain.Tasks.TaskNames.DisplayName(g.Key)} {g.Count()} 项");
            return string.Create(CultureInfo.InvariantCulture,
                $"共 {Rows.Count} 项:{string.Join(",", byState)};整改完成率 {completion.Text}{(Overdue > 0 ? $";逾期 {Overdue} 项" : "")}。");
        }
    }
}

public static class ReportText
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A string as a CSS string literal (for <c>content:</c> in page margin boxes).</summary>
    public static string CssString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' || char.IsControl(c) || c == '<' || c == '>')
            {
                sb.Append('\\').Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>The ledger's 整改时限 cell: the date, or 长期 for long-term work without one.</summary>
    public static string Deadline(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Deadline is { } d ? Date(d) : row.Category == Domain.Tasks.TaskCategory.LongTerm ? "长期" : "未定";
    }

    /// <summary>The 销号情况 state word (阶段性销号 for long-term work).</summary>
    public static string StateText(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Domain.Tasks.TaskNames.StateLabel(row.State, row.Category);
    }

    /// <summary>备注: what a reader must not miss about the row.</summary>
    public static string Remark(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var parts = new List<string>();
        if (row.Light == Domain.Tasks.TaskLight.Red)
        {
            parts.Add(row.DaysOverdue is { } d ? $"逾期{d}天" : "逾期");
        }
        else if (row.Light == Domain.Tasks.TaskLight.Yellow)
        {
            parts.Add("预警");
        }

        if (row.State == Domain.Tasks.TaskState.Closed && row.Category == Domain.Tasks.TaskCategory.LongTerm)
        {
            parts.Add("持续整改");
        }

        if (row.UrgingRemark is { } urged)
        {
            parts.Add(urged);
        }

        return string.Join(";", parts);
    }
}

/// <summary>巡察整改工作流程图: the counts and the words for their scope.</summary>
public sealed record FlowchartModel(FlowchartCounts Counts, string? RoundText, string ScopeText);
