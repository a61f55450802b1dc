using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Web.Features.Rounds;
using RectificationTracker.Web.Features.ThreeLists;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 4's figures: parse a 100-page feedback document (≤ 1 s), and validate + import a 5,000-row
/// three-lists sheet into a fresh round (≤ 10 s, peak memory under 300 MB; the process's peak working
/// set, app included, is printed at the end).
/// </summary>
[MemoryDiagnoser]
public class IntakeBenchmarks
{
    private BenchApp _app = null!;
    private Actor _office = null!;
    private string _document = "";
    private byte[] _sheet = [];
    private int _roundId;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _document = HundredPageDocument();
        _app = await BenchApp.StartAsync(0);
        _office = await _app.ActorAsync("office");
        _sheet = FiveThousandRows();
        Console.WriteLine($"// feedback document: {_document.Length:N0} characters, {_document.Count(c => c == '\n'):N0} lines; sheet: {_sheet.Length:N0} bytes");
    }

    [IterationSetup(Target = nameof(ImportFiveThousandRows))]
    public void NewRound() => _roundId = NewRoundAsync(_app, _office).GetAwaiter().GetResult();

    [Benchmark]
    public int ParseHundredPageDocument() => FeedbackParser.Parse(_document).Aspects.Sum(a => a.Problems.Count);

    [Benchmark]
    public int ImportFiveThousandRows()
    {
        var outcome = _app.Service<ThreeListService>().CommitAsync(_office, _roundId, new MemoryStream(_sheet), "bench.xlsx").GetAwaiter().GetResult();
        if (!outcome.Committed)
        {
            throw new InvalidOperationException(outcome.Message + " " + string.Join(";", outcome.Errors.Take(3).Select(e => e.Message)));
        }

        return outcome.Plan!.Creates;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// peak working set of the benchmark process (app included): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
        _app.Dispose();
    }

    /// <summary>An empty round run by <paramref name="office"/>'s unit, to import a sheet into.</summary>
    internal static async Task<int> NewRoundAsync(BenchApp app, Actor office)
    {
        var result = await app.Service<RoundService>().SaveRoundAsync(office, new RoundForm
        {
            Name = "导入基准 " + Guid.NewGuid().ToString("N")[..8],
            Kind = RoundKind.Regular,
            InspectingBody = "市委第一巡察组",
            OfficeUnitId = office.UnitId,
            InspectedUnitIds = [office.UnitId],
            FeedbackDate = new DateTime(2026, 5, 10),
            RectificationDeadline = new DateTime(2026, 12, 31),
        });
        return result.Value;
    }

    /// <summary>About 100 A4 pages: 20 aspects × 15 problems of several paragraphs, with page headers and footers.</summary>
    private static string HundredPageDocument()
    {
        var sb = new StringBuilder();
        var line = 0;
        var page = 1;
        void Line(string text)
        {
            sb.Append(text).Append('\n');
            if (++line % 24 == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- {page} -\n关于巡察市某局党组的反馈意见\n");
                page++;
            }
        }

        Line("关于巡察市某局党组的反馈意见");
        Line("一、总体评价");
        Line("市某局党组能够认真贯彻落实党中央和省委、市委决策部署,班子团结,作风务实,各项工作取得了一定成效。");
        Line("二、存在的主要问题");
        var n = 0;
        for (var a = 1; a <= 20; a++)
        {
            Line($"({ChineseNumerals.Format(a)})第{a}方面的问题表现在贯彻落实上级决策部署不到位、不到底");
            for (var p = 0; p < 15; p++)
            {
                n++;
                Line(string.Create(CultureInfo.InvariantCulture, $"{n}.第{n}个问题的标题说明了存在的主要不足。一是理论学习不够深入,学习方式单一,以读文件、念报纸为主,研讨交流不够充分。二是制度执行不严格,部分制度流于形式,监督检查不到位。"));
                Line("三是整改落实不彻底,对上次巡察反馈问题整改“回头看”不够,个别问题反弹回潮,长效机制尚未建立健全。");
                Line("(1)会议记录不规范,存在事后补记情况。(2)财务报销手续不完善,部分票据缺少经办人签字。");
            }
        }

        Line("三、意见建议");
        Line("(一)强化理论武装。一是完善学习制度。二是创新学习方式。");
        return sb.ToString();
    }

    /// <summary>5,000 task rows: 1,000 new problems in 10 aspects, five tasks each, as a person would fill the template.</summary>
    internal static byte[] FiveThousandRows()
    {
        string[] leaders = ["李建国", "王志强", "赵文华"];
        string[] units = ["办公室", "政治部", "第一检察部", "第二检察部", "计划财务装备部"];
        string[] categories = ["立行立改", "限期整改", "长期整改"];
        var rows = new List<IReadOnlyList<string>>();
        for (var p = 1; p <= 1000; p++)
        {
            for (var t = 1; t <= 5; t++)
            {
                var category = categories[(p + t) % 3];
                rows.Add([
                    $"({ChineseNumerals.Format(((p - 1) / 100) + 1)})第{((p - 1) / 100) + 1}方面", p.ToString(CultureInfo.InvariantCulture), $"第{p}个问题:制度执行不严格,监督检查不到位",
                    t.ToString(CultureInfo.InvariantCulture), $"针对第{p}个问题制定第{t}项整改措施,明确责任,限期完成并建立长效机制", category,
                    leaders[p % 3], units[t - 1], units[(t + 1) % 5], "张三", category == "长期整改" ? "" : "2026-09-30",
                ]);
            }
        }

        using var buffer = new MemoryStream();
        ThreeListWorkbook.Write(buffer, rows, units, leaders, "基准");
        return buffer.ToArray();
    }
}
