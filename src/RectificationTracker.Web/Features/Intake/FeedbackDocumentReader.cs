using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.Evidence;

namespace RectificationTracker.Web.Features.Intake;

/// <summary>
/// The text of an uploaded feedback document, decided by content (never by the file name): a Word
/// .docx (one line per paragraph) or a UTF-8 / GB18030 text file. Anything else is refused with a
/// Chinese message (<see cref="FeedbackParseException"/>).
/// </summary>
public static class FeedbackDocumentReader
{
    /// <summary>Feedback documents are tens of pages; 20 MB leaves room for embedded pictures.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public static string ReadText(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
        {
            throw new FeedbackParseException($"文件过大:反馈意见文档不能超过 {MaxBytes / 1024 / 1024} MB。");
        }

        var sniffed = FileSniffer.Sniff(content, fileName);
        if (!sniffed.Succeeded)
        {
            throw new FeedbackParseException(sniffed.Outcome.Message == FileSniffer.EmptyMessage
                ? "文件为空,请上传反馈意见的 Word 文档或纯文本。"
                : "无法识别的文件内容:请上传反馈意见的 Word(.docx)文档或纯文本(.txt)。");
        }

        content.Position = 0;
        var type = sniffed.Value!;
        if (ReferenceEquals(type, FileSniffer.Docx))
        {
            return ReadDocx(content);
        }

        if (type.Kind == "TXT")
        {
            var encoding = ReferenceEquals(type, FileSniffer.TextGb18030)
                ? CodePagesEncodingProvider.Instance.GetEncoding(54936)!
                : new UTF8Encoding(false);
            using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            return reader.ReadToEnd();
        }

        throw new FeedbackParseException($"不支持的文件类型({type.Label}):请上传反馈意见的 Word(.docx)文档或纯文本(.txt);旧版 .doc 请先另存为 .docx。");
    }

    private static string ReadDocx(Stream content)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(content, false);
            var body = doc.MainDocumentPart?.Document.Body
                ?? throw new FeedbackParseException("无法读取该 Word 文档的正文。");
            var sb = new StringBuilder();
            foreach (var p in body.Descendants<Paragraph>())
            {
                sb.AppendLine(p.InnerText);
            }

            return sb.ToString();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            throw new FeedbackParseException("文件不是有效的 Word(.docx)文档,或已损坏。", ex);
        }
    }
}
