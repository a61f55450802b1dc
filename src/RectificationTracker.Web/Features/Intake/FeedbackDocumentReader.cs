using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Infrastructure;

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

    /// <summary>
    /// The most a .docx's main part (word/document.xml) may inflate to: a 250-page document with rich
    /// formatting is well under it; a decompression bomb stops here.
    /// </summary>
    public const long MaxDocumentXmlBytes = 32 * 1024 * 1024;

    public const string DocxTooLargeMessage = "Word 文档的正文解压后过大(超过 32 MB),不像反馈意见,已拒绝。请另存为只含正文的 .docx 或纯文本后再上传。";

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

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
            return ReadBounded(reader);
        }

        throw new FeedbackParseException($"不支持的文件类型({type.Label}):请上传反馈意见的 Word(.docx)文档或纯文本(.txt);旧版 .doc 请先另存为 .docx。");
    }

    /// <summary>
    /// At most <see cref="FeedbackText.MaxCharacters"/> characters of <paramref name="reader"/>: the
    /// reading stops at the first character over the limit, so a large file never becomes a large string.
    /// </summary>
    private static string ReadBounded(TextReader reader)
    {
        var buffer = new char[FeedbackText.MaxCharacters + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = reader.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > FeedbackText.MaxCharacters)
        {
            throw new FeedbackParseException(FeedbackText.TooLongMessage);
        }

        return new string(buffer, 0, length);
    }

    /// <summary>
    /// One line per paragraph of the main document part, read as a stream of XML (never a document
    /// tree): the part is inflated through <see cref="BoundedReadStream"/>, which stops at
    /// <see cref="MaxDocumentXmlBytes"/>, and the text stops at <see cref="FeedbackText.MaxCharacters"/>.
    /// </summary>
    private static string ReadDocx(Stream content)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(content, false);
            var part = doc.MainDocumentPart ?? throw new FeedbackParseException("无法读取该 Word 文档的正文。");
            using var xml = new BoundedReadStream(part.GetStream(FileMode.Open, FileAccess.Read), MaxDocumentXmlBytes, DocxTooLargeMessage);
            using var reader = XmlReader.Create(xml, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            var sb = new StringBuilder();
            var chunk = new char[4096];
            var textDepth = 0;
            while (reader.Read())
            {
                var word = reader.NamespaceURI == WordNamespace;
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when word && reader.LocalName == "p":
                        // A paragraph inside another (a text box) starts a line of its own.
                        if (sb.Length > 0 && sb[^1] != '\n')
                        {
                            sb.Append('\n');
                        }

                        if (reader.IsEmptyElement)
                        {
                            sb.Append('\n');
                        }

                        break;
                    case XmlNodeType.EndElement when word && reader.LocalName == "p":
                        sb.Append('\n');
                        break;
                    case XmlNodeType.Element when word && reader.LocalName == "t" && !reader.IsEmptyElement:
                        textDepth++;
                        break;
                    case XmlNodeType.EndElement when word && reader.LocalName == "t":
                        textDepth--;
                        break;
                    case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when textDepth > 0:
                        // In chunks: one huge text node is never held as one string.
                        int read;
                        while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                        {
                            sb.Append(chunk, 0, read);
                            if (sb.Length > FeedbackText.MaxCharacters)
                            {
                                throw new FeedbackParseException(FeedbackText.TooLongMessage);
                            }
                        }

                        break;
                }
            }

            return sb.ToString();
        }
        catch (InputTooLargeException ex)
        {
            throw new FeedbackParseException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or XmlException)
        {
            throw new FeedbackParseException("文件不是有效的 Word(.docx)文档,或已损坏。", ex);
        }
    }
}
