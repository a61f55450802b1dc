namespace RectificationTracker.Web.Infrastructure.PdfWriter;

public static class PdfWriterServiceCollectionExtensions
{
    /// <summary>The reports' PDF writer (ADR 14): the fonts, loaded once, and the writer that takes turns on the cores.</summary>
    public static IServiceCollection AddTrackerPdf(this IServiceCollection services)
    {
        services.AddSingleton<DocumentFonts>();
        services.AddSingleton<NativePdf>();
        return services;
    }
}

/// <summary>A one-page table in every face, written to nowhere: fonts, line breaking, subsets and Skia's PDF backend warm.</summary>
public static class PdfWriterWarmUp
{
    public static void WriteSamplePage(DocumentFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        var doc = new PdfComposer(PageGeometry.Of(297, 210));
        doc.NewPage();
        var cells = new[] { fonts.Song, fonts.Hei, fonts.Mono, fonts.Masthead }
            .Select(chain => TableCell.Of("巡察整改销号表 2026-12-01 第 1 页 / 共 1 页", new TextStyle(chain, 10f, SkiaSharp.SKColors.Black)))
            .ToList();
        var table = new TableWriter(doc, [1f, 1f, 1f, 1f], cells, new TableStyle(3f, 1.5f, 0.6f, SkiaSharp.SKColors.Black));
        table.Row(cells);
        doc.Write(Stream.Null, "预热", "系统");
    }

    /// <summary>
    /// Every character a Chinese official document is written in (Latin letters and digits, general and CJK
    /// punctuation, the CJK Unified Ideographs, full-width forms), resolved to its face and measured in the body and
    /// heading chains: a report's first use of a character then costs a table lookup, not a glyph load in Skia.
    /// </summary>
    public static void PrepareCharacters(DocumentFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        foreach (var chain in new[] { fonts.Song, fonts.Hei })
        {
            chain.Prepare(0x20, 0x7E);
            chain.Prepare(0x2000, 0x206F);
            chain.Prepare(0x3000, 0x303F);
            chain.Prepare(0x4E00, 0x9FFF);
            chain.Prepare(0xFF00, 0xFFEF);
        }
    }
}
