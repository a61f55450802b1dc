namespace RectificationTracker.Domain.Common;

/// <summary>
/// A rule of the domain was broken (an illegal transition, an action the actor may not take).
/// The message is user-facing Simplified Chinese; the web layer shows it as it is.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string message) : base(message) { }

    public DomainException() { }

    public DomainException(string message, Exception innerException) : base(message, innerException) { }
}
