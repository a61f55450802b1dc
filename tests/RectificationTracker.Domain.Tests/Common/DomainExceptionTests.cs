using RectificationTracker.Domain.Common;

namespace RectificationTracker.Domain.Tests.Common;

public class DomainExceptionTests
{
    [Fact]
    public void Carries_the_user_facing_message_and_the_cause()
    {
        var cause = new InvalidOperationException("inner");

        var ex = new DomainException("任务已销号。", cause);

        Assert.Equal("任务已销号。", ex.Message);
        Assert.Same(cause, ex.InnerException);
    }
}
