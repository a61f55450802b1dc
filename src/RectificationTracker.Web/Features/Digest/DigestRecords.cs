namespace RectificationTracker.Web.Features.Digest;

/// <summary>
/// One day's digest run. The local date is the key: the instance that inserts the row sends that day's digests,
/// another instance (or a restart) that finds it taken sends nothing. The latest row is the persisted last-run date.
/// </summary>
public class DigestRun
{
    public DateOnly LocalDate { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>Which process ran it (machine and process id), for the operator.</summary>
    public string Instance { get; set; } = "";

    public int Notices { get; set; }

    public int Emails { get; set; }

    public int EmailFailures { get; set; }
}

/// <summary>One user's stored daily digest (in-app, always); the outgoing channel's result beside it.</summary>
public class DigestNotice
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public DateOnly LocalDate { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The number of items summarised.</summary>
    public int Items { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? EmailedAtUtc { get; set; }

    /// <summary>Why sending failed (for the operator), or null.</summary>
    public string? EmailError { get; set; }
}
