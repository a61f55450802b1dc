using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>
/// Warms the PDF engine in the background when the app starts (<see cref="PdfOptions.WarmUpOnStart"/>): the
/// browser starts and prints one page while the app already serves requests, so the first report costs
/// what a warm one does. Start-up never waits for it; a report that arrives first shares the same browser.
/// </summary>
public sealed class PdfWarmUpService(PdfEngine engine, IOptions<PdfOptions> options) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _warming;
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUpOnStart)
        {
            _warming = Task.Run(() => engine.WarmUpAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Idempotent: a host disposed twice (a test factory's Dispose after DisposeAsync) stops it once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_warming is not null)
        {
            await _warming.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
