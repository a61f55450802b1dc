using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Features.Evidence;

namespace RectificationTracker.Web.Tests.Evidence;

/// <summary>GET /files/evidence/{id} with real logins of the demo accounts.</summary>
public sealed class EvidenceDownloadEndpointTests(EvidenceAppFactory app) : IClassFixture<EvidenceAppFactory>
{
    [Fact]
    public async Task User_of_another_unit_gets_404_and_the_attempt_is_recorded_as_denied()
    {
        var (evidenceId, taskId) = await UploadToCityTaskAsync(SampleFiles.Pdf("west county"), "整改报告.pdf");
        var westCounty = await app.ActorAsync("westcounty");
        using var client = await app.SignedInClientAsync("westcounty");

        using var response = await client.GetAsync(EvidenceEndpoints.DownloadUrl(evidenceId));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        await app.FlushDeniedAttemptsAsync();
        var history = await EvidenceTaskSteps.VerifiedHistoryAsync(app.Db);
        var denied = Assert.Single(history, h => h.Action == "Denied" && h.EntityId == evidenceId);
        Assert.Equal("Evidence", denied.EntityType);
        Assert.Equal(westCounty.UserId, denied.ActorId);
        Assert.Equal("林峰", denied.ActorName);
        Assert.Equal(taskId, denied.TaskId);
        Assert.DoesNotContain(history, h => h.Action == "Download" && h.EntityId == evidenceId);
    }

    [Fact]
    public async Task Id_that_does_not_exist_gets_the_same_404()
    {
        using var client = await app.SignedInClientAsync("westcounty");

        using var response = await client.GetAsync(EvidenceEndpoints.DownloadUrl(987_654));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await app.FlushDeniedAttemptsAsync();
        Assert.Contains(await EvidenceTaskSteps.VerifiedHistoryAsync(app.Db), h => h.Action == "Denied" && h.EntityId == 987_654);
    }

    [Fact]
    public async Task Owner_downloads_the_file_with_its_original_name_and_the_download_is_recorded()
    {
        var bytes = SampleFiles.Pdf("owner download");
        var (evidenceId, taskId) = await UploadToCityTaskAsync(bytes, "整改报告.pdf");
        var owner = await app.ActorAsync("unit");
        using var client = await app.SignedInClientAsync("unit");

        using var response = await client.GetAsync(EvidenceEndpoints.DownloadUrl(evidenceId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("整改报告.pdf", disposition.FileNameStar);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        var download = Assert.Single(await EvidenceTaskSteps.VerifiedHistoryAsync(app.Db), h => h.Action == "Download" && h.EntityId == evidenceId);
        Assert.Equal("Evidence", download.EntityType);
        Assert.Equal(owner.UserId, download.ActorId);
        Assert.Equal(taskId, download.TaskId);
    }

    [Fact]
    public async Task Inline_is_offered_for_pdf_preview_but_never_for_office_files()
    {
        var (pdfId, _) = await UploadToCityTaskAsync(SampleFiles.Pdf("preview"), "预览.pdf");
        var (docxId, _) = await UploadToCityTaskAsync(SampleFiles.Docx(), "方案.docx");
        using var client = await app.SignedInClientAsync("office");

        using var pdf = await client.GetAsync(EvidenceEndpoints.DownloadUrl(pdfId, inline: true));
        using var docx = await client.GetAsync(EvidenceEndpoints.DownloadUrl(docxId, inline: true));

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("预览.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("attachment", docx.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Anonymous_request_is_sent_to_the_login_page()
    {
        var (evidenceId, _) = await UploadToCityTaskAsync(SampleFiles.Pdf("anonymous"), "a.pdf");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(EvidenceEndpoints.DownloadUrl(evidenceId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>
    /// A city round run by the root's inspection office, one task 交办 to 第一检察部 with lead leader
    /// `leader`, and one file uploaded by `unit`.
    /// </summary>
    private async Task<(int EvidenceId, int TaskId)> UploadToCityTaskAsync(byte[] bytes, string fileName)
    {
        var office = await app.ActorAsync("office");
        var leader = await app.ActorAsync("leader");
        var owner = await app.ActorAsync("unit");
        var department = owner.UnitId;
        var taskId = await EvidenceTaskSteps.CreateAssignedTaskAsync(app.Db, office.UnitId, department, office, leader, DateTime.UtcNow);
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<EvidenceService>();
        var result = await service.UploadAsync(owner, taskId, new MemoryStream(bytes), fileName);
        Assert.True(result.Succeeded, result.Outcome.Message);
        return (result.Value!.Id, taskId);
    }
}
