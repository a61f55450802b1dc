namespace RectificationTracker.Web.Infrastructure.Pdf;

/// <summary>A report could not be printed; the message is Chinese and fit to show to the user.</summary>
public sealed class PdfEngineException : Exception
{
    public PdfEngineException()
    {
    }

    public PdfEngineException(string message)
        : base(message)
    {
    }

    public PdfEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the render was stopped because it ran over its time limit.</summary>
    public bool TimedOut { get; init; }
}
