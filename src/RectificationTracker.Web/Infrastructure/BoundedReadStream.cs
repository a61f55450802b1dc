namespace RectificationTracker.Web.Infrastructure;

/// <summary>Thrown by <see cref="BoundedReadStream"/> when more than its limit is read; the message is for people.</summary>
public sealed class InputTooLargeException(string message) : IOException(message);

/// <summary>
/// A read-only view of a stream (typically a decompressing one) that throws
/// <see cref="InputTooLargeException"/> as soon as more than <c>limit</c> bytes have been read from it:
/// the check happens while reading, so a decompression bomb costs at most the limit.
/// </summary>
public sealed class BoundedReadStream(Stream inner, long limit, string message) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return Count(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int n)
    {
        _read += n;
        if (_read > limit)
        {
            throw new InputTooLargeException(message);
        }

        return n;
    }
}
