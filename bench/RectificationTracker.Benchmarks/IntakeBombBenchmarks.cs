using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.Intake;

namespace RectificationTracker.Benchmarks;

/// <summary>
/// Issue 16: feedback intake fed hostile input. Each benchmark reads an upload the way the intake page
/// does (<see cref="FeedbackIntakeService.ReadUpload"/>, then <see cref="FeedbackParser.Parse"/> when it is
/// accepted) and reports time, allocated bytes (MemoryDiagnoser) and, in the log, the peak working set
/// above the resting process measured while the input is fed. Target: a 20 MB document parses in ≤ 2 s
/// and ≤ 200 MB above rest, or is refused at once.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
public class IntakeBombBenchmarks
{
    private byte[] _twentyMegabyteText = [];
    private byte[] _textAtLimit = [];
    private byte[] _docxBomb = [];
    private string _spacesLine = "";
    private long _rest;
    private long _peak;
    private Timer? _sampler;

    [GlobalSetup]
    public void Setup()
    {
        _twentyMegabyteText = Encoding.UTF8.GetBytes(Repeat("1.问题标题。内容一是说明。\n", (20 * 1024 * 1024) / 3));
        _textAtLimit = Encoding.UTF8.GetBytes("二、存在的主要问题\n(一)方面\n" + Repeat("1.问题标题。内容\n", FeedbackText.MaxCharacters - 40));
        _docxBomb = DocxBomb(100 * 1024 * 1024);
        _spacesLine = "二、存在的主要问题\n(一)方面\n1.问题。\n第1页" + new string(' ', FeedbackText.MaxCharacters - 100) + "完";
        Console.WriteLine($"// inputs: 20 MB text {_twentyMegabyteText.Length:N0} bytes; text at the limit {_textAtLimit.Length:N0} bytes; docx bomb {_docxBomb.Length:N0} bytes (document.xml 100 MB)");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _rest = Environment.WorkingSet;
        _peak = _rest;
        _sampler = new Timer(_ => _peak = Math.Max(_peak, Environment.WorkingSet), null, 0, 5);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sampler?.Dispose();
        Console.WriteLine($"// peak working set above rest while fed: {(_peak - _rest) / 1024 / 1024} MB (rest {_rest / 1024 / 1024} MB)");
    }

    [Benchmark]
    public int TwentyMegabyteText() => Feed(_twentyMegabyteText, "反馈意见.txt");

    [Benchmark]
    public int TextAtTheCharacterLimit() => Feed(_textAtLimit, "反馈意见.txt");

    [Benchmark]
    public int DocxWithHundredMegabyteDocumentXml() => Feed(_docxBomb, "反馈意见.docx");

    [Benchmark]
    public int LineOfSpacesAfterPageMarker() => FeedbackParser.Parse(_spacesLine).Aspects.Count;

    /// <summary>Problems found, or -1 when the upload is refused (with its message).</summary>
    private static int Feed(byte[] upload, string name)
    {
        using var stream = new MemoryStream(upload, writable: false);
        var read = FeedbackIntakeService.ReadUpload(stream, name);
        if (!read.Succeeded)
        {
            return -1;
        }

        try
        {
            return FeedbackParser.Parse(read.Value!).Aspects.Sum(a => a.Problems.Count);
        }
        catch (FeedbackParseException)
        {
            return -1;
        }
    }

    private static string Repeat(string s, int length)
    {
        var sb = new StringBuilder(length + s.Length);
        while (sb.Length + s.Length <= length)
        {
            sb.Append(s);
        }

        return sb.ToString();
    }

    /// <summary>A minimal .docx whose word/document.xml inflates to <paramref name="xmlBytes"/> bytes of empty runs.</summary>
    private static byte[] DocxBomb(int xmlBytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string content)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
                w.Write(content);
            }

            Entry("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Entry("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var doc = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open());
            doc.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>");
            const string Run = "<w:r><w:t>字</w:t></w:r>";
            for (var written = 0; written < xmlBytes; written += Run.Length)
            {
                doc.Write(Run);
            }

            doc.Write("</w:p></w:body></w:document>");
        }

        return buffer.ToArray();
    }
}
