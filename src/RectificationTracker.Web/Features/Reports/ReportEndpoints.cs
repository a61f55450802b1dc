using System.Globalization;
using System.Net;
using Microsoft.Net.Http.Headers;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>
/// The report downloads. Each resolves the signed-in actor, lets <see cref="ReportService"/> apply role and
/// unit scope and record the download, writes the file to a temp file first (so a failed render becomes a
/// clear message, never half a file), then streams it and deletes it.
/// </summary>
public static class ReportEndpoints
{
    public const string LedgerPdfRoute = "/reports/ledger.pdf";
    public const string LedgerXlsxRoute = "/reports/ledger.xlsx";
    public const string SignOffRoute = "/reports/tasks/{id:int}/signoff.pdf";
    public const string FlowchartRoute = "/reports/flowchart.pdf";
    public const string BulletinPdfRoute = "/reports/bulletin.pdf";
    public const string BulletinDocxRoute = "/reports/bulletin.docx";

    /// <summary>The bulletin download: <c>round</c>, <c>unit</c>, <c>asof</c> and <c>since</c> (yyyy-MM-dd) as given.</summary>
    public static string BulletinUrl(BulletinRequest request, bool word)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (request.RoundId is { } r)
        {
            query["round"] = r.ToString(CultureInfo.InvariantCulture);
        }

        if (request.UnitId is { } u)
        {
            query["unit"] = u.ToString(CultureInfo.InvariantCulture);
        }

        if (request.AsOf is { } a)
        {
            query["asof"] = ReportText.Date(a);
        }

        if (request.Since is { } s)
        {
            query["since"] = ReportText.Date(s);
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(word ? BulletinDocxRoute : BulletinPdfRoute, query);
    }

    /// <summary>Reads a bulletin request from a query string; null with a Chinese reason when a value is malformed.</summary>
    public static BulletinRequest? ParseBulletin(IQueryCollection query, out string error)
    {
        ArgumentNullException.ThrowIfNull(query);
        error = "";
        int? Id(string key, ref string err)
        {
            var v = query[key].ToString();
            if (v.Length == 0)
            {
                return null;
            }

            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return n;
            }

            err = "参数有误:" + key;
            return null;
        }

        DateOnly? Day(string key, ref string err)
        {
            var v = query[key].ToString();
            if (v.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            err = "日期格式应为 yyyy-MM-dd:" + key;
            return null;
        }

        var request = new BulletinRequest(Id("round", ref error), Id("unit", ref error), Day("asof", ref error), Day("since", ref error));
        return error.Length == 0 ? request : null;
    }

    public static string LedgerPdfUrl(LedgerFilter filter, PaperSize paper) =>
        LedgerPdfRoute + Query(filter) + (paper == PaperSize.A4 ? "" : (Query(filter).Length == 0 ? "?" : "&") + "paper=A3");

    public static string LedgerXlsxUrl(LedgerFilter filter) => LedgerXlsxRoute + Query(filter);

    public static string SignOffUrl(int taskId) => string.Create(CultureInfo.InvariantCulture, $"/reports/tasks/{taskId}/signoff.pdf");

    public static string FlowchartUrl(int? roundId, int? unitId) =>
        FlowchartRoute + new LedgerFilter { RoundId = roundId, UnitId = unitId }.ToQueryString();

    /// <summary>The ledger's filter without paging: a report covers every matching row.</summary>
    private static string Query(LedgerFilter filter) => (filter with { Page = 0, PageSize = 25 }).ToQueryString();

    public static void MapReportEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/reports").RequireAuthorization();
        group.MapGet("/ledger.pdf", (HttpContext http, ActorResolver actors, ReportService reports, CancellationToken ct) =>
        {
            var filter = LedgerFilter.Parse(http.Request.QueryString.Value);
            var paper = string.Equals(http.Request.Query["paper"], "A3", StringComparison.OrdinalIgnoreCase) ? PaperSize.A3 : PaperSize.A4;
            return SendAsync(http, actors, "application/pdf", (actor, stream) => reports.LedgerPdfAsync(actor, filter, paper, stream, ct), ct);
        });
        group.MapGet("/ledger.xlsx", (HttpContext http, ActorResolver actors, ReportService reports, CancellationToken ct) =>
        {
            var filter = LedgerFilter.Parse(http.Request.QueryString.Value);
            return SendAsync(http, actors, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                (actor, stream) => reports.LedgerXlsxAsync(actor, filter, stream, ct), ct);
        });
        group.MapGet("/tasks/{id:int}/signoff.pdf", (int id, HttpContext http, ActorResolver actors, ReportService reports, CancellationToken ct) =>
            SendAsync(http, actors, "application/pdf", (actor, stream) => reports.SignOffPdfAsync(actor, id, stream, ct), ct));
        group.MapGet("/flowchart.pdf", (HttpContext http, ActorResolver actors, ReportService reports, CancellationToken ct) =>
        {
            var filter = LedgerFilter.Parse(http.Request.QueryString.Value);
            return SendAsync(http, actors, "application/pdf",
                (actor, stream) => reports.FlowchartPdfAsync(actor, filter.RoundId, filter.UnitId, stream, ct), ct);
        });
        group.MapGet("/bulletin.pdf", (HttpContext http, ActorResolver actors, BulletinService bulletins, Clock clock, CancellationToken ct) =>
            BulletinAsync(http, actors, bulletins, clock, word: false, ct));
        group.MapGet("/bulletin.docx", (HttpContext http, ActorResolver actors, BulletinService bulletins, Clock clock, CancellationToken ct) =>
            BulletinAsync(http, actors, bulletins, clock, word: true, ct));
    }

    private static Task<IResult> BulletinAsync(HttpContext http, ActorResolver actors, BulletinService bulletins, Clock clock, bool word, CancellationToken ct)
    {
        var request = ParseBulletin(http.Request.Query, out var error);
        error = request is null ? error : request.DatesError(clock.Today) ?? "";
        if (request is null || error.Length > 0)
        {
            return Task.FromResult<IResult>(Page(StatusCodes.Status400BadRequest, "参数有误", error));
        }

        return word
            ? SendAsync(http, actors, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                (actor, stream) => bulletins.DocxAsync(actor, request, stream, ct), ct)
            : SendAsync(http, actors, "application/pdf", (actor, stream) => bulletins.PdfAsync(actor, request, stream, ct), ct);
    }

    private static async Task<IResult> SendAsync(HttpContext http, ActorResolver actors, string contentType,
        Func<Actor, Stream, Task<ReportOutcome>> produce, CancellationToken ct)
    {
        Actor actor;
        try
        {
            actor = await actors.ResolveAsync(http.User, ct).ConfigureAwait(false);
        }
        catch (DomainException)
        {
            return TypedResults.Forbid();
        }

        var path = Path.Combine(Path.GetTempPath(), "rt-report-" + Guid.NewGuid().ToString("N"));
        ReportOutcome outcome;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                outcome = await produce(actor, file).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        if (outcome.Status != ReportStatus.Ok)
        {
            File.Delete(path);
            return outcome.Status == ReportStatus.NotFound
                ? Page(StatusCodes.Status404NotFound, "未找到", outcome.Message!)
                : Page(StatusCodes.Status503ServiceUnavailable, "报表生成失败", outcome.Message!);
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(outcome.FileName!);
        var headers = http.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        return TypedResults.Stream(content, contentType);
    }

    /// <summary>A small Chinese page for a failed download (the user followed a link, not an API call).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Page(int status, string title, string message) => TypedResults.Content(
        $$"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{title}} - 巡察整改销号管理系统</title>
        <style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:3rem;color:#222}.box{max-width:40rem;border:1px solid #e0b0b0;background:#fff6f6;padding:1rem 1.5rem;border-radius:6px}</style></head>
        <body><div class="box" role="alert"><h1 style="font-size:1.25rem">{{title}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p>
        <p><a href="javascript:history.back()">返回上一页</a></p></div></body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
