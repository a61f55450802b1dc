using System.IO.Compression;
using System.Text;
using RectificationTracker.Web.Features.Common;

namespace RectificationTracker.Web.Features.Evidence;

/// <summary>What a file really is, decided from its bytes: a short code, the MIME type and a label for people.</summary>
public sealed record FileType(string Kind, string ContentType, string Label)
{
    /// <summary>PDF and images may be shown in the browser; everything else is only ever an attachment.</summary>
    public bool CanPreview => FileSniffer.CanPreview(Kind);
}

/// <summary>
/// Decides the type of an uploaded file by its content, never by its name: a file called
/// "整改报告.pdf" that starts with "MZ" is a Windows program and is refused as one. The name's
/// extension is consulted only to label an old binary Office file as Word or Excel.
/// </summary>
public static class FileSniffer
{
    public const string EmptyMessage = "文件为空";
    public const string UnsupportedMessage = "不支持的文件类型。仅支持 PDF、JPG/PNG 图片、Word(DOC/DOCX)、Excel(XLS/XLSX)和 TXT 文本";

    /// <summary>How much of the start of a text file must be free of NUL bytes.</summary>
    public const int TextProbeBytes = 64 * 1024;

    public static readonly FileType Pdf = new("PDF", "application/pdf", "PDF 文档");
    public static readonly FileType Jpeg = new("JPEG", "image/jpeg", "JPG 图片");
    public static readonly FileType Png = new("PNG", "image/png", "PNG 图片");
    public static readonly FileType Docx = new("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档");
    public static readonly FileType Xlsx = new("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格");
    public static readonly FileType Doc = new("DOC", "application/msword", "Word 97-2003 文档");
    public static readonly FileType Xls = new("XLS", "application/vnd.ms-excel", "Excel 97-2003 表格");

    /// <summary>An old binary Office file whose name does not say whether it is Word or Excel.</summary>
    public static readonly FileType Ole = new("OLE", "application/octet-stream", "Office 97-2003 文档");

    public static readonly FileType TextUtf8 = new("TXT", "text/plain; charset=utf-8", "文本文件");
    public static readonly FileType TextGb18030 = new("TXT", "text/plain; charset=gb18030", "文本文件");

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly byte[][] ExecutableMagics =
    [
        "MZ"u8.ToArray(),                 // Windows PE / DOS
        [0x7F, 0x45, 0x4C, 0x46],         // ELF
        [0xFE, 0xED, 0xFA, 0xCE],         // Mach-O 32-bit
        [0xFE, 0xED, 0xFA, 0xCF],         // Mach-O 64-bit
        [0xCE, 0xFA, 0xED, 0xFE],         // Mach-O 32-bit, little-endian
        [0xCF, 0xFA, 0xED, 0xFE],         // Mach-O 64-bit, little-endian
        [0xCA, 0xFE, 0xBA, 0xBE],         // Mach-O universal binary (also Java class files)
        "#!"u8.ToArray(),                 // scripts with an interpreter line
    ];

    /// <summary>Sniff a file held in memory.</summary>
    public static Result<FileType> Sniff(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        return Sniff(stream, fileName);
    }

    /// <summary>
    /// Sniff <paramref name="content"/>, which must be seekable (a ZIP package is read from its central
    /// directory at the end). The stream is read from its start; its position afterwards is unspecified.
    /// </summary>
    public static Result<FileType> Sniff(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek || !content.CanRead)
        {
            throw new ArgumentException("File sniffing needs a readable, seekable stream.", nameof(content));
        }

        content.Position = 0;
        var head = new byte[(int)Math.Min(content.Length, TextProbeBytes)];
        content.ReadExactly(head);
        if (head.Length == 0)
        {
            return Result.Fail(EmptyMessage);
        }

        if (ExecutableMagics.Any(m => head.AsSpan().StartsWith(m)))
        {
            return Result.Fail($"文件内容为可执行程序,禁止上传(文件名:{DisplayName(fileName)})");
        }

        var type = head.AsSpan() switch
        {
            var h when h.StartsWith(PdfMagic) => Pdf,
            var h when h.StartsWith(PngMagic) => Png,
            var h when h.StartsWith(JpegMagic) => Jpeg,
            var h when h.StartsWith(ZipMagic) => OfficeOpenXml(content),
            var h when h.StartsWith(OleMagic) => OldOffice(fileName),
            _ => PlainText(content, head),
        };
        return type is null ? Result.Fail(UnsupportedMessage) : Result.Success(type);
    }

    public static bool CanPreview(string kind) =>
        kind is "PDF" or "JPEG" or "PNG";

    /// <summary>The label for a stored kind code, e.g. "DOCX" → "Word 文档".</summary>
    public static string LabelOf(string kind) => kind switch
    {
        "PDF" => Pdf.Label,
        "JPEG" => Jpeg.Label,
        "PNG" => Png.Label,
        "DOCX" => Docx.Label,
        "XLSX" => Xlsx.Label,
        "DOC" => Doc.Label,
        "XLS" => Xls.Label,
        "OLE" => Ole.Label,
        "TXT" => TextUtf8.Label,
        _ => kind,
    };

    /// <summary>A DOCX or XLSX is a ZIP package holding the main part of a Word document or an Excel workbook.</summary>
    private static FileType? OfficeOpenXml(Stream content)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (names.Contains("word/document.xml"))
            {
                return Docx;
            }

            return names.Contains("xl/workbook.xml") ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return null; // a damaged or non-ZIP file that merely starts like one
        }
    }

    /// <summary>
    /// An OLE compound file is a .doc or an .xls (or a .ppt, .msg …); telling them apart needs the
    /// container's directory, so the name's extension only picks the label.
    /// </summary>
    private static FileType OldOffice(string fileName) =>
        Path.GetExtension(fileName ?? "").ToUpperInvariant() switch
        {
            ".DOC" => Doc,
            ".XLS" => Xls,
            _ => Ole,
        };

    /// <summary>
    /// Plain text: no NUL in the first 64 KB, decodes strictly as UTF-8 (or else as GB18030, which
    /// Chinese Windows Notepad writes) and contains no control characters other than layout ones.
    /// </summary>
    private static FileType? PlainText(Stream content, byte[] head)
    {
        if (head.AsSpan().Contains((byte)0))
        {
            return null;
        }

        if (IsText(content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)))
        {
            return TextUtf8;
        }

        var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return gb18030 is not null && IsText(content, gb18030) ? TextGb18030 : null;
    }

    private static bool IsText(Stream content, Encoding encoding)
    {
        content.Position = 0;
        var decoder = encoding.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length) + 4];
        try
        {
            int read;
            do
            {
                read = content.Read(bytes, 0, bytes.Length);
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                if (HasForbiddenControl(chars.AsSpan(0, count)))
                {
                    return false;
                }
            }
            while (read > 0);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool HasForbiddenControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            // Tab, line feed, vertical tab, form feed, carriage return and the old DOS end-of-file mark are text.
            if (c < 0x20 && c is not ('\t' or '\n' or '\v' or '\f' or '\r' or '\u001A'))
            {
                return true;
            }
        }

        return false;
    }

    private static string DisplayName(string? fileName)
    {
        var name = EvidenceNames.Sanitise(fileName);
        return name.Length == 0 ? "未命名" : name;
    }
}
