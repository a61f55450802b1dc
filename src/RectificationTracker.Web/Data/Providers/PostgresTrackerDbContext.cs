using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RectificationTracker.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that its migrations (<c>Data/PostgresMigrations</c>)
/// are a set apart from SQLite's (<c>Data/Migrations</c>); the app creates it when
/// <c>Tracker:Database:Provider</c> is <c>Postgres</c> (docs/adr/0012).
/// </summary>
public class PostgresTrackerDbContext(DbContextOptions<TrackerDbContext> options) : TrackerDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Every DateTime in the model is UTC (…AtUtc) but SQLite hands it back unspecified; Npgsql writes only
        // UTC DateTimes to timestamptz. Mark them UTC on the way in and out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);

/// <summary>What <c>dotnet ef … --context PostgresTrackerDbContext</c> uses: the model only, no server is contacted.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresTrackerDbContext>
{
    public PostgresTrackerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.ConfigurePostgres(options, "Host=127.0.0.1;Database=tracker_design_time");
        return new PostgresTrackerDbContext(options.Options);
    }
}
