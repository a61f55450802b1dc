using System.Globalization;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>What a bulletin is asked for: a round (or all in scope), a unit, the as-of date and the previous bulletin's date.</summary>
public sealed record BulletinRequest(int? RoundId = null, int? UnitId = null, DateOnly? AsOf = null, DateOnly? Since = null)
{
    /// <summary>Days before the as-of date taken as the previous bulletin's date when none is given.</summary>
    public const int DefaultPeriodDays = 30;

    /// <summary>The Chinese reason the dates cannot make a bulletin, or null when they can.</summary>
    public string? DatesError(DateOnly today)
    {
        var asOf = AsOf ?? today;
        if (AsOf is { } a && a > today)
        {
            return "截至日期不能晚于今天。";
        }

        return Since is { } s && s >= asOf ? "上期通报日期须早于截至日期。" : null;
    }
}

/// <summary>
/// 关于巡察整改工作进展情况的通报: the figures of <see cref="CampaignMetrics"/> on the as-of date (the same
/// facts the dashboard counts), the tasks closed since the previous bulletin, and the words of every
/// paragraph, shared by the PDF and the Word document so both say exactly the same.
/// </summary>
public sealed record BulletinModel(
    string? RoundText,
    string ScopeText,
    DateOnly AsOf,
    DateOnly Since,
    CampaignFigures Figures,
    IReadOnlyList<TaskFact> ClosedSince,
    ReportStamp Stamp)
{
    /// <summary>The issuing body in the masthead and signature (the office unit's configured 发文机关, or derived from its name).</summary>
    public string Issuer { get; init; } = DefaultIssuerSuffix;

    /// <summary>"2026年第3期" once issued by the office (see <see cref="Domain.Reports.BulletinIssue"/>); null on previews and others' prints.</summary>
    public string? IssueLabel { get; init; }

    /// <summary>Round names by id: task codes are qualified by their round when the bulletin spans several.</summary>
    public IReadOnlyDictionary<int, string> RoundNames { get; init; } = new Dictionary<int, string>();

    public const string DefaultIssuerSuffix = "巡察整改工作领导小组办公室";

    /// <summary>
    /// The measure, led by "〔round name〕" when the listed tasks come from more than one round, so a code
    /// such as "3-2" is read with its round (the code column is too narrow for a round's long name).
    /// </summary>
    public string MeasureOf(TaskFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return SpansRounds && RoundNames.TryGetValue(fact.RoundId, out var round) ? $"〔{round}〕{fact.Measure}" : fact.Measure;
    }

    public const string Title = "关于巡察整改工作进展情况的通报";

    public const string Masthead = "巡察整改工作情况通报";

    public static string Day(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public string RangeText => $"{RoundText ?? "全部巡察轮次"};{ScopeText}";

    /// <summary>Overdue tasks (red light), most days overdue first.</summary>
    public IReadOnlyList<RedListItem> Overdue
    {
        get
        {
            if (overdue is not { } cached || !ReferenceEquals(cached.Source, Figures))
            {
                overdue = cached = (Figures, Figures.RedList.Where(r => r.Light == TaskLight.Red).ToList());
            }

            return cached.Items;
        }
    }

    /// <summary>True when the listed tasks (overdue and closed) come from more than one round.</summary>
    private bool SpansRounds
    {
        get
        {
            if (spansRounds is not { } cached || !ReferenceEquals(cached.Figures, Figures) || !ReferenceEquals(cached.Closed, ClosedSince))
            {
                var several = Overdue.Select(r => r.Task.RoundId).Concat(ClosedSince.Select(f => f.RoundId)).Distinct().Skip(1).Any();
                spansRounds = cached = (Figures, ClosedSince, several);
            }

            return cached.Value;
        }
    }

    // Computed once (the tables read them for every row: once per model, not once per row), and again only for a
    // copy (`with`) whose figures or closed list are other objects.
    private (CampaignFigures Source, IReadOnlyList<RedListItem> Items)? overdue;
    private (CampaignFigures Figures, IReadOnlyList<TaskFact> Closed, bool Value)? spansRounds;

    public string Opening =>
        $"为及时掌握巡察整改工作进展,压实整改责任,现将截至{Day(AsOf)}的巡察整改工作进展情况通报如下(范围:{RangeText})。";

    public string TotalsSentence
    {
        get
        {
            var f = Figures;
            if (f.Total == 0)
            {
                return $"截至{Day(AsOf)},范围内尚无整改任务。";
            }

            return $"截至{Day(AsOf)},共有反馈问题{f.ProblemCompletion.Denominator}个、整改任务{f.Total}项,"
                + $"已完成{f.Closed}项、未完成{f.Open}项,整改完成率(按任务){f.TaskCompletion.Text};"
                + $"已整改到位问题{f.ProblemCompletion.Numerator}个,整改完成率(按问题){f.ProblemCompletion.Text}。";
        }
    }

    /// <summary>"其中,立行立改10项,已完成8项;限期整改30项,已完成15项;长期整改5项,阶段性销号1项。"</summary>
    public string CategorySentence
    {
        get
        {
            var rows = Figures.ByCategory.Where(c => c.Total > 0).Select(c => c.Summary).ToList();
            return rows.Count == 0 ? "" : "其中," + string.Join(";", rows) + "。";
        }
    }

    public string StateSentence
    {
        get
        {
            var f = Figures;
            return $"从办理环节看,待交办{f.Registered}项、整改中{f.InProgress}项、待审核{f.AwaitingReview}项、"
                + $"待审签{f.AwaitingSignOff}项、已销号{f.Closed}项。";
        }
    }

    public string TimelinessSentence
    {
        get
        {
            var f = Figures;
            return $"已完成任务中按期完成{f.OnTime.Numerator}项,按期完成率{f.OnTime.Text};"
                + $"逾期未完成{f.Overdue}项,临期或进展停滞预警{f.AtRisk}项。";
        }
    }

    public string OutcomeSentence
    {
        get
        {
            var o = Figures.Outcome;
            return $"通过整改,累计清退资金{o.FundsRecoveredWan.ToString("0.####", CultureInfo.InvariantCulture)}万元,"
                + $"新建制度{o.RulesMade}项、修订制度{o.RulesRevised}项,追责问责{o.PeopleHeldAccountable}人。";
        }
    }

    public string UnitsIntro => Figures.ByUnit.Count == 0
        ? "暂无已交办责任单位的整改任务。"
        : $"按整改完成率排名,各责任单位整改进展情况如下(完成率相同的并列):";

    public string OverdueIntro => Overdue.Count == 0
        ? $"截至{Day(AsOf)},无逾期未完成的整改任务。"
        : $"截至{Day(AsOf)},共有{Overdue.Count}项整改任务超过整改时限仍未完成,请相关责任单位和责任人抓紧整改:";

    public string ClosedSinceIntro => ClosedSince.Count == 0
        ? $"上期通报({Day(Since)})以来至{Day(AsOf)},无新销号的整改任务。"
        : $"上期通报({Day(Since)})以来至{Day(AsOf)},新销号整改任务{ClosedSince.Count}项:";

    public static readonly string[] UnitHeader = ["排名", "责任单位", "任务数", "已完成", "未完成", "逾期", "完成率"];

    public IEnumerable<string[]> UnitRows => Figures.ByUnit.Select(u => new[]
    {
        Num(u.Rank), u.Name, Num(u.Total), Num(u.Closed), Num(u.Open), Num(u.Overdue), u.Completion.Text,
    });

    public static readonly string[] OverdueHeader = ["序号", "编号", "整改措施", "责任单位", "责任人", "整改时限", "逾期天数"];

    public IEnumerable<string[]> OverdueRows => Overdue.Select((r, i) => new[]
    {
        Num(i + 1), r.Task.Code, MeasureOf(r.Task), r.Task.ResponsibleUnitName ?? "未交办", r.Task.ResponsiblePersonName ?? "",
        ReportText.Date(r.Task.Deadline), r.DaysOverdue is { } d ? $"{Num(d)}天" : "",
    });

    public static readonly string[] ClosedHeader = ["序号", "编号", "整改措施", "责任单位", "整改类型", "销号日期"];

    public IEnumerable<string[]> ClosedRows => ClosedSince.Select((f, i) => new[]
    {
        Num(i + 1), f.Code, MeasureOf(f), f.ResponsibleUnitName ?? "", TaskNames.DisplayName(f.Category), ReportText.Date(f.ClosedOn),
    });

    /// <summary>The discreet generated-by line; only the 数据指纹 when the footer is turned off for filing.</summary>
    public string Signature => Stamp.ShowGenerated
        ? $"生成人:{Stamp.GeneratedByName}  生成时间:{Stamp.GeneratedAtText}{Stamp.FingerprintText}"
        : Stamp.FingerprintText.TrimStart();

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
