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
}
