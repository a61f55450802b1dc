using RectificationTracker.Web;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Infrastructure;

// Operator subcommands (migrate, seed, verify-history, …) run from the same executable.
if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddTrackerConfiguration();
builder.Services.AddTrackerData(builder.Configuration);
builder.Services.AddTrackerIdentity();
builder.Services.AddTrackerFeatures();
builder.Services.AddTrackerUi();
builder.Services.AddTrackerHealthChecks();
builder.Services.AddTrackerSecurity(builder.Configuration);

var app = builder.Build();

await app.InitialiseDatabaseAsync();

app.UseTrackerPipeline();
app.MapTrackerEndpoints();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
