using System.Text.Json;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Tests.Intake;

namespace RectificationTracker.Web.Tests.Cli;

public sealed class ParseFeedbackCommandTests
{
    [Fact]
    public async Task Parse_feedback_prints_stated_totals_the_mismatch_warning_and_the_dropped_marks_for_a_docx()
    {
        var path = Path.Combine(Path.GetTempPath(), "rt-parse-" + Guid.NewGuid().ToString("N") + ".docx");
        await File.WriteAllBytesAsync(path, IntakeTestSupport.Docx("""
            机密★1年
            关于巡察某局党组的反馈意见
            巡察共发现2个方面4个具体问题,现反馈如下。
            二、存在的主要问题
            （一）落实上级部署不到位
            1．学习不系统。
            第 1 页 共 2 页
            2．调研不深入。
            （二）组织建设薄弱
            3．组织生活不规范。
            """));
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            Assert.Equal(0, await ParseFeedbackCommand.RunAsync(path, output, error));

            var json = JsonDocument.Parse(output.ToString()).RootElement;
            var totals = json.GetProperty("totals");
            Assert.Equal(4, totals.GetProperty("stated").GetProperty("problems").GetInt32());
            Assert.Equal(3, totals.GetProperty("counted").GetProperty("problems").GetInt32());
            var warning = totals.GetProperty("warnings")[0].GetString()!;
            Assert.Contains("问题为4个", warning, StringComparison.Ordinal);
            Assert.Contains("识别出3个问题", warning, StringComparison.Ordinal);
            Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString() == warning);
            Assert.Equal(["机密★1年", "第 1 页 共 2 页"], json.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("text").GetString()));
            Assert.Equal("", error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Seed_003_states_no_total_and_prints_null()
    {
        var path = Path.Combine(Path.GetTempPath(), "rt-parse-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(path, IntakeTestSupport.Seed003());
        try
        {
            using var output = new StringWriter();
            Assert.Equal(0, await ParseFeedbackCommand.RunAsync(path, output, TextWriter.Null));
            var totals = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("totals");
            Assert.Equal(JsonValueKind.Null, totals.GetProperty("stated").ValueKind);
            Assert.Equal(14, totals.GetProperty("counted").GetProperty("problems").GetInt32());
            Assert.Equal(5, totals.GetProperty("counted").GetProperty("aspects").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
