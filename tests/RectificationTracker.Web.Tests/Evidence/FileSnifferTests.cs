using RectificationTracker.Web.Features.Evidence;

namespace RectificationTracker.Web.Tests.Evidence;

public class FileSnifferTests
{
    public static TheoryData<string, string, string, string> AcceptedFiles => new()
    {
        // sample, file name, expected kind, expected content type
        { "pdf", "整改报告.pdf", "PDF", "application/pdf" },
        { "jpeg", "现场照片.jpg", "JPEG", "image/jpeg" },
        { "png", "截图.png", "PNG", "image/png" },
        { "docx", "整改方案.docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "清退台账.xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "ole", "旧版通知.doc", "DOC", "application/msword" },
        { "ole", "旧版台账.XLS", "XLS", "application/vnd.ms-excel" },
        { "ole", "不知道是什么.dat", "OLE", "application/octet-stream" },
        { "utf8", "说明.txt", "TXT", "text/plain; charset=utf-8" },
        { "utf8bom", "说明.txt", "TXT", "text/plain; charset=utf-8" },
        { "gb18030", "记事本保存的.txt", "TXT", "text/plain; charset=gb18030" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Each_supported_type_is_recognised_by_its_content(string sample, string fileName, string kind, string contentType)
    {
        var result = FileSniffer.Sniff(Sample(sample), fileName);

        Assert.True(result.Succeeded, result.Outcome.Message);
        Assert.Equal(kind, result.Value!.Kind);
        Assert.Equal(contentType, result.Value.ContentType);
    }

    [Fact]
    public void Renamed_windows_program_is_refused_as_an_executable_whatever_its_name()
    {
        var result = FileSniffer.Sniff(SampleFiles.WindowsExe(), "整改报告.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("文件内容为可执行程序,禁止上传(文件名:整改报告.pdf)", result.Outcome.Message);
    }

    [Theory]
    [InlineData("elf", "readme.txt")]
    [InlineData("macho", "照片.png")]
    [InlineData("script", "说明.txt")]
    public void Other_executables_are_refused(string sample, string fileName)
    {
        var result = FileSniffer.Sniff(Sample(sample), fileName);

        Assert.False(result.Succeeded);
        Assert.Equal($"文件内容为可执行程序,禁止上传(文件名:{fileName})", result.Outcome.Message);
    }

    [Fact]
    public void Pdf_named_as_a_word_document_is_a_pdf()
    {
        var result = FileSniffer.Sniff(SampleFiles.Pdf(), "整改方案.docx");

        Assert.Equal("PDF", result.Value!.Kind);
    }

    [Fact]
    public void Word_document_named_as_a_text_file_is_a_word_document()
    {
        Assert.Equal("DOCX", FileSniffer.Sniff(SampleFiles.Docx(), "notes.txt").Value!.Kind);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var result = FileSniffer.Sniff([], "空白.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("文件为空", result.Outcome.Message);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("brokenzip")]
    [InlineData("utf16")]
    [InlineData("binary")]
    [InlineData("control")]
    [InlineData("nul")]
    public void Anything_else_is_refused_as_unsupported(string sample)
    {
        var result = FileSniffer.Sniff(Sample(sample), "材料.pdf");

        Assert.False(result.Succeeded);
        Assert.Equal("不支持的文件类型。仅支持 PDF、JPG/PNG 图片、Word(DOC/DOCX)、Excel(XLS/XLSX)和 TXT 文本", result.Outcome.Message);
    }

    [Fact]
    public void Text_is_checked_beyond_the_first_block()
    {
        // 100 KB of good text, then one byte that is not text in any encoding we accept.
        var bytes = SampleFiles.TextOfSize(100 * 1024).Concat(new byte[] { 0xFF }).ToArray();

        Assert.False(FileSniffer.Sniff(bytes, "长文本.txt").Succeeded);
    }

    [Fact]
    public void Sniffing_reads_from_the_start_whatever_the_stream_position()
    {
        using var stream = new MemoryStream(SampleFiles.Png());
        stream.Position = 5;

        Assert.Equal("PNG", FileSniffer.Sniff(stream, "x.png").Value!.Kind);
    }

    [Theory]
    [InlineData("PDF", true)]
    [InlineData("JPEG", true)]
    [InlineData("PNG", true)]
    [InlineData("DOCX", false)]
    [InlineData("TXT", false)]
    public void Only_pdf_and_images_may_be_previewed(string kind, bool expected) =>
        Assert.Equal(expected, FileSniffer.CanPreview(kind));

    private static byte[] Sample(string name) => name switch
    {
        "pdf" => SampleFiles.Pdf(),
        "jpeg" => SampleFiles.Jpeg(),
        "png" => SampleFiles.Png(),
        "docx" => SampleFiles.Docx(),
        "xlsx" => SampleFiles.Xlsx(),
        "ole" => SampleFiles.Ole(),
        "utf8" => SampleFiles.Utf8Text(),
        "utf8bom" => SampleFiles.Utf8TextWithBom(),
        "gb18030" => SampleFiles.Gb18030Text(),
        "elf" => SampleFiles.Elf(),
        "macho" => SampleFiles.MachO(),
        "script" => SampleFiles.ShellScript(),
        "zip" => SampleFiles.PlainZip(),
        "brokenzip" => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x41, 0x42],
        "utf16" => SampleFiles.Utf16Text(),
        "binary" => SampleFiles.BinaryWithoutNul(),
        "control" => SampleFiles.TextWithControlCharacter(),
        "nul" => [0x41, 0x00, 0x42],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
