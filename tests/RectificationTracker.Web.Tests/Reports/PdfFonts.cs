using System.Diagnostics;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>The fonts embedded in a PDF as pdffonts lists them: (name, type) per font.</summary>
public static class PdfFonts
{
    public static async Task<IReadOnlyList<(string Name, string Type)>> ReadAsync(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var path = Path.Combine(Path.GetTempPath(), "rt-pdffonts-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdffonts") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            // name (or [none]), then the type ("CID TrueType", "Type 3", ...) from column 37 to the encoding.
            return output.Split('\n').Skip(2).Where(l => l.Length > 56)
                .Select(l => (l[..36].Trim(), l[37..54].Trim())).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
