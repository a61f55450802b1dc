using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Web.Cli;

/// <summary><c>parse-feedback FILE</c>: print a feedback document's outline as JSON.</summary>
internal static class ParseFeedbackCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("用法:parse-feedback 文件(.txt 或 .docx)").ConfigureAwait(false);
            return 2;
        }

        if (!File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync($"文件不存在:{args[0]}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var text = ReadText(args[0]);
            var outline = FeedbackParser.Parse(text);
            Console.OutputEncoding = Encoding.UTF8;
            Console.WriteLine(FeedbackOutlineJson.Serialize(outline));
            return 0;
        }
        catch (FeedbackParseException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Text of a .docx (one line per paragraph) or a UTF-8 text file.</summary>
    internal static string ReadText(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        var read = stream.Read(head);
        stream.Position = 0;
        if (read == 4 && head[0] == 'P' && head[1] == 'K')
        {
            try
            {
                using var doc = WordprocessingDocument.Open(stream, false);
                var body = doc.MainDocumentPart?.Document.Body
                    ?? throw new FeedbackParseException("无法读取该 Word 文档的正文。");
                var sb = new StringBuilder();
                foreach (var p in body.Descendants<Paragraph>())
                {
                    sb.AppendLine(p.InnerText);
                }

                return sb.ToString();
            }
            catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException)
            {
                throw new FeedbackParseException("文件不是有效的 Word(.docx)文档,或已损坏。", ex);
            }
        }

        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException ex)
        {
            throw new FeedbackParseException("无法识别的文件内容:既不是 UTF-8 文本,也不是 Word(.docx)文档。", ex);
        }
    }
}
