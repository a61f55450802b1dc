using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>Reads a PDF the way a person would check it: its text per page (pdftotext) and its pages (pdfinfo).</summary>
public sealed partial class PdfText
{
    private PdfText(int pages, string pageSize, IReadOnlyList<string> pageTexts)
    {
        Pages = pages;
        PageSize = pageSize;
        PageTexts = pageTexts;
    }

    public int Pages { get; }

    /// <summary>pdfinfo's "Page size" line, e.g. "841.92 x 594.96 pts (A4)".</summary>
    public string PageSize { get; }

    /// <summary>Page width and height in millimetres.</summary>
    public (double Width, double Height) PageMillimetres
    {
        get
        {
            var m = SizeNumbers().Match(PageSize);
            double Mm(string pts) => double.Parse(pts, CultureInfo.InvariantCulture) * 25.4 / 72;
            return (Mm(m.Groups[1].Value), Mm(m.Groups[2].Value));
        }
    }

    public IReadOnlyList<string> PageTexts { get; }

    /// <summary>All text with whitespace removed (Chinese text wraps anywhere inside table cells).</summary>
    public string Compact => Squeeze(string.Concat(PageTexts));

    public string CompactPage(int page) => Squeeze(PageTexts[page - 1]);

    public static string Squeeze(string text) => Whitespace().Replace(text, "");

    public static async Task<PdfText> ReadAsync(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F', "not a PDF");
        var path = Path.Combine(Path.GetTempPath(), "rt-pdftext-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var info = await RunAsync("pdfinfo", path);
            var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
            var size = SizeLine().Match(info).Groups[1].Value.Trim();
            var texts = new List<string>();
            for (var p = 1; p <= pages; p++)
            {
                texts.Add(await RunAsync("pdftotext", "-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture), "-raw", path, "-"));
            }

            return new PdfText(pages, size, texts);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"([\d.]+) x ([\d.]+)")]
    private static partial Regex SizeNumbers();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"Page size:\s+(.+)")]
    private static partial Regex SizeLine();
}
