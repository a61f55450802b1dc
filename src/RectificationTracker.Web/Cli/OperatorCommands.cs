using System.CommandLine;
using System.Globalization;
using System.CommandLine.Help;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Cli;

/// <summary>
/// Operator subcommands of the executable (<c>RectificationTracker.Web migrate</c> and friends), on
/// System.CommandLine with Chinese help (<c>--help</c>). Exit codes: 0 success, 1 the command failed
/// (a Chinese message on stderr), 2 bad arguments or a broken history chain. Configuration overrides
/// (<c>--Tracker:DataDirectory=…</c>) may be given anywhere and go to the host, not the parser.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Names = ["migrate", "seed", "verify-history", "parse-feedback", "report", "backup", "copy-to-postgres"];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Names.Contains(args[0], StringComparer.Ordinal) || args[0] is "help" or "--help" or "-h" or "-?");

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        // Help and parse errors in Chinese (System.CommandLine ships zh-Hans texts), whatever the shell's locale.
        CultureInfo.CurrentUICulture = TrackerServiceCollectionExtensions.Culture;
        var settings = args.Where(IsSetting).ToArray();
        var words = args.Where(a => !IsSetting(a)).ToArray();
        if (words is ["help", .. var rest])
        {
            words = [.. rest, "--help"];
        }

        var parse = Build(settings).Parse(words);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"用法请见:RectificationTracker.Web {parse.CommandResult.Command.Name} --help").ConfigureAwait(false);
            return 2;
        }

        if (parse.Action is HelpAction)
        {
            // System.CommandLine 2.0.0's zh-Hans texts lack two of its own help strings.
            using var help = new StringWriter(CultureInfo.InvariantCulture);
            var code = await parse.InvokeAsync(new InvocationConfiguration { Output = help }).ConfigureAwait(false);
            Console.Write(help.ToString()
                .Replace("Description:", "说明:", StringComparison.Ordinal)
                .Replace("Show help and usage information", "显示帮助和用法信息", StringComparison.Ordinal)
                .Replace("[default: ", "[默认:", StringComparison.Ordinal)
                .Replace("(REQUIRED)", "(必填)", StringComparison.Ordinal));
            return code;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary><c>--Section:Key=value</c>: a configuration override for the host.</summary>
    private static bool IsSetting(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 2 && arg.AsSpan(2, eq - 2).Contains(':');
    }

    private static RootCommand Build(string[] settings)
    {
        Task<int> Host(ParseResult parse, Func<IServiceProvider, Task<int>> run, CancellationToken ct) =>
            WithHostAsync(parse.CommandResult.Command.Name, settings, run);

        var migrate = new Command("migrate", "创建或升级数据库(应用全部迁移)");
        migrate.SetAction((parse, ct) => Host(parse, MigrateAsync, ct));
        var seed = new Command("seed", "应用迁移,写入角色、首个管理员及(若开启)演示数据");
        seed.SetAction((parse, ct) => Host(parse, SeedAsync, ct));
        var anchor = new Option<ChainAnchor?>("--anchor")
        {
            Description = "报表上打印的数据指纹(如 490-3fa9c2e1b04d77aa),核对历史记录未被截断或整体重算",
            HelpName = "数据指纹",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value;
                if (ChainAnchor.TryParseFingerprint(text, out var a))
                {
                    return a;
                }

                r.AddError($"--anchor 须为“条数-哈希前 16 位以上”,如 490-3fa9c2e1b04d77aa:{text}");
                return null;
            },
        };
        var verify = new Command("verify-history",
            "校验历史记录:哈希链、外部锚点(截断或整体重算)、任务状态与历史是否相符;发现问题时退出码 2") { anchor };
        verify.SetAction((parse, ct) => Host(parse, sp => VerifyHistoryCommand.RunAsync(sp, parse.GetValue(anchor), ct), ct));

        return new RootCommand("巡察整改销号管理系统 · 运维命令(不带命令则启动网站;配置可用 --Tracker:DataDirectory=… 覆盖)")
        {
            migrate,
            seed,
            verify,
            ParseFeedbackCommand.Create(),
            ReportCommand.Create(Host),
            BackupCommand.Create(Host),
            CopyToPostgresCommand.Create(Host),
        };
    }

    /// <summary>The app's services without its web server, for one command.</summary>
    private static async Task<int> WithHostAsync(string name, string[] settings, Func<IServiceProvider, Task<int>> run)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(settings);
            builder.AddTrackerConfiguration();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddTrackerData(builder.Configuration);
            builder.Services.AddTrackerIdentity();
            builder.Services.AddTrackerFeatures();
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            return await run(scope.ServiceProvider).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the operator gets a Chinese message and a non-zero exit, whatever failed
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"命令“{name}”执行失败:{ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider sp)
    {
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(sp);
        await init.RunAsync(Console.Out, seed: false).ConfigureAwait(false);
        Console.WriteLine("数据库已是最新版本。");
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider sp)
    {
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(sp);
        await init.RunAsync(Console.Out, seed: true).ConfigureAwait(false);
        Console.WriteLine("初始化完成。");
        return 0;
    }

}
