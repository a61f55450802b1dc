using System.Security.Cryptography;
using RectificationTracker.Web.Features.Evidence;

namespace RectificationTracker.Web.Tests.Evidence;

public sealed class EvidenceStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly EvidenceStore _store;

    public EvidenceStoreTests() =>
        _store = new EvidenceStore(TestOptions.For(_folder.Path, maxUploadBytes: 1024), new ListLogger<EvidenceStore>());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Bytes_are_stored_under_their_sha256_outside_the_web_root()
    {
        var bytes = SampleFiles.Pdf("store");

        var result = await _store.SaveAsync(new MemoryStream(bytes));

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.True(result.Succeeded);
        Assert.Equal(sha, result.Value!.Sha256);
        Assert.Equal(bytes.Length, result.Value.Size);
        var expectedPath = Path.Combine(_folder.Path, "files", sha[..2], sha);
        Assert.Equal(expectedPath, _store.PathOf(sha));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(expectedPath));
        await using var read = _store.OpenRead(sha);
        Assert.Equal(bytes.Length, read.Length);
        Assert.Equal([expectedPath], Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Same_bytes_twice_are_stored_once()
    {
        var bytes = SampleFiles.Utf8Text("重复上传");

        var first = await _store.SaveAsync(new MemoryStream(bytes));
        var second = await _store.SaveAsync(new MemoryStream(bytes));

        Assert.False(first.Value!.AlreadyStored);
        Assert.True(second.Value!.AlreadyStored);
        Assert.Equal(first.Value.Sha256, second.Value.Sha256);
        Assert.Single(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_nothing_is_left_on_disk()
    {
        var result = await _store.SaveAsync(new MemoryStream(SampleFiles.TextOfSize(1025)));

        Assert.False(result.Succeeded);
        Assert.Equal("文件超过大小上限 1 KB", result.Outcome.Message);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        var result = await _store.SaveAsync(new MemoryStream(SampleFiles.TextOfSize(1024)));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Reading_stops_at_the_limit_instead_of_draining_the_upload()
    {
        var endless = new EndlessStream();

        var result = await _store.SaveAsync(endless);

        Assert.False(result.Succeeded);
        Assert.True(endless.BytesRead < 200 * 1024, $"read {endless.BytesRead} bytes");
    }

    [Fact]
    public void Limit_message_speaks_in_megabytes_for_the_default_limit()
    {
        var store = new EvidenceStore(TestOptions.For(_folder.Path), new ListLogger<EvidenceStore>());

        Assert.Equal("文件超过大小上限 50 MB", store.TooLargeMessage);
    }

    [Fact]
    public async Task Staged_bytes_that_are_not_committed_leave_nothing_behind()
    {
        var staged = await _store.StageAsync(new MemoryStream(SampleFiles.Png()));
        await using (var blob = staged.Value!)
        {
            Assert.NotEmpty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
        }

        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
        Assert.False(_store.Exists(staged.Value!.Sha256));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    [InlineData("")]
    public void Only_a_sha256_names_a_blob(string name) =>
        Assert.Throws<ArgumentException>(() => _store.PathOf(name));

    /// <summary>An upload that never ends: counts what the store read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
