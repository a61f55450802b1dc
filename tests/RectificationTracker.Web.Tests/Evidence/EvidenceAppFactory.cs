using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Evidence;

/// <summary>
/// The whole app in memory over its own data folder, with the demo organisation and accounts, for
/// the download endpoint tests (they upload files of their own, so they do not share the common fixture).
/// </summary>
public sealed class EvidenceAppFactory : TrackerFactory
{
    /// <summary>A client signed in as <paramref name="userName"/> through the real login form. Redirects are not followed.</summary>
    public Task<HttpClient> SignedInClientAsync(string userName) =>
        FormLogin.SignedInClientAsync(this, userName, DemoOrganisation.DemoPassword);
}
