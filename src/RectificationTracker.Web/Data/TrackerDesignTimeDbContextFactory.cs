using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RectificationTracker.Web.Data;

/// <summary>
/// What <c>dotnet ef</c> uses to build the model (docs/adr/0005): no host, no configuration, no database
/// is opened — `migrations add` and `has-pending-model-changes` only need the model.
/// </summary>
internal sealed class TrackerDesignTimeDbContextFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(options, Path.Combine(Path.GetTempPath(), "rectification-tracker-design-time.db"));
        return new TrackerDbContext(options.Options);
    }
}
