using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace RectificationTracker.Benchmarks;

/// <summary>The methods the JIT compiles while it listens (the runtime's JIT events), as namespace.name.</summary>
public sealed class JitRecorder : EventListener
{
    private readonly ConcurrentQueue<(DateTime At, string Method)> methods = new();
    private volatile bool listening;
    private DateTime from;

    public void Start()
    {
        listening = true;
        from = DateTime.UtcNow;
    }

    /// <summary>
    /// The methods compiled from <see cref="Start"/> until now, waiting for the runtime's events (delivered late by its
    /// session thread) to arrive; by time compiled.
    /// </summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        var until = DateTime.UtcNow;
        await Task.Delay(2000);
        listening = false;
        return methods.Where(m => m.At >= from && m.At <= until).OrderBy(m => m.At).Select(m => $"{(m.At - from).TotalMilliseconds:F1} {m.Method}").ToList();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10); // JIT keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!listening || eventData.EventName is null || !eventData.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        string Field(string name) => eventData.PayloadNames.IndexOf(name) is var i and >= 0 ? Convert.ToString(eventData.Payload?[i], System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
        methods.Enqueue((eventData.TimeStamp.ToUniversalTime(), $"{Field("MethodNamespace")}.{Field("MethodName")}"));
    }
}
