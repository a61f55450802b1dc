namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>
/// The machine's cores as the reports share them (ADR 14): a report written straight to PDF takes one core for as long
/// as it runs (<see cref="NativePdf"/>), and a long document's writing borrows the cores no report is using for its
/// parts (<see cref="PdfComposer"/>), so a lone report uses the whole machine and ten at once queue for it without
/// running more threads than there are cores.
/// </summary>
public static class ReportCores
{
    private static readonly SemaphoreSlim Cores = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>Waits for a core to run a report on; <see cref="Release"/> gives it back.</summary>
    public static Task TakeAsync(CancellationToken ct) => Cores.WaitAsync(ct);

    public static void Release() => Cores.Release();

    /// <summary>Takes up to <paramref name="wanted"/> cores that are free now, without waiting; give them back with <see cref="Release(int)"/>.</summary>
    public static int Borrow(int wanted)
    {
        var taken = 0;
        while (taken < wanted && Cores.Wait(0))
        {
            taken++;
        }

        return taken;
    }

    public static void Release(int count)
    {
        if (count > 0)
        {
            Cores.Release(count);
        }
    }
}
