namespace RectificationTracker.Web.Infrastructure.PdfWriter;

public static class PdfWriterServiceCollectionExtensions
{
    /// <summary>The reports' PDF writer (ADR 14): the fonts, loaded once, and the writer that takes turns on the cores.</summary>
    public static IServiceCollection AddTrackerPdf(this IServiceCollection services)
    {
        services.AddSingleton<DocumentFonts>();
        services.AddSingleton<NativePdf>();
        services.AddHostedService<ReportFontsWarmUp>();
        return services;
    }
}

/// <summary>
/// Loads the report fonts (about 50 MB of font files) and writes a one-page table in every face in the background
/// when the app starts (fonts, line breaking, subsets and Skia's PDF backend all warm), so the first report after
/// start costs about what every other one does.
/// </summary>
public sealed class ReportFontsWarmUp(IServiceProvider services, IConfiguration configuration, ILogger<ReportFontsWarmUp> logger) : IHostedService
{
    /// <summary>Configuration key: false skips the warm-up (tests and benchmarks that print nothing); default true.</summary>
    public const string Key = "Tracker:Reports:WarmUpOnStart";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(Key, true))
        {
            return Task.CompletedTask;
        }

        _ = Task.Run(() =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var fonts = services.GetRequiredService<DocumentFonts>();
                var doc = new PdfComposer(PageGeometry.Of(297, 210));
                doc.NewPage();
                var cells = new[] { fonts.Song, fonts.Hei, fonts.Mono, fonts.Masthead }
                    .Select(chain => TableCell.Of("巡察整改销号表 2026-12-01 第 1 页 / 共 1 页", new TextStyle(chain, 10f, SkiaSharp.SKColors.Black)))
                    .ToList();
                var table = new TableWriter(doc, [1f, 1f, 1f, 1f], cells, new TableStyle(3f, 1.5f, 0.6f, SkiaSharp.SKColors.Black));
                table.Row(cells);
                doc.Write(Stream.Null, "预热", "系统");

                if (fonts.Missing.Count > 0)
                {
                    logger.LogWarning("Report fonts not installed: {Missing}", string.Join(", ", fonts.Missing));
                }

                logger.LogInformation("Report fonts loaded in {Elapsed} ms: {Faces}", watch.ElapsedMilliseconds, fonts.Describe());
            }
            catch (ObjectDisposedException)
            {
                // The app stopped while starting.
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
