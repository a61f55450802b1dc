namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>
/// Runs the reports written straight to PDF (ADR 14): at most one written per core at a time (each is CPU-bound:
/// <see cref="ReportCores"/>), each into a temporary file first, so a long ledger is held on disk rather than in memory,
/// and the response is written asynchronously after the core is given back.
/// </summary>
public sealed class NativePdf(DocumentFonts fonts, ILogger<NativePdf> logger)
{
    public DocumentFonts Fonts { get; } = fonts;

    public async Task WriteAsync(Action<DocumentFonts, Stream> write, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(output);
        var path = Path.Combine(Path.GetTempPath(), $"rt-report-{Guid.NewGuid():N}.pdf");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await ReportCores.TakeAsync(ct).ConfigureAwait(false);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Task.Run(() => write(Fonts, file), ct).ConfigureAwait(false);
            logger.LogInformation("PDF written in {Elapsed} ms ({Bytes} bytes)", watch.ElapsedMilliseconds, file.Length);
        }
        finally
        {
            ReportCores.Release();
        }

        // The core is free again while the file goes out: a slow reader holds only the temporary file.
        file.Position = 0;
        await file.CopyToAsync(output, ct).ConfigureAwait(false);
    }
}
