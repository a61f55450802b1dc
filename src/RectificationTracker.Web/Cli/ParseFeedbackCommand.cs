namespace RectificationTracker.Web.Cli;

internal static class ParseFeedbackCommand
{
    public static Task<int> RunAsync(IServiceProvider sp, string[] args) => Task.FromResult(1);
}
