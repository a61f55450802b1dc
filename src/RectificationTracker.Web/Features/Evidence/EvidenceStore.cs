using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Evidence;

/// <summary>
/// The evidence file store: content-addressed blobs under <c>{DataDirectory}/files/ab/abcdef…</c>
/// (the SHA-256 of the bytes), outside wwwroot so a file is only ever reached through the download
/// endpoint's permission check. A blob is written once and never changed; the same bytes uploaded
/// twice are stored once. Rows that point at blobs live in the database; removing a row leaves the
/// blob (it may be shared, and it is harmless).
/// </summary>
public sealed class EvidenceStore(IOptions<TrackerOptions> options, ILogger<EvidenceStore> logger)
{
    private const int BufferSize = 81_920;
    private const string TempPrefix = ".upload-";

    public string RootDirectory { get; } = options.Value.FilesDirectory;

    public long MaxBytes { get; } = options.Value.MaxUploadBytes;

    /// <summary>The user-facing message for a file over <see cref="MaxBytes"/>.</summary>
    public string TooLargeMessage => "文件超过大小上限 " + LimitText(MaxBytes);

    /// <summary>
    /// Copy <paramref name="content"/> to a temporary file in the store, hashing it in the same pass
    /// and stopping as soon as it exceeds <see cref="MaxBytes"/> (the temporary file is then deleted).
    /// The caller inspects the staged bytes and then commits or disposes the result.
    /// </summary>
    public async Task<Result<StagedBlob>> StageAsync(Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(RootDirectory);
        var tempPath = Path.Combine(RootDirectory, TempPrefix + Guid.NewGuid().ToString("N") + ".tmp");
        var completed = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > MaxBytes)
                    {
                        return Result.Fail(TooLargeMessage);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }

                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            completed = true;
            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return Result.Success(new StagedBlob(this, tempPath, sha256, size));
        }
        finally
        {
            if (!completed)
            {
                DeleteQuietly(tempPath);
            }
        }
    }

    /// <summary>Stage and commit in one step, for callers that need not look at the bytes first.</summary>
    public async Task<Result<StoredBlob>> SaveAsync(Stream content, CancellationToken ct = default)
    {
        var staged = await StageAsync(content, ct).ConfigureAwait(false);
        if (!staged.Succeeded)
        {
            return staged.Outcome;
        }

        await using var blob = staged.Value!;
        return Result.Success(blob.Commit());
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Open a stored blob for reading. Throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);

    /// <summary>Where the blob with this hash lives. The hash is checked, so no name can reach outside the store.</summary>
    public string PathOf(string sha256)
    {
        if (!IsSha256(sha256))
        {
            throw new ArgumentException("Not a lower-case hex SHA-256.", nameof(sha256));
        }

        return Path.Combine(RootDirectory, sha256[..2], sha256);
    }

    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Move a staged file into place. Same bytes already stored: keep that copy, drop the new one.</summary>
    internal StoredBlob Commit(StagedBlob staged)
    {
        var target = PathOf(staged.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target) && new FileInfo(target).Length == staged.Size)
        {
            DeleteQuietly(staged.TempPath);
            return new StoredBlob(staged.Sha256, staged.Size, AlreadyStored: true);
        }

        try
        {
            // A blob of the wrong length can only be a damaged copy: replace it with the good bytes.
            File.Move(staged.TempPath, target, overwrite: File.Exists(target));
            return new StoredBlob(staged.Sha256, staged.Size, AlreadyStored: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same bytes won the race; its copy is identical.
            DeleteQuietly(staged.TempPath);
            return new StoredBlob(staged.Sha256, staged.Size, AlreadyStored: true);
        }
    }

    internal void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete temporary upload {Path}", path);
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.LogWarning(ex, "Could not delete temporary upload {Path}", path);
        }
    }

    private static string LimitText(long bytes)
    {
        const long mb = 1024 * 1024;
        return bytes % mb == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / mb} MB")
            : EvidenceNames.SizeText(bytes);
    }
}

/// <summary>A blob in the store.</summary>
public sealed record StoredBlob(string Sha256, long Size, bool AlreadyStored);

/// <summary>
/// Uploaded bytes in a temporary file of the store, hashed and measured but not yet in place.
/// <see cref="Commit"/> moves them into place; disposing without committing deletes them.
/// </summary>
public sealed class StagedBlob : IAsyncDisposable, IDisposable
{
    private readonly EvidenceStore _store;
    private bool _done;

    internal StagedBlob(EvidenceStore store, string tempPath, string sha256, long size)
    {
        _store = store;
        TempPath = tempPath;
        Sha256 = sha256;
        Size = size;
    }

    public string Sha256 { get; }

    public long Size { get; }

    internal string TempPath { get; }

    /// <summary>Read the staged bytes (seekable), e.g. to sniff their type.</summary>
    public Stream OpenRead()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        return new FileStream(TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920);
    }

    public StoredBlob Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        return _store.Commit(this);
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            _store.DeleteQuietly(TempPath);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
