namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>The <c>Tracker:Pdf</c> configuration section (the Chromium path is <c>Tracker:ChromiumPath</c>).</summary>
public sealed class PdfOptions
{
    public const string Section = "Tracker:Pdf";

    /// <summary>Reports printed at the same time; more wait their turn. Each print keeps a Chromium tab busy.</summary>
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>A render (layout + print) running longer than this is stopped and reported as a failure.</summary>
    public double RenderTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a request waits for a free render slot before it is told the engine is busy.</summary>
    public double QueueTimeoutSeconds { get; set; } = 120;

    /// <summary>Ledger rows from which a PDF counts as heavy (hundreds of pages): heavy renders run one at a time.</summary>
    public int HeavyReportRows { get; set; } = 2000;
}
