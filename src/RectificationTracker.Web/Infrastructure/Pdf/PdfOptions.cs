namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>The <c>Tracker:Pdf</c> configuration section (the Chromium path is <c>Tracker:ChromiumPath</c>).</summary>
public sealed class PdfOptions
{
    public const string Section = "Tracker:Pdf";

    /// <summary>Reports printed at the same time; more wait their turn. Each print keeps a Chromium tab busy.</summary>
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>A render (layout + print) running longer than this is stopped and reported as a failure.</summary>
    public double RenderTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// After a render fails or times out, the browser must answer a cheap probe (<c>Browser.getVersion</c>) within
    /// this; if it does not, it is hung: killed and replaced at once, and the engine reports itself degraded meanwhile.
    /// </summary>
    public double LivenessProbeSeconds { get; set; } = 5;

    /// <summary>How long a request waits for a free render slot before it is told the engine is busy.</summary>
    public double QueueTimeoutSeconds { get; set; } = 120;

    /// <summary>Ledger rows from which a PDF counts as heavy (hundreds of pages): heavy renders run one at a time.</summary>
    public int HeavyReportRows { get; set; } = 2000;

    /// <summary>
    /// Ledger rows per part: a longer ledger is printed in parts of this many rows in parallel tabs and joined
    /// (bounded Chromium memory, both cores busy; ADR 10). 0 prints every ledger in one piece.
    /// </summary>
    public int PartRows { get; set; } = 500;

    /// <summary>qpdf joins the parts and lays the page numbers over them (Debian package qpdf).</summary>
    public string QpdfPath { get; set; } = "/usr/bin/qpdf";

    /// <summary>Start Chromium and print a page in the background when the app starts, so the first report is warm.</summary>
    public bool WarmUpOnStart { get; set; } = true;
}
