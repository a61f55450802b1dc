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
    public const string Usage =
        "用法:report ledger|flowchart|signoff|bulletin [--round 轮次ID] [--unit 单位ID] [--task 任务ID] [--as-of yyyy-MM-dd] [--since yyyy-MM-dd] [--paper A4|A3] --out 文件(.pdf、台账 .xlsx 或通报 .docx)";

    /// <summary>The operator as the history records it.</summary>
    public static readonly Actor Operator = new("operator", "系统运维(命令行)", new HashSet<Role> { Role.Admin }, 0, "/");

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

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
            await Console.Error.WriteLineAsync(datesError + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

        var outPath = Path.GetFullPath(options.Out!);
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

    internal sealed record Options(string Kind, string Format, string? Out, int? Round, int? Unit, int? Task, DateOnly? AsOf, PaperSize Paper, DateOnly? Since = null);

    internal static bool TryParse(string[] args, out Options options, out string error)
    {
        options = new Options("", "", null, null, null, null, null, PaperSize.A4);
        error = "";
        if (args.Length == 0 || args[0] is not ("ledger" or "flowchart" or "signoff" or "bulletin"))
        {
            error = "请指定报表:ledger(整改台账)、flowchart(工作流程图)、signoff(销号审签单)或 bulletin(整改进展情况通报)。";
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"无法识别的参数:{arg}";
                return false;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && arg.AsSpan(2, eq - 2).Contains(':'))
            {
                continue; // a configuration override (--Tracker:DataDirectory=…), read by the host builder
            }

            if (eq > 0)
            {
                values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                error = $"参数 {arg} 缺少取值。";
                return false;
            }
        }

        var unknown = values.Keys.FirstOrDefault(k => k is not ("round" or "unit" or "task" or "as-of" or "since" or "out" or "paper"));
        if (unknown is not null)
        {
            error = $"无法识别的参数:--{unknown}";
            return false;
        }

        int? Int(string key, ref string err)
        {
            if (!values.TryGetValue(key, out var v))
            {
                return null;
            }

            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return n;
            }

            err = $"--{key} 须为正整数:{v}";
            return null;
        }

        var round = Int("round", ref error);
        var unit = Int("unit", ref error);
        var task = Int("task", ref error);
        if (error.Length > 0)
        {
            return false;
        }

        DateOnly? asOf = null;
        if (values.TryGetValue("as-of", out var asOfText))
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                error = $"--as-of 须为日期 yyyy-MM-dd:{asOfText}";
                return false;
            }

            asOf = d;
        }

        DateOnly? since = null;
        if (values.TryGetValue("since", out var sinceText))
        {
            if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                error = $"--since 须为日期 yyyy-MM-dd:{sinceText}";
                return false;
            }

            since = d;
        }

        if (!values.TryGetValue("out", out var outPath) || string.IsNullOrWhiteSpace(outPath))
        {
            error = "请用 --out 指定输出文件。";
            return false;
        }

        var format = Path.GetExtension(outPath).TrimStart('.').ToLowerInvariant();
        if (format is not ("pdf" or "xlsx" or "docx") || (format == "xlsx" && args[0] != "ledger") || (format == "docx" && args[0] != "bulletin"))
        {
            error = args[0] switch
            {
                "ledger" => "输出文件扩展名须为 .pdf 或 .xlsx。",
                "bulletin" => "输出文件扩展名须为 .pdf 或 .docx。",
                _ => "输出文件扩展名须为 .pdf。",
            };
            return false;
        }

        if (args[0] == "signoff" && task is null)
        {
            error = "销号审签单须用 --task 指定任务。";
            return false;
        }

        var paper = PaperSize.A4;
        if (values.TryGetValue("paper", out var paperText))
        {
            if (!Enum.TryParse(paperText, ignoreCase: true, out paper) || !Enum.IsDefined(paper))
            {
                error = $"--paper 须为 A4 或 A3:{paperText}";
                return false;
            }
        }

        options = new Options(args[0], format, outPath, round, unit, task, asOf, paper, since);
        return true;
    }
}
