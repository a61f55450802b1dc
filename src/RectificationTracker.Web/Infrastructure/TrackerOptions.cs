namespace RectificationTracker.Web.Infrastructure;

/// <summary>The <c>Tracker</c> configuration section; every key is documented in appsettings.sample.json.</summary>
public sealed class TrackerOptions
{
    public const string Section = "Tracker";

    /// <summary>Folder for the SQLite database and the evidence file store. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the demo organisation, accounts and campaigns on first run.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>IANA time zone for "today" (deadlines, overdue, lights).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The first administrator. If the password is empty a random one is generated once and printed.</summary>
    public string AdminUserName { get; set; } = "admin";

    public string? AdminPassword { get; set; }

    /// <summary>
    /// The append-only file of history-chain anchors (docs/adr/0006). Empty: <c>history-anchors.log</c> in the
    /// data folder. Put it where a database editor cannot reach (another disk, a log host's mount).
    /// </summary>
    public string? HistoryAnchorFile { get; set; }

    /// <summary>How often the chain's head is anchored when it has moved (and always on shut-down).</summary>
    public int HistoryAnchorMinutes { get; set; } = 10;

    public string AnchorFilePath => string.IsNullOrWhiteSpace(HistoryAnchorFile)
        ? Path.Combine(Path.GetFullPath(DataDirectory), "history-anchors.log")
        : Path.GetFullPath(HistoryAnchorFile);

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "tracker.db");

    /// <summary>
    /// Where evidence files are kept. Empty: <c>files</c> in the data folder. Several instances (docs/adr/0012) point
    /// it at one shared folder (an NFS or SMB mount) so a file uploaded through one is readable through every other.
    /// </summary>
    public string? EvidenceDirectory { get; set; }

    public string FilesDirectory => string.IsNullOrWhiteSpace(EvidenceDirectory)
        ? Path.Combine(Path.GetFullPath(DataDirectory), "files")
        : Path.GetFullPath(EvidenceDirectory);
}
