namespace RectificationTracker.Domain.Tests.Intake;

/// <summary>The seed documents live in ../shared/seeds beside the repository, locally and in CI.</summary>
internal static class SeedDocuments
{
    public static string Read(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RectificationTracker.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("RectificationTracker.sln not found above " + AppContext.BaseDirectory);
        }

        return File.ReadAllText(Path.Combine(dir.FullName, "..", "shared", "seeds", fileName));
    }

    public static string FeedbackDocument003() => Read("003_a7e788a71b64a196.txt");
}
