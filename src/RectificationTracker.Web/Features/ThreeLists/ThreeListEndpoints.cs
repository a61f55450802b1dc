using System.Globalization;
using Microsoft.Net.Http.Headers;
using RectificationTracker.Domain.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.ThreeLists;

/// <summary>Downloads of a round's three-lists template and export: scope-checked and recorded like every download.</summary>
public static class ThreeListEndpoints
{
    public static string TemplateUrl(int roundId) => string.Create(CultureInfo.InvariantCulture, $"/files/rounds/{roundId}/three-lists-template.xlsx");

    public static string ExportUrl(int roundId) => string.Create(CultureInfo.InvariantCulture, $"/files/rounds/{roundId}/three-lists.xlsx");

    public static void MapThreeListEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/files/rounds/{id:int}/three-lists-template.xlsx", (int id, HttpContext http, ActorResolver actors, ThreeListService lists, CancellationToken ct) =>
            SendAsync(http, actors, actor => lists.TemplateAsync(actor, id, ct), ct)).RequireAuthorization();
        app.MapGet("/files/rounds/{id:int}/three-lists.xlsx", (int id, HttpContext http, ActorResolver actors, ThreeListService lists, CancellationToken ct) =>
            SendAsync(http, actors, actor => lists.ExportAsync(actor, id, ct), ct)).RequireAuthorization();
    }

    private static async Task<IResult> SendAsync(HttpContext http, ActorResolver actors,
        Func<Domain.Organisation.Actor, Task<WorkbookFile?>> produce, CancellationToken ct)
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

        var file = await produce(actor).ConfigureAwait(false);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Bytes(file.Content, ThreeListWorkbook.ContentType);
    }
}
