using System.Globalization;

namespace RectificationTracker.Web.Features.Digest;

/// <summary>The <c>Tracker:Digest</c> settings (README, appsettings.sample.json).</summary>
public sealed class DigestOptions
{
    public const string Section = "Tracker:Digest";

    /// <summary>Whether the scheduler runs. The digest is stored in-app whenever it runs; e-mail only with <see cref="Smtp"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local time of day (<c>Tracker:TimeZone</c>) the digest is sent, "HH:mm".</summary>
    public string Time { get; set; } = "08:30";

    /// <summary>How often the scheduler looks whether a digest is due.</summary>
    public int CheckSeconds { get; set; } = 60;

    public SmtpOptions Smtp { get; set; } = new();

    public TimeOnly SendAt => TimeOnly.TryParseExact(Time, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
        ? t
        : throw new InvalidOperationException($"Tracker:Digest:Time 的值“{Time}”不是有效的时间(应为 HH:mm,如 08:30)。");
}

/// <summary>The optional outgoing channel (<c>Tracker:Digest:Smtp</c>); off by default.</summary>
public sealed class SmtpOptions
{
    public bool Enabled { get; set; }

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "tracker@localhost";

    public string FromName { get; set; } = "巡察整改销号管理系统";

    public int TimeoutSeconds { get; set; } = 30;
}
