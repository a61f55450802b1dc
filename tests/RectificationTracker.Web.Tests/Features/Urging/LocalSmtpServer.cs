using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace RectificationTracker.Web.Tests.Features.Urging;

/// <summary>
/// A real SMTP server on a free local port: Debian's python3-aiosmtpd (installed by scripts/test.sh) writing every
/// message it receives into a Maildir, which the test reads back as MIME.
/// </summary>
public sealed class LocalSmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private LocalSmtpServer(int port, string maildir, Process process)
    {
        Port = port;
        Maildir = maildir;
        _process = process;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static async Task<LocalSmtpServer> StartAsync()
    {
        var port = FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "rt-smtp-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var server = new LocalSmtpServer(port, maildir, process);
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"aiosmtpd exited ({process.ExitCode}); is python3-aiosmtpd installed (scripts/test.sh)? {error}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        server.Dispose();
        throw new TimeoutException("aiosmtpd did not listen within 15 s");
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing was received
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
