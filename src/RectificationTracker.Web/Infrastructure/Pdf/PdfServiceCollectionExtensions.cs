using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RectificationTracker.Web.Infrastructure.Pdf;

public static class PdfServiceCollectionExtensions
{
    /// <summary>The PDF engine: one warm Chromium per app, shared by every report.</summary>
    public static IServiceCollection AddTrackerPdf(this IServiceCollection services)
    {
        services.AddOptions<PdfOptions>().BindConfiguration(PdfOptions.Section);
        // Report HTML carries Chinese as is rather than as &#x...; escapes (a third of the size to parse);
        // the same encoder the UI registers (AddWebEncoders), also for the operator commands.
        services.TryAddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton(sp =>
        {
            var engine = ActivatorUtilities.CreateInstance<PdfEngine>(sp);
            engine.WarmUpPage = Features.Reports.Documents.ReportCss.WarmUpPage;
            return engine;
        });
        services.AddHostedService<PdfWarmUpService>();
        services.AddSingleton<PdfWriter.DocumentFonts>();
        services.AddSingleton<PdfWriter.NativePdf>();
        return services;
    }
}
