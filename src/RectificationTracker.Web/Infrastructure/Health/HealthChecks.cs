using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RectificationTracker.Web.Data;

namespace RectificationTracker.Web.Infrastructure.Health;

/// <summary>The database answers; reports the provider and its version (SQLite: also journal mode and synchronous setting).</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<TrackerDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var facts = await Database.ReadFactsAsync(db, cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["provider"] = facts.Provider.ToString() };
            if (facts.Provider == DatabaseProvider.Sqlite)
            {
                data["sqliteVersion"] = facts.Version;
                data["journalMode"] = facts.JournalMode ?? "";
                data["synchronous"] = facts.Synchronous ?? "";
            }
            else
            {
                data["serverVersion"] = facts.Version;
            }

            return HealthCheckResult.Healthy("数据库正常", data);
        }
#pragma warning disable CA1031 // a health check reports every failure instead of throwing
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("数据库不可用:" + ex.Message);
        }
    }
}

/// <summary>
/// PDF reports need their font packages (ADR 14); without them the rest of the app keeps working, so this is "degraded".
/// </summary>
public sealed class ReportEngineHealthCheck(PdfWriter.DocumentFonts fonts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["fonts"] = fonts.Describe() };
        if (!fonts.CanDrawChinese)
        {
            return Task.FromResult(HealthCheckResult.Degraded("未安装报表中文字体,PDF 报表不可用;请安装 Debian 软件包 " + string.Join(" ", PdfWriter.DocumentFonts.Packages), data: data));
        }

        return Task.FromResult(fonts.Missing.Count > 0
            ? HealthCheckResult.Degraded("部分报表字体未安装:" + string.Join(", ", fonts.Missing), data: data)
            : HealthCheckResult.Healthy("报表字体齐全", data));
    }
}

public static class HealthEndpoint
{
    public static void MapTrackerHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        // Anonymous callers (load balancers, monitors) learn the status only; versions and paths are
        // for administrators.
        if (!context.User.IsInRole(nameof(Domain.Organisation.Role.Admin)))
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        WriteIndented = true,
    };
}
