using System.Globalization;
using Microsoft.Net.Http.Headers;
using RectificationTracker.Domain.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Evidence;

/// <summary>The download endpoint of evidence files: the only way to their bytes.</summary>
public static class EvidenceEndpoints
{
    public const string DownloadRoute = "/files/evidence/{id:int}";

    public static string DownloadUrl(int id, bool inline = false) =>
        string.Create(CultureInfo.InvariantCulture, $"/files/evidence/{id}") + (inline ? "?inline=true" : "");

    public static void MapEvidenceEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Login is required by the fallback policy; say it here too so the endpoint never depends on it.
        app.MapGet(DownloadRoute, DownloadAsync).RequireAuthorization();
    }

    private static async Task<IResult> DownloadAsync(
        int id,
        bool? inline,
        HttpContext http,
        ActorResolver actors,
        EvidenceService evidence,
        CancellationToken ct)
    {
        Domain.Organisation.Actor actor;
        try
        {
            actor = await actors.ResolveAsync(http.User, ct).ConfigureAwait(false);
        }
        catch (DomainException)
        {
            return TypedResults.Forbid();
        }

        var download = await evidence.OpenDownloadAsync(actor, id, inline == true, ct).ConfigureAwait(false);
        switch (download.Outcome)
        {
            case DownloadOutcome.NotFound:
                // 404 rather than 403: whether the file exists is itself not for this user to learn.
                return TypedResults.NotFound();
            case DownloadOutcome.ContentMissing:
                return TypedResults.Problem(
                    detail: "文件内容丢失,请联系系统管理员。",
                    statusCode: StatusCodes.Status500InternalServerError,
                    title: "无法下载佐证材料");
        }

        var file = download.File!;
        var disposition = new ContentDispositionHeaderValue(inline == true && file.CanPreview ? "inline" : "attachment");
        // filename= (ASCII fallback) and filename*=UTF-8''…; a row stored before names were checked still
        // leaves with an extension of its sniffed type (evil.html holding text → evil.html.txt).
        disposition.SetHttpFileName(EvidenceNames.ForType(file.FileName, file.Kind));
        var headers = http.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        // No range processing: one request is one delivery, and one history record.
        return TypedResults.Stream(download.Content!, file.ContentType);
    }
}
