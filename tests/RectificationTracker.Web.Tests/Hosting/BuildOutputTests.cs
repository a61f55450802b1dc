using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RectificationTracker.Web.Tests.Hosting;

/// <summary>
/// The build output run as an operator would outside Development (docs/adr/0001): the framework script and
/// every package asset the login page links must be served, not answered with 500.
/// </summary>
public sealed partial class BuildOutputTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rt-build-output-").FullName;

    [Fact]
    public async Task The_build_output_in_Production_serves_the_framework_script_and_package_assets()
    {
        // The app's executable is copied beside this test assembly by the project reference.
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "RectificationTracker.Web"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["urls"] = "http://127.0.0.1:0"; // Kestrel picks a free port and keeps it
        start.Environment["Tracker__DataDirectory"] = _data;
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && StartedLine().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(m.Groups[1].Value);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the app exited before listening"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUrl = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };

            var login = await http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
            var assets = AssetReference().Matches(login).Select(m => m.Groups[1].Value).Distinct().ToList();
            // The framework script, by name or fingerprinted (blazor.web.<hash>.js through the static-asset manifest).
            Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.StartsWith("_content/", StringComparison.Ordinal));
            foreach (var asset in assets)
            {
                using var response = await http.GetAsync(new Uri("/" + asset, UriKind.Relative));
                Assert.True(response.IsSuccessStatusCode, $"{asset} answered {(int)response.StatusCode}");
            }

            using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            // Anonymous callers get the status only; the SQLite version (3.53.4) is for administrators (AccessTests).
            Assert.NotNull(health.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [GeneratedRegex(@"已启动,请用浏览器打开 (http://127\.0\.0\.1:\d+)")]
    private static partial Regex StartedLine();

    [GeneratedRegex("""(?:src|href)="/?((?:_framework|_content)/[^"?]+)""")]
    private static partial Regex AssetReference();
}
