namespace RectificationTracker.Web.Infrastructure.Pdf;

public static class PdfServiceCollectionExtensions
{
    /// <summary>The PDF engine: one warm Chromium per app, shared by every report.</summary>
    public static IServiceCollection AddTrackerPdf(this IServiceCollection services)
    {
        services.AddOptions<PdfOptions>().BindConfiguration(PdfOptions.Section);
        services.AddSingleton<PdfEngine>();
        return services;
    }
}
