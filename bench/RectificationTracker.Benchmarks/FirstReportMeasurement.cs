using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Benchmarks.Infrastructure;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 15 "first PDF after start": a fresh app over the 10,000-task database; after <c>delay</c> seconds
/// (0: at once; 5: a user who logs in first) a sign-off sheet, a 500-task ledger and the whole campaign's bulletin are
/// printed, then each five times more (warm: the median). The report warm-up runs in the background at start-up (ADR 14).
/// </summary>
public static class FirstReportMeasurement
{
    public static async Task RunAsync(double delaySeconds)
    {
        var started = Stopwatch.StartNew();
        using var app = await BenchApp.StartAsync(10_000);
        var up = started.Elapsed;
        var office = await app.ActorAsync("office");
        using var scope = app.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var bulletins = scope.ServiceProvider.GetRequiredService<BulletinService>();
        int round500;
        int signOff;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
        {
            round500 = await db.Tasks.GroupBy(t => t.RoundId).Where(g => g.Count() == CampaignGenerator.TasksPerRound).Select(g => g.Key).FirstAsync();
            signOff = await db.Tasks.Where(t => t.State == TaskState.Closed && t.Evidence.Count > 0).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(delaySeconds));
        async Task<double> Time(Func<Task<ReportOutcome>> print)
        {
            var watch = Stopwatch.StartNew();
            var outcome = await print();
            return outcome.Status == ReportStatus.Ok ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException(outcome.Message);
        }

        var firstSignOff = await Time(() => reports.SignOffPdfAsync(office, signOff, Stream.Null));
        var firstLedger = await Time(() => reports.LedgerPdfAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4, Stream.Null));
        var firstBulletin = await Time(() => bulletins.PdfAsync(office, new BulletinRequest(), Stream.Null));
        // Warm: the median of five more of each.
        var signOffs = new List<double>();
        var ledgers = new List<double>();
        var wholeBulletins = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            signOffs.Add(await Time(() => reports.SignOffPdfAsync(office, signOff, Stream.Null)));
            ledgers.Add(await Time(() => reports.LedgerPdfAsync(office, new LedgerFilter { RoundId = round500 }, PaperSize.A4, Stream.Null)));
            wholeBulletins.Add(await Time(() => bulletins.PdfAsync(office, new BulletinRequest(), Stream.Null)));
        }

        var warmSignOff = signOffs.Order().ElementAt(2);
        var warmLedger = ledgers.Order().ElementAt(2);
        var warmBulletin = wholeBulletins.Order().ElementAt(2);
        Console.WriteLine($"// first-report: app up in {up.TotalSeconds:F1} s, first report {delaySeconds:0.#} s later");
        Console.WriteLine($"// first-report: sign-off sheet first {firstSignOff:F2} s, warm {warmSignOff:F2} s (×{firstSignOff / warmSignOff:F2}); " +
            $"500-task ledger first {firstLedger:F2} s, warm {warmLedger:F2} s (×{firstLedger / warmLedger:F2}); " +
            $"whole-campaign bulletin first {firstBulletin:F2} s, warm {warmBulletin:F2} s (×{firstBulletin / warmBulletin:F2})");
    }
}
