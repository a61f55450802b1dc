using System.Text;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Intake;
using RectificationTracker.Web.Tests.Infrastructure;
using static RectificationTracker.Web.Tests.Intake.IntakeTestSupport;

namespace RectificationTracker.Web.Tests.Intake;

[Collection(SharedApp.Name)]
public sealed class FeedbackIntakeServiceTests(TrackerFactory app)
{
    private Task<Result<IntakeDraft>> ReadAsync(Domain.Organisation.Actor actor, int roundId, string text) =>
        app.WithAsync<FeedbackIntakeService, Result<IntakeDraft>>(s => s.ReadAsync(actor, roundId, text));

    private Task<Result<int>> ConfirmAsync(Domain.Organisation.Actor actor, int roundId, IntakeDraft draft) =>
        app.WithAsync<FeedbackIntakeService, Result<int>>(s => s.ConfirmAsync(actor, roundId, draft));

    [Fact]
    public async Task A_document_with_a_stated_total_mismatch_and_a_classification_mark_previews_both_and_the_import_records_the_stated_total()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, "导入测试:总数不符");
        var text = "秘密★1年\n关于巡察某局党组的反馈意见\n巡察共发现2个方面4个具体问题。\n二、存在的主要问题\n（一）学习不深入\n1．学习不系统。\n内部资料 注意保存\n2．调研不深入。\n（二）组织建设薄弱\n3．组织生活不规范。";

        var read = await ReadAsync(office, roundId, text);

        Assert.True(read.Succeeded, read.Outcome.Message);
        var draft = read.Value!;
        Assert.Equal((2, 4), (draft.Stated!.Aspects, draft.Stated.Problems));
        Assert.Equal(3, draft.CountedProblems);
        Assert.Contains("识别出3个问题", Assert.Single(draft.TotalsWarnings), StringComparison.Ordinal);
        Assert.Equal(["秘密★1年", "内部资料 注意保存"], draft.Dropped.Select(d => d.Text));
        Assert.All(draft.Problems, p => Assert.DoesNotContain("保存", p.Text, StringComparison.Ordinal));

        var confirmed = await ConfirmAsync(office, roundId, draft);
        Assert.True(confirmed.Succeeded, confirmed.Outcome.Message);
        var round = await LoadRoundAsync(app, roundId);
        Assert.Equal([1, 2, 3], round.Aspects.SelectMany(a => a.Problems).Select(p => p.Number));
        Assert.DoesNotContain("秘密", round.Notes ?? "", StringComparison.Ordinal);
        var import = Assert.Single(await HistoryAsync(app, roundId), h => h.Action == FeedbackIntakeService.ImportAction);
        Assert.Contains("文件所述总数:2个方面、4个问题(与导入数不符,经确认导入)", import.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_seed_003_creates_five_aspects_and_problems_1_to_14_with_excerpts_notes_and_history()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, "导入测试:县检察院回头看");

        var read = await ReadAsync(office, roundId, Seed003());
        Assert.True(read.Succeeded, read.Outcome.Message);
        var confirmed = await ConfirmAsync(office, roundId, read.Value!);

        Assert.True(confirmed.Succeeded, confirmed.Outcome.Message);
        Assert.Equal("已导入 5 个方面、14 个问题。", confirmed.Outcome.Message);
        var round = await LoadRoundAsync(app, roundId);
        Assert.Equal(["(一)", "(二)", "(三)", "(四)", "(五)"], round.Aspects.Select(a => a.OrdinalLabel));
        Assert.Equal("贯彻落实上级决策部署不到位、不到底", round.Aspects[0].Title);
        var problems = round.Aspects.SelectMany(a => a.Problems).ToList();
        Assert.Equal(Enumerable.Range(1, 14), problems.Select(p => p.Number));
        Assert.Equal("对习近平新时代中国特色社会主义思想学习不全面、不系统", problems[0].Title);
        Assert.Equal("财务支出存在不规范现象", problems[13].Title);
        Assert.All(problems, p => Assert.StartsWith(p.Number + ".", p.SourceExcerpt, StringComparison.Ordinal));
        Assert.Contains("对党组的整体评价", round.Notes, StringComparison.Ordinal);
        Assert.Contains("三、意见建议", round.Notes, StringComparison.Ordinal);

        var history = await HistoryAsync(app, roundId);
        var import = Assert.Single(history, h => h.Action == FeedbackIntakeService.ImportAction);
        Assert.Equal(office.UserId, import.ActorId);
        Assert.Contains("5 个方面、14 个问题", import.Details, StringComparison.Ordinal);
        Assert.Contains(FeedbackFingerprint.Marker + FeedbackFingerprint.Of(Seed003()), import.Details, StringComparison.Ordinal);
        Assert.Equal(14, history.Count(h => h.Action == "CreateProblem"));
        Assert.Equal(5, history.Count(h => h.Action == "CreateAspect"));
    }

    [Fact]
    public async Task The_same_document_twice_is_refused_even_with_another_layout_and_the_round_is_unchanged()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, "导入测试:重复导入");
        var first = await ReadAsync(office, roundId, Seed003());
        var staleDraft = (await ReadAsync(office, roundId, Seed003())).Value!;
        Assert.True((await ConfirmAsync(office, roundId, first.Value!)).Succeeded);

        // The copy from Word: CRLF line breaks, blank lines, full-width digits in the ordinals.
        var copy = Seed003().Replace("\n", "\r\n\r\n", StringComparison.Ordinal).Replace("1.", "１．", StringComparison.Ordinal);
        var again = await ReadAsync(office, roundId, copy);
        var late = await ConfirmAsync(office, roundId, staleDraft);

        Assert.False(again.Succeeded);
        Assert.Equal(FeedbackIntakeService.DuplicateMessage, again.Outcome.Message);
        Assert.False(late.Succeeded);
        Assert.Equal(FeedbackIntakeService.DuplicateMessage, late.Outcome.Message);
        var round = await LoadRoundAsync(app, roundId);
        Assert.Equal(14, round.Aspects.Sum(a => a.Problems.Count));
    }

    [Fact]
    public async Task Edits_in_the_preview_are_what_gets_created_numbered_after_the_existing_problems()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, "导入测试:预览修改");
        const string earlier = "二、存在的主要问题\n(一)已有方面\n1.已有问题甲。\n2.已有问题乙。";
        Assert.True((await ConfirmAsync(office, roundId, (await ReadAsync(office, roundId, earlier)).Value!)).Succeeded);

        var draft = (await ReadAsync(office, roundId, Seed003())).Value!;
        draft.DropAspect(draft.Aspects[4].Key);                                   // (五) with problem 14
        draft.MergeIntoPrevious(draft.Aspects[0].Problems[1].Key);                // 2 into 1
        draft.Move(draft.Aspects[1].Problems[0].Key, draft.Aspects[0].Key);       // 4 to (一)
        draft.RenameProblem(draft.Aspects[0].Problems[0].Key, "理论学习和决策落实不到位");
        Assert.True((await ConfirmAsync(office, roundId, draft)).Succeeded);

        var round = await LoadRoundAsync(app, roundId);
        Assert.Equal(5, round.Aspects.Count);
        var imported = round.Aspects.Skip(1).SelectMany(a => a.Problems).ToList();
        Assert.Equal(Enumerable.Range(3, 12), imported.Select(p => p.Number));
        Assert.Equal("(二)", round.Aspects[1].OrdinalLabel);
        Assert.Equal(["理论学习和决策落实不到位", "履职尽责不够到位", "作风转变不够到位"], round.Aspects[1].Problems.Select(p => p.Title));
        Assert.Contains("2.贯彻落实上级决策部署存在差距", round.Aspects[1].Problems[0].SourceExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(imported, p => p.Title == "财务支出存在不规范现象");
    }

    [Fact]
    public async Task Office_staff_of_another_unit_cannot_import_and_the_attempt_is_recorded()
    {
        var office = await app.ActorAsync("office");
        var roundId = await NewRoundAsync(app, office, "导入测试:越权");
        var county = await app.ActorAsync("countyoffice");

        var target = await app.WithAsync<FeedbackIntakeService, IntakeTarget?>(s => s.TargetAsync(county, roundId));
        var read = await ReadAsync(county, roundId, Seed003());
        var draft = (await ReadAsync(office, roundId, Seed003())).Value!;
        var confirm = await ConfirmAsync(county, roundId, draft);

        Assert.Null(target);
        Assert.Equal(FeedbackIntakeService.NotFound, read.Outcome.Message);
        Assert.Equal(FeedbackIntakeService.NotFound, confirm.Outcome.Message);
        Assert.Empty((await LoadRoundAsync(app, roundId)).Aspects);
        var history = await HistoryAsync(app, roundId);
        // Three refusals of one kind, counted in the user's row of the minute (two rows if a minute ended between them).
        Assert.Equal(3, history.Where(h => h.Action == "Denied" && h.ActorId == county.UserId).Sum(h => DeniedRows.Count(h)));
    }

    [Fact]
    public async Task An_uploaded_docx_reads_like_the_pasted_text()
    {
        using var docx = new MemoryStream(Docx(Seed003()));
        var text = FeedbackIntakeService.ReadUpload(docx, "反馈意见.docx");

        Assert.True(text.Succeeded, text.Outcome.Message);
        var outline = FeedbackParser.Parse(text.Value!);
        Assert.Equal(14, outline.Aspects.Sum(a => a.Problems.Count));
        Assert.Equal(FeedbackFingerprint.Of(Seed003()), FeedbackFingerprint.Of(text.Value!));
    }

    [Fact]
    public async Task A_gb18030_text_file_is_read()
    {
        using var gbk = new MemoryStream(CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes(Seed003()));
        var text = FeedbackIntakeService.ReadUpload(gbk, "反馈意见.txt");
        Assert.True(text.Succeeded, text.Outcome.Message);
        Assert.Equal(FeedbackFingerprint.Of(Seed003()), FeedbackFingerprint.Of(text.Value!));
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("broken-zip")]
    [InlineData("pdf")]
    public void Unreadable_uploads_get_a_chinese_message(string kind)
    {
        byte[] bytes = kind switch
        {
            "empty" => [],
            "garbage" => Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray(),
            "broken-zip" => [.. "PK\u0003\u0004"u8, .. new byte[500]],
            _ => "%PDF-1.4\n%âãÏÓ\n1 0 obj\n"u8.ToArray(),
        };
        using var stream = new MemoryStream(bytes);

        var result = FeedbackIntakeService.ReadUpload(stream, "反馈意见.docx");

        Assert.False(result.Succeeded);
        Assert.Matches("[\u4e00-\u9fff]", result.Outcome.Message);
        Assert.Contains(kind == "empty" ? "文件为空" : kind == "pdf" ? "不支持的文件类型" : "无法识别的文件内容", result.Outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_longer_than_the_character_limit_is_refused_while_it_is_read()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("1.问题。" + new string('字', FeedbackText.MaxCharacters)));

        var result = FeedbackIntakeService.ReadUpload(stream, "反馈意见.txt");

        Assert.False(result.Succeeded);
        Assert.Contains("内容过长", result.Outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_whose_text_exceeds_the_character_limit_is_refused()
    {
        using var docx = new MemoryStream(Docx("1.问题。" + new string('字', FeedbackText.MaxCharacters)));

        var result = FeedbackIntakeService.ReadUpload(docx, "反馈意见.docx");

        Assert.False(result.Succeeded);
        Assert.Contains("内容过长", result.Outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_bomb_is_refused_without_being_inflated()
    {
        // 40 MB of markup compressed to a few hundred KB: more than the reader will ever decompress.
        using var docx = new MemoryStream(DocxBomb(40 * 1024 * 1024));

        var result = FeedbackIntakeService.ReadUpload(docx, "反馈意见.docx");

        Assert.False(result.Succeeded);
        Assert.Contains("解压后过大", result.Outcome.Message, StringComparison.Ordinal);
    }
}
