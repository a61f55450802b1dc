namespace RectificationTracker.Web.Data.Seed;

public sealed class DemoCampaignSeeder
{
    public Task SeedAsync(IReadOnlyDictionary<string, int> units, CancellationToken ct) => Task.CompletedTask;
}
