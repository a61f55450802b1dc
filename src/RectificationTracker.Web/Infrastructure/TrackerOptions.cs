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

    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>The first administrator. If the password is empty a random one is generated once and printed.</summary>
    public string AdminUserName { get; set; } = "admin";

    public string? AdminPassword { get; set; }

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "tracker.db");

    public string FilesDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "files");
}
