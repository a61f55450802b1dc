using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Cli;

/// <summary>
/// Operator subcommands of the executable: <c>RectificationTracker.Web migrate</c> and friends.
/// Each exits 0 on success and non-zero with a Chinese message on failure.
/// </summary>
public static class OperatorCommands
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, string[], Task<int>> Run)> Commands =
        new(StringComparer.Ordinal)
        {
            ["migrate"] = ("创建或升级数据库(应用全部迁移)", MigrateAsync),
            ["seed"] = ("应用迁移并写入角色、首个管理员及(若开启)演示数据", SeedAsync),
            ["verify-history"] = ("校验历史记录哈希链,报告第一条被篡改的记录", VerifyHistoryAsync),
            ["parse-feedback"] = ("解析巡察反馈意见(.txt/.docx),以 JSON 输出提纲:parse-feedback 文件", ParseFeedbackCommand.RunAsync),
            ["report"] = ("生成报表:report ledger|flowchart|signoff|bulletin [--round ID] [--unit ID] [--task ID] [--as-of 日期] [--since 日期] --out 文件(.pdf/.xlsx/.docx)", ReportCommand.RunAsync),
        };

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help");

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine("用法:RectificationTracker.Web [命令] [参数]   (不带命令则启动网站)");
            foreach (var (name, (help, _)) in Commands)
            {
                Console.WriteLine($"  {name,-16}{help}");
            }

            return 0;
        }

        Console.OutputEncoding = System.Text.Encoding.UTF8;
        try
        {
            var builder = WebApplication.CreateBuilder(args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray());
            builder.AddTrackerConfiguration();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddTrackerData(builder.Configuration);
            builder.Services.AddTrackerIdentity();
            builder.Services.AddTrackerFeatures();
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            return await Commands[args[0]].Run(scope.ServiceProvider, args[1..]).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the operator gets a Chinese message and a non-zero exit, whatever failed
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"命令“{args[0]}”执行失败:{ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider sp, string[] args)
    {
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(sp);
        await init.RunAsync(Console.Out, seed: false).ConfigureAwait(false);
        Console.WriteLine("数据库已是最新版本。");
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider sp, string[] args)
    {
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(sp);
        await init.RunAsync(Console.Out, seed: true).ConfigureAwait(false);
        Console.WriteLine("初始化完成。");
        return 0;
    }

    private static Task<int> VerifyHistoryAsync(IServiceProvider sp, string[] args) => VerifyHistoryCommand.RunAsync(sp);
}
