using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Hosting;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrerenderExceptionGroup : ICollectionFixture<TrackerFactory>
{
    public const string Name = "Prerender exceptions (runs alone)";
}

/// <summary>
/// Issue 12: a page request must not throw (and catch) exceptions while prerendering. Each costs
/// microseconds and hides real errors among noise. The collection runs alone, and only exceptions in the
/// request's own async flow count (the test server keeps the caller's execution context).
/// </summary>
[Collection(PrerenderExceptionGroup.Name)]
public sealed class PrerenderExceptionTests(TrackerFactory app)
{
    private static readonly AsyncLocal<bool> InRequest = new();

    [Theory]
    [InlineData("office", "/ledger")]
    [InlineData("office", "task")]
    [InlineData("office", "/")]
    [InlineData("unit", "/work/mine")]
    public async Task A_signed_in_page_request_throws_no_exception(string user, string path)
    {
        app.Server.PreserveExecutionContext = true;
        using var client = await FormLogin.SignedInClientAsync(app, user, "tracker2026");
        if (path == "task")
        {
            await using var db = await app.Db.CreateDbContextAsync();
            path = "/tasks/" + await db.Tasks.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        }

        // Warm up once (first requests compile and cache), then count on a second request.
        (await client.GetAsync(new Uri(path, UriKind.Relative))).Dispose();
        var thrown = new ConcurrentQueue<(Exception Exception, string Where)>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (InRequest.Value)
            {
                // The throw site's whole stack (the exception's own trace stops at the first catch).
                thrown.Enqueue((e.Exception, Environment.StackTrace));
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            InRequest.Value = true;
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            InRequest.Value = false;
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.True(thrown.IsEmpty, $"{path} threw {thrown.Count} exception(s):\n" +
            string.Join("\n---\n", thrown.Select(t => t.Exception.GetType().Name + ": " + t.Exception.Message + "\n" + t.Where)));
    }
}
