using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.Intake;
using RectificationTracker.Web.Features.ThreeLists;

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
    private byte[] _xlsxSharedBomb = [];
    private byte[] _xlsxInlineBomb = [];
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
        _xlsxSharedBomb = XlsxBomb(100_000_000, inline: false);
        _xlsxInlineBomb = XlsxBomb(100_000_000, inline: true);
        Console.WriteLine($"// xlsx bombs: shared {_xlsxSharedBomb.Length:N0} bytes, inline {_xlsxInlineBomb.Length:N0} bytes (100,000,000 characters in one cell)");
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
    public int XlsxWithHundredMillionCharacterSharedString() => ThreeListWorkbook.Read(new MemoryStream(_xlsxSharedBomb, writable: false), "三个清单.xlsx").Errors.Count;

    [Benchmark]
    public int XlsxWithHundredMillionCharacterInlineCell() => ThreeListWorkbook.Read(new MemoryStream(_xlsxInlineBomb, writable: false), "三个清单.xlsx").Errors.Count;

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

    /// <summary>A minimal .xlsx whose one cell (a shared string or an inline string) holds <paramref name="characters"/> characters.</summary>
    private static byte[] XlsxBomb(int characters, bool inline)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, Action<StreamWriter> write)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
                write(w);
            }

            void Huge(StreamWriter w)
            {
                var block = new string('长', 4096);
                for (var i = 0; i < characters; i += block.Length)
                {
                    w.Write(block);
                }
            }

            Entry("[Content_Types].xml", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"));
            Entry("_rels/.rels", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Entry("xl/workbook.xml", w => w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets><sheet name=\"三个清单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Entry("xl/_rels/workbook.xml.rels", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"));
            Entry("xl/sharedStrings.xml", w =>
            {
                w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\"><si><t>");
                if (!inline)
                {
                    Huge(w);
                }

                w.Write("</t></si></sst>");
            });
            Entry("xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\">");
                if (inline)
                {
                    w.Write("<c r=\"A1\" t=\"inlineStr\"><is><t>");
                    Huge(w);
                    w.Write("</t></is></c>");
                }
                else
                {
                    w.Write("<c r=\"A1\" t=\"s\"><v>0</v></c>");
                }

                w.Write("</row></sheetData></worksheet>");
            });
        }

        return buffer.ToArray();
    }
}
