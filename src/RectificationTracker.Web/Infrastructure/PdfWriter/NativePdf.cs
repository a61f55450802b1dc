namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>
/// Runs the reports written straight to PDF (ADR 14): at most one per core at a time (each is CPU-bound), each
/// into a temporary file first, so a long ledger is held on disk rather than in memory and the response stream
/// is written asynchronously.
/// </summary>
public sealed class NativePdf(DocumentFonts fonts, ILogger<NativePdf> logger) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, Environment.ProcessorCount));

    public DocumentFonts Fonts { get; } = fonts;

    public async Task WriteAsync(Action<DocumentFonts, Stream> write, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(output);
        await slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"rt-report-{Guid.NewGuid():N}.pdf");
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Task.Run(() => write(Fonts, file), ct).ConfigureAwait(false);
            logger.LogInformation("PDF written in {Elapsed} ms ({Bytes} bytes)", watch.ElapsedMilliseconds, file.Length);
            file.Position = 0;
            await file.CopyToAsync(output, ct).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
