using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Cli;

/// <summary>
/// <c>report ledger|flowchart|signoff|bulletin [--round ID] [--unit ID] [--task ID] [--as-of DATE] [--since DATE] [--paper A4|A3] --out FILE</c>:
/// renders a report without the UI, as the operator (administrator scope); the format follows the
/// extension (.pdf, .xlsx for the ledger, .docx for the bulletin). The download is recorded in the history like any other.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The operator as the history records it.</summary>
    public static readonly Actor Operator = new("operator", "系统运维(命令行)", new HashSet<Role> { Role.Admin }, 0, "/");

    public static async Task<int> RunAsync(IServiceProvider services, Options options)
    {
        var realClock = services.GetRequiredService<Clock>();
        var clock = options.AsOf is { } asOf ? AsOfClock(services, asOf) : realClock;
        var ledger = ActivatorUtilities.CreateInstance<LedgerQueries>(services, clock);
        var flowchart = ActivatorUtilities.CreateInstance<FlowchartQueries>(services, ledger, clock);
        var tasks = ActivatorUtilities.CreateInstance<TaskQueries>(services, realClock);
        var reports = ActivatorUtilities.CreateInstance<ReportService>(services, ledger, flowchart, tasks, realClock);
        reports.AsOf = options.AsOf;

        // The bulletin replays the history to its as-of date itself, so it reads the facts on the real clock.
        var dashboard = ActivatorUtilities.CreateInstance<Features.Dashboard.DashboardQueries>(services,
            ActivatorUtilities.CreateInstance<LedgerQueries>(services, realClock), realClock);
        var bulletins = ActivatorUtilities.CreateInstance<BulletinService>(services, reports, dashboard, realClock);
        var bulletin = new BulletinRequest(options.Round, options.Unit, options.AsOf, options.Since);
        if (options.Kind == "bulletin" && bulletin.DatesError(realClock.Today) is { } datesError)
        {
            await Console.Error.WriteLineAsync(datesError).ConfigureAwait(false);
            return 2;
        }

        var outPath = Path.GetFullPath(options.Out);
        var temp = outPath + ".part";
        ReportOutcome outcome;
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            var filter = new LedgerFilter { RoundId = options.Round, UnitId = options.Unit };
            outcome = (options.Kind, options.Format) switch
            {
                ("ledger", "pdf") => await reports.LedgerPdfAsync(Operator, filter, options.Paper, file).ConfigureAwait(false),
                ("ledger", "xlsx") => await reports.LedgerXlsxAsync(Operator, filter, file).ConfigureAwait(false),
                ("bulletin", "docx") => await bulletins.DocxAsync(Operator, bulletin, file).ConfigureAwait(false),
                ("bulletin", _) => await bulletins.PdfAsync(Operator, bulletin, file).ConfigureAwait(false),
                ("flowchart", _) => await reports.FlowchartPdfAsync(Operator, options.Round, options.Unit, file).ConfigureAwait(false),
                _ => await reports.SignOffPdfAsync(Operator, options.Task!.Value, file).ConfigureAwait(false),
            };
        }

        if (outcome.Status != ReportStatus.Ok)
        {
            File.Delete(temp);
            await Console.Error.WriteLineAsync(outcome.Status == ReportStatus.NotFound
                ? "未找到指定的轮次、单位或任务。"
                : outcome.Message).ConfigureAwait(false);
            return 1;
        }

        File.Move(temp, outPath, overwrite: true);
        Console.WriteLine($"已生成:{outPath}({new FileInfo(outPath).Length:N0} 字节)");
        return 0;
    }

    private static Clock AsOfClock(IServiceProvider services, DateOnly asOf)
    {
        var options = services.GetRequiredService<IOptions<TrackerOptions>>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        // Noon of that local day: "today" is the as-of date whatever the offset.
        var noon = TimeZoneInfo.ConvertTimeToUtc(asOf.ToDateTime(new TimeOnly(12, 0)), zone);
        return new Clock(new FixedTime(new DateTimeOffset(noon, TimeSpan.Zero)), options);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    internal sealed record Options(string Kind, string Format, string Out, int? Round, int? Unit, int? Task, DateOnly? AsOf, PaperSize Paper, DateOnly? Since = null);

    private static readonly string[] Kinds = ["ledger", "flowchart", "signoff", "bulletin"];

    /// <summary>The <c>report</c> command: its arguments, the checks between them, and the action.</summary>
    internal static Command Create(Func<ParseResult, Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> host)
    {
        var kind = new Argument<string>("报表")
        {
            Description = "ledger(整改台账)、flowchart(工作流程图)、signoff(销号审签单)或 bulletin(整改进展情况通报)",
        }.AcceptOnlyFromAmong(Kinds);
        var round = PositiveId("--round", "只含该巡察轮次", "轮次ID");
        var unit = PositiveId("--unit", "只含该单位及其下级单位", "单位ID");
        var task = PositiveId("--task", "销号审签单的任务", "任务ID");
        var asOf = Date("--as-of", "截至日期:按该日判断时限与亮灯(通报按历史回放到该日)");
        var since = Date("--since", "通报的上期日期(默认截至日期前 30 天)");
        var paper = new Option<PaperSize>("--paper")
        {
            Description = "台账纸张:A4 或 A3(横向)",
            DefaultValueFactory = _ => PaperSize.A4,
            HelpName = "A4|A3",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value;
                if (Enum.TryParse<PaperSize>(text, ignoreCase: true, out var p) && Enum.IsDefined(p))
                {
                    return p;
                }

                r.AddError($"--paper 须为 A4 或 A3:{text}");
                return PaperSize.A4;
            },
        };
        var output = new Option<string>("--out")
        {
            Description = "输出文件(必填):.pdf;台账也可 .xlsx,通报也可 .docx",
            HelpName = "文件",
        };

        var command = new Command("report", "生成报表(不经界面,以系统运维身份,下载记入历史)") { kind, round, unit, task, asOf, since, paper, output };
        command.Validators.Add(result =>
        {
            var k = result.GetValue(kind);
            var path = result.GetValue(output);
            if (string.IsNullOrWhiteSpace(path))
            {
                result.AddError("请用 --out 指定输出文件。");
                return;
            }

            if (k is null)
            {
                return; // reported by the argument
            }

            var format = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
            if (format is not ("pdf" or "xlsx" or "docx") || (format == "xlsx" && k != "ledger") || (format == "docx" && k != "bulletin"))
            {
                result.AddError(k switch
                {
                    "ledger" => "输出文件扩展名须为 .pdf 或 .xlsx。",
                    "bulletin" => "输出文件扩展名须为 .pdf 或 .docx。",
                    _ => "输出文件扩展名须为 .pdf。",
                });
            }

            if (k == "signoff" && result.GetValue(task) is null)
            {
                result.AddError("销号审签单须用 --task 指定任务。");
            }
        });
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            var options = new Options(parse.GetValue(kind)!, Path.GetExtension(path).TrimStart('.').ToLowerInvariant(), path,
                parse.GetValue(round), parse.GetValue(unit), parse.GetValue(task), parse.GetValue(asOf), parse.GetValue(paper), parse.GetValue(since));
            return host(parse, services => RunAsync(services, options), ct);
        });
        return command;
    }

    private static Option<int?> PositiveId(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return n;
            }

            r.AddError($"{name} 须为正整数:{text}");
            return null;
        },
    };

    private static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM-dd",
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            r.AddError($"{name} 须为日期 yyyy-MM-dd:{text}");
            return null;
        },
    };
}
