using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>
/// A minimal Chrome DevTools Protocol client over the browser's WebSocket: numbered commands with
/// their responses, and events routed to the session (tab) that raised them. Only what printing needs.
/// </summary>
internal sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentDictionary<string, Action<string, JsonObject>> _eventSinks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private Task? _receiveLoop;
    private long _nextId;

    public bool IsOpen => _socket.State == WebSocketState.Open && _receiveLoop is { IsCompleted: false };

    public async Task ConnectAsync(Uri endpoint, CancellationToken ct)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(endpoint, ct).ConfigureAwait(false);
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    /// <summary>Events of one session (tab); empty key for the browser's own events.</summary>
    public void Subscribe(string sessionId, Action<string, JsonObject> sink) => _eventSinks[sessionId] = sink;

    public void Unsubscribe(string sessionId) => _eventSinks.TryRemove(sessionId, out _);

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters, string? sessionId, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var waiter = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }

            return await waiter.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_closing.IsCancellationRequested)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _closing.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                Dispatch(JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length))?.AsObject());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or ObjectDisposedException)
        {
            // The browser went away (killed, crashed) or we are closing: fail whoever still waits.
        }
        finally
        {
            foreach (var waiter in _pending.Values)
            {
                waiter.TrySetException(new PdfEngineException("报表引擎(Chromium)连接已断开。"));
            }
        }
    }

    private void Dispatch(JsonObject? message)
    {
        if (message is null)
        {
            return;
        }

        if (message["id"] is { } idNode)
        {
            if (_pending.TryGetValue(idNode.GetValue<long>(), out var waiter))
            {
                if (message["error"] is JsonObject error)
                {
                    waiter.TrySetException(new PdfEngineException(
                        "报表引擎(Chromium)返回错误:" + (error["message"]?.GetValue<string>() ?? error.ToJsonString())));
                }
                else
                {
                    waiter.TrySetResult(message["result"]?.AsObject() ?? new JsonObject());
                }
            }

            return;
        }

        var method = message["method"]?.GetValue<string>();
        var session = message["sessionId"]?.GetValue<string>() ?? "";
        if (method is not null && _eventSinks.TryGetValue(session, out var sink))
        {
            sink(method, message["params"]?.AsObject() ?? new JsonObject());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_receiveLoop is not null)
        {
            try
            {
                await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Abandon it; the socket is disposed below.
            }
        }

        _socket.Abort();
        _socket.Dispose();
        _sendLock.Dispose();
        _closing.Dispose();
    }
}
