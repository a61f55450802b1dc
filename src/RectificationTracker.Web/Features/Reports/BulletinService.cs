using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Features.Reports.Documents;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>
/// 整改进展情况通报: reads the facts in the actor's scope exactly as the dashboard does
/// (<see cref="DashboardQueries.FactsAsync"/>, replayed from the history for a past as-of date), computes
/// them with <see cref="CampaignMetrics"/>, and writes the bulletin as PDF or Word. The round and unit are
/// scope-checked by <see cref="ReportService"/> (out of scope reads as missing and is recorded as denied);
/// every download is recorded in the history.
/// </summary>
public sealed class BulletinService(ReportService reports, DashboardQueries dashboard, Clock clock)
{
    /// <summary>The bulletin's content, or null when the round or unit is out of the actor's scope.</summary>
    public async Task<BulletinModel?> ModelAsync(Actor actor, BulletinRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var scope = await reports.ScopeAsync(actor, request.RoundId, request.UnitId, "导出整改进展情况通报", ct).ConfigureAwait(false);
        if (scope is not { } words)
        {
            return null;
        }

        var today = clock.Today;
        var asOf = request.AsOf is { } a && a < today ? a : today;
        var since = request.Since is { } s && s < asOf ? s : asOf.AddDays(-BulletinRequest.DefaultPeriodDays);
        var filter = new DashboardFilter { RoundId = request.RoundId, UnitId = request.UnitId, AsOf = asOf < today ? asOf : null };
        var facts = await dashboard.FactsAsync(actor, filter, ct).ConfigureAwait(false);
        var figures = CampaignMetrics.Compute(facts, asOf);
        var closedSince = CampaignMetrics.ClosedBetween(facts, since.AddDays(1), asOf);
        var stamp = await reports.StampAsync(actor, ct).ConfigureAwait(false) with { AsOf = asOf };
        return new BulletinModel(words.RoundText, words.ScopeText, asOf, since, figures, closedSince, stamp);
    }

    public async Task<ReportOutcome> PdfAsync(Actor actor, BulletinRequest request, Stream output, CancellationToken ct = default)
    {
        var model = await ModelAsync(actor, request, ct).ConfigureAwait(false);
        if (model is null)
        {
            return ReportOutcome.NotFound();
        }

        var failed = await reports.PrintAsync<BulletinReport>(new Dictionary<string, object?> { ["Model"] = model }, output, ct).ConfigureAwait(false);
        if (failed is not null)
        {
            return failed;
        }

        await RecordAsync(actor, model, "PDF", request.RoundId, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, reports.FileName("整改进展情况通报", model.RoundText, "pdf"));
    }

    public async Task<ReportOutcome> DocxAsync(Actor actor, BulletinRequest request, Stream output, CancellationToken ct = default)
    {
        var model = await ModelAsync(actor, request, ct).ConfigureAwait(false);
        if (model is null)
        {
            return ReportOutcome.NotFound();
        }

        BulletinDocument.Write(model, output);
        await RecordAsync(actor, model, "Word", request.RoundId, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, reports.FileName("整改进展情况通报", model.RoundText, "docx"));
    }

    private Task RecordAsync(Actor actor, BulletinModel model, string format, int? roundId, CancellationToken ct) =>
        reports.RecordDownloadAsync(actor,
            $"导出整改进展情况通报 {format}(截至 {ReportText.Date(model.AsOf)},上期 {ReportText.Date(model.Since)},{model.Figures.Total} 项):{model.RangeText}",
            roundId, null, ct);
}
