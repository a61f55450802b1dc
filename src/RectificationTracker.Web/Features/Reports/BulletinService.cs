using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Reports;
using RectificationTracker.Web.Data;
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
/// <remarks>
/// Issue numbers (第N期) are assigned as <see cref="BulletinIssue"/> documents: on the first download by
/// office staff of the issuing unit, reused for every reprint of the same bulletin, never on a preview.
/// </remarks>
public sealed class BulletinService(ReportService reports, DashboardQueries dashboard, Clock clock,
    IDbContextFactory<TrackerDbContext> dbFactory, UnitDirectory units, ILogger<BulletinService> logger)
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
        var office = await IssuingOfficeAsync(actor, request.RoundId, ct).ConfigureAwait(false);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var roundIds = facts.Select(f => f.RoundId).Distinct().ToList();
        var roundNames = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct).ConfigureAwait(false);
        return new BulletinModel(words.RoundText, words.ScopeText, asOf, since, figures, closedSince, stamp)
        {
            Issuer = office is null ? BulletinModel.DefaultIssuerSuffix : office.BulletinIssuer ?? office.Label + BulletinModel.DefaultIssuerSuffix,
            RoundNames = roundNames,
        };
    }

    /// <summary>The issuing office: the round's office unit, or the actor's own unit for a bulletin of all rounds.</summary>
    private async Task<UnitInfo?> IssuingOfficeAsync(Actor actor, int? roundId, CancellationToken ct)
    {
        var unitId = actor.UnitId;
        if (roundId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
            unitId = await db.Rounds.AsNoTracking().Where(r => r.Id == id).Select(r => r.OfficeUnitId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        }

        return await units.FindAsync(unitId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The model with its issue number when <paramref name="actor"/> is office staff of the issuing unit:
    /// the number of the same bulletin if it was issued before, else the next of the office's year.
    /// </summary>
    private async Task<BulletinModel> IssuedAsync(Actor actor, BulletinRequest request, BulletinModel model, CancellationToken ct)
    {
        var office = await IssuingOfficeAsync(actor, request.RoundId, ct).ConfigureAwait(false);
        if (office is null || !actor.RunsRoundOf(office.Path))
        {
            return model;
        }

        var key = BulletinIssue.ContentKeyOf(request.RoundId, request.UnitId, model.AsOf, model.Since);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
            var existing = await db.BulletinIssues.AsNoTracking().FirstOrDefaultAsync(b => b.OfficeUnitId == office.Id && b.ContentKey == key, ct).ConfigureAwait(false);
            if (existing is not null)
            {
                return model with { IssueLabel = existing.Label };
            }

            var year = model.AsOf.Year;
            var issued = await db.BulletinIssues.Where(b => b.OfficeUnitId == office.Id && b.Year == year).Select(b => b.Number).ToListAsync(ct).ConfigureAwait(false);
            var issue = new BulletinIssue
            {
                OfficeUnitId = office.Id, Year = year, Number = BulletinIssue.NextNumber(issued), ContentKey = key,
                IssuedAtUtc = clock.UtcNow, IssuedById = actor.UserId, IssuedByName = actor.Name,
            };
            db.BulletinIssues.Add(issue);
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return model with { IssueLabel = issue.Label };
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // Another download took the number (or issued the same bulletin) at the same moment: look again.
                logger.LogInformation(ex, "Bulletin issue number for office {OfficeId} taken concurrently; retrying", office.Id);
            }
        }
    }

    public async Task<ReportOutcome> PdfAsync(Actor actor, BulletinRequest request, Stream output, CancellationToken ct = default)
    {
        var model = await ModelAsync(actor, request, ct).ConfigureAwait(false);
        if (model is null)
        {
            return ReportOutcome.NotFound();
        }

        model = await IssuedAsync(actor, request, model, ct).ConfigureAwait(false);
        if (await reports.WriteNativeAsync((fonts, file) => BulletinPdf.Write(model, fonts, file), output, ct).ConfigureAwait(false) is { } failed)
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

        model = await IssuedAsync(actor, request, model, ct).ConfigureAwait(false);
        BulletinDocument.Write(model, output);
        await RecordAsync(actor, model, "Word", request.RoundId, ct).ConfigureAwait(false);
        return new ReportOutcome(ReportStatus.Ok, reports.FileName("整改进展情况通报", model.RoundText, "docx"));
    }

    private Task RecordAsync(Actor actor, BulletinModel model, string format, int? roundId, CancellationToken ct) =>
        reports.RecordDownloadAsync(actor,
            $"导出整改进展情况通报 {format}{(model.IssueLabel is null ? "" : " " + model.IssueLabel)}(截至 {ReportText.Date(model.AsOf)},上期 {ReportText.Date(model.Since)},{model.Figures.Total} 项):{model.RangeText}",
            roundId, null, ct);
}
