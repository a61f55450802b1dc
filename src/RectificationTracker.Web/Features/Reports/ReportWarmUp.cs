using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports.Documents;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Infrastructure.PdfWriter;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>
/// Makes the first report after start cost what every later one does (issue 15, ADR 14). In the background when the
/// app starts: the fonts are loaded and a page is written in every face; then, when an office account and a task
/// exist, the ledger, the sign-off sheet, the flowchart and the bulletin (and the whole campaign's bulletin figures) are
/// prepared from the highest office account's real data through the report service's own steps and written to nowhere,
/// so EF Core has compiled each report's queries and the JIT the layout code; then a history record is appended to the
/// chain inside a transaction that is rolled back, which compiles the append every download and transition makes; then
/// every common character is resolved and measured in the documents' faces; last, after a pause, the reports are
/// prepared once more, so the JIT optimises their code before the first request (<see cref="CountedPassDelay"/>).
/// Nothing is recorded, kept or sent: a warm-up reads only what its office account may read (no denied attempt), and
/// the rolled-back record never existed.
/// </summary>
public sealed class ReportWarmUp(IServiceProvider services, IConfiguration configuration, IHostApplicationLifetime lifetime,
    ILogger<ReportWarmUp> logger) : IHostedService
{
    /// <summary>Configuration key: false skips the warm-up (tests and benchmarks that print nothing); default true.</summary>
    public const string Key = "Tracker:Reports:WarmUpOnStart";

    /// <summary>Rows of the sample ledger written: enough for every layout path (page break, repeated header) at little cost.</summary>
    private const int SampleLedgerRows = 40;

    /// <summary>The largest scope whose whole-campaign figures are prepared (~0.3 s of background work at 10,000 tasks).</summary>
    private const int WholeCampaignFiguresUpTo = 20_000;

    /// <summary>
    /// The pause before the second pass. The runtime's tiered JIT first compiles a method quickly, unoptimised, and
    /// recompiles it optimised after 30 calls, but it starts counting calls only once no new method has been compiled
    /// for 100 ms: the first pass runs while the app is still starting, so none of its calls count, and the first
    /// reports used to run the layout in unoptimised code (the whole campaign's bulletin took four to six runs to be
    /// fast; ADR 14, sixth pass). After this pause the second pass's calls count. Tiered PGO is off in the project
    /// for the same reason: it puts an instrumented stage, with 30 more counted calls, before the optimised one.
    /// </summary>
    internal static readonly TimeSpan CountedPassDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Completes when the warm-up is over (at once when it is turned off); never faults.</summary>
    public Task Completed { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue(Key, true))
        {
            Completed = Task.Run(() => RunAsync(lifetime.ApplicationStopping), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for a running warm-up, which the stopping application has already cancelled.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        Completed.WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var fonts = services.GetRequiredService<DocumentFonts>();
            PdfWriterWarmUp.WriteSamplePage(fonts);
            if (fonts.Missing.Count > 0)
            {
                logger.LogWarning("Report fonts not installed: {Missing}", string.Join(", ", fonts.Missing));
                return;
            }

            logger.LogInformation("Report fonts loaded in {Elapsed} ms: {Faces}", watch.ElapsedMilliseconds, fonts.Describe());
            watch.Restart();
            var warmed = await WarmReportsAsync(ct).ConfigureAwait(false);
            logger.LogInformation("Report queries warmed in {Elapsed} ms: {Warmed}", watch.ElapsedMilliseconds, warmed);
            watch.Restart();
            PdfWriterWarmUp.PrepareCharacters(fonts);
            logger.LogInformation("Report characters measured in {Elapsed} ms", watch.ElapsedMilliseconds);

            // The same steps once more, now that the JIT counts calls (see CountedPassDelay), so the reports' per-row and
            // per-character code is recompiled optimised in the background before the first report, not during it.
            await Task.Delay(CountedPassDelay, ct).ConfigureAwait(false);
            watch.Restart();
            await WarmReportsAsync(ct).ConfigureAwait(false);
            logger.LogInformation("Report code run again in {Elapsed} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && ct.IsCancellationRequested)
        {
            // The app stopped while starting.
        }
#pragma warning disable CA1031 // a failed warm-up costs the first report its speed, never the app its start
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Report warm-up failed; the first report will be slower");
        }
    }

    /// <summary>Prepares and writes each report to nowhere for an office account, then rolls back a history append; says what was warmed.</summary>
    internal async Task<string> WarmReportsAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var dbFactory = sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        if (await OfficeActorAsync(dbFactory, ct).ConfigureAwait(false) is not { } actor)
        {
            return "no office account yet";
        }

        // The ledger page as an office user first sees it; its first row is a task and a round the account may read.
        var ledgerQueries = sp.GetRequiredService<LedgerQueries>();
        var page = await ledgerQueries.PageAsync(actor, new LedgerFilter(), ct).ConfigureAwait(false);
        if (page.Rows.Count == 0)
        {
            return "no task yet";
        }

        var first = page.Rows[0];

        var reports = sp.GetRequiredService<ReportService>();
        if (await reports.LedgerModelAsync(actor, new LedgerFilter { RoundId = first.RoundId }, PaperSize.A4, ct).ConfigureAwait(false) is { } ledger)
        {
            var sample = ledger with { Rows = ledger.Rows.Take(SampleLedgerRows).ToList() };
            await reports.WriteNativeAsync((fonts, file) => LedgerPdf.Write(sample, fonts, file), Stream.Null, ct).ConfigureAwait(false);
        }

        // A closed task's sheet, when there is one, has every part: progress, evidence, the signed application and its rules.
        var closed = await ledgerQueries.PageAsync(actor, new LedgerFilter { State = TaskState.Closed }, ct).ConfigureAwait(false);
        var sheetTask = closed.Rows.Count > 0 ? closed.Rows[0].Id : first.Id;
        if (await sp.GetRequiredService<TaskQueries>().DetailAsync(actor, sheetTask, "预热", ct).ConfigureAwait(false) is { } detail)
        {
            await reports.WriteSignOffAsync(actor, detail, Stream.Null, ct).ConfigureAwait(false);
        }

        if (await reports.FlowchartModelAsync(actor, first.RoundId, null, ct).ConfigureAwait(false) is { } flowchart)
        {
            var stamp = await reports.StampAsync(actor, ct).ConfigureAwait(false);
            await reports.WriteNativeAsync((fonts, file) => FlowchartPdf.Write(flowchart, stamp, fonts, file), Stream.Null, ct).ConfigureAwait(false);
        }

        var bulletins = sp.GetRequiredService<BulletinService>();
        if (await bulletins.ModelAsync(actor, new BulletinRequest(first.RoundId), ct).ConfigureAwait(false) is { } bulletin)
        {
            await reports.WriteNativeAsync((fonts, file) => BulletinPdf.Write(bulletin, fonts, file), Stream.Null, ct).ConfigureAwait(false);
        }

        // The whole campaign's figures too (its layout and writing are the round's): their queries are not a round's (no
        // round filter; over a thousand tasks, the measures are read by round), and EF Core compiles each shape once.
        // Not for a scope so large that reading its facts would make start-up work of its own.
        if (page.Total <= WholeCampaignFiguresUpTo)
        {
            await bulletins.ModelAsync(actor, new BulletinRequest(), ct).ConfigureAwait(false);
        }

        // Shaped as a sign-off sheet's download record (its task and round), which the first sheet after start appends.
        await AppendRolledBackAsync(dbFactory, reports, actor, first.RoundId, first.Id, ct).ConfigureAwait(false);
        return "ledger, sign-off sheet, flowchart, bulletin, history append";
    }

    /// <summary>
    /// A task's download record appended as every download appends it (<see cref="ReportService.AppendDownloadAsync"/>:
    /// sealed onto the head and inserted), inside a transaction that is then rolled back: it never existed.
    /// </summary>
    private static async Task AppendRolledBackAsync(IDbContextFactory<TrackerDbContext> dbFactory, ReportService reports, Actor actor, int roundId, int taskId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var transaction = await HistoryChainAppend.BeginAsync(db, ct).ConfigureAwait(false);
        await reports.AppendDownloadAsync(db, actor, "预热(回滚)", roundId, taskId, ct).ConfigureAwait(false);
        await transaction.RollbackAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The enabled office account of the highest unit (then by user name) as an office actor, or null when there is none:
    /// its scope is the widest, as the whole campaign's reports are printed there.
    /// </summary>
    private static async Task<Actor?> OfficeActorAsync(IDbContextFactory<TrackerDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var candidates = await db.UserRoles.AsNoTracking()
            .Join(db.Roles.Where(r => r.Name == Roles.Office), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, u.DisplayName, u.UserName, u.UnitId, u.Unit!.Path, u.LockoutEnd })
            .OrderBy(u => u.UserName)
            .ToListAsync(ct).ConfigureAwait(false);
        return candidates.Where(u => !AccountLockout.IsDisabled(u.LockoutEnd))
            .OrderBy(u => u.Path.Length)
            .Select(u => new Actor(u.Id, u.DisplayName ?? u.UserName ?? u.Id, new HashSet<Role> { Role.Office }, u.UnitId, u.Path))
            .FirstOrDefault();
    }
}
