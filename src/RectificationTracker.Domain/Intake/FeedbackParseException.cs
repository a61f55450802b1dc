namespace RectificationTracker.Domain.Intake;

/// <summary>
/// The text is not a feedback document the parser can read (empty, binary, or without any numbered
/// problem). The message is user-facing Simplified Chinese.
/// </summary>
public sealed class FeedbackParseException : Exception
{
    public FeedbackParseException(string message) : base(message) { }

    public FeedbackParseException() { }

    public FeedbackParseException(string message, Exception innerException) : base(message, innerException) { }
}
