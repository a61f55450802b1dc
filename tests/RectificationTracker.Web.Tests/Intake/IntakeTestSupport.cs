using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Rounds;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Intake;

internal static class IntakeTestSupport
{
    /// <summary>The seed documents live in ../shared/seeds beside the repository, locally and in CI.</summary>
    public static string Seed003()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RectificationTracker.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "..", "shared", "seeds", "003_a7e788a71b64a196.txt"));
    }

    /// <summary>A fresh, empty round run by the office user's unit, created through the round service.</summary>
    public static async Task<int> NewRoundAsync(TrackerFactory app, Actor office, string name, DateTime? feedbackDate = null)
    {
        var result = await app.WithAsync<RoundService, Result<int>>(s => s.SaveRoundAsync(office, new RoundForm
        {
            Name = name,
            Kind = RoundKind.LookBack,
            InspectingBody = "县委第一巡察组",
            OfficeUnitId = office.UnitId,
            InspectedUnitIds = [office.UnitId],
            FeedbackDate = feedbackDate ?? new DateTime(2026, 5, 10),
            RectificationDeadline = new DateTime(2026, 8, 10),
        }));
        Assert.True(result.Succeeded, result.Outcome.Message);
        return result.Value;
    }

    public static async Task<InspectionRound> LoadRoundAsync(TrackerFactory app, int roundId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        return await db.Rounds.AsNoTracking().Include(r => r.Aspects.OrderBy(a => a.Ordinal)).ThenInclude(a => a.Problems.OrderBy(p => p.Number))
            .SingleAsync(r => r.Id == roundId);
    }

    public static async Task<List<Domain.History.HistoryEntry>> HistoryAsync(TrackerFactory app, int roundId)
    {
        await app.FlushDeniedAttemptsAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        return await db.History.AsNoTracking().Where(h => h.RoundId == roundId || (h.EntityType == "Round" && h.EntityId == roundId))
            .OrderBy(h => h.Id).ToListAsync();
    }

    /// <summary>A real .docx with one paragraph per line of <paramref name="text"/>.</summary>
    public static byte[] Docx(string text)
    {
        using var buffer = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var line in text.Split('\n'))
            {
                body.Append(new Paragraph(new Run(new Text(line.TrimEnd('\r')) { Space = SpaceProcessingModeValues.Preserve })));
            }

            main.Document = new Document(body);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A minimal .docx whose word/document.xml inflates to about <paramref name="xmlBytes"/> bytes of
    /// empty runs (no text): the shape of a decompression bomb.
    /// </summary>
    public static byte[] DocxBomb(int xmlBytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string content)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Optimal).Open());
                w.Write(content);
            }

            Entry("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Entry("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var doc = new StreamWriter(zip.CreateEntry("word/document.xml", System.IO.Compression.CompressionLevel.Optimal).Open());
            doc.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>");
            const string Run = "<w:r><w:t></w:t></w:r>";
            for (var written = 0; written < xmlBytes; written += Run.Length)
            {
                doc.Write(Run);
            }

            doc.Write("</w:p></w:body></w:document>");
        }

        return buffer.ToArray();
    }
}
