using System.CommandLine;
using System.Text;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Web.Cli;

/// <summary><c>parse-feedback FILE</c>: print a feedback document's outline as JSON.</summary>
internal static class ParseFeedbackCommand
{
    /// <summary>Needs no host: the parser reads the file and nothing else.</summary>
    internal static Command Create()
    {
        var file = new Argument<string>("文件") { Description = "反馈意见文件(.txt 或 .docx,按内容识别)" };
        file.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } path && !File.Exists(path))
            {
                r.AddError($"文件不存在:{path}");
            }
        });
        var command = new Command("parse-feedback", "解析巡察反馈意见,以 JSON 输出提纲(方面、问题、要点、所述总数)") { file };
        command.SetAction((parse, _) =>
        {
            Console.OutputEncoding = Encoding.UTF8;
            return RunAsync(parse.GetValue(file)!, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Writes the outline's JSON (stated and counted totals, their warning and the dropped page furniture included) to <paramref name="output"/>.</summary>
    internal static async Task<int> RunAsync(string path, TextWriter output, TextWriter error)
    {
        try
        {
            var text = ReadText(path);
            var outline = FeedbackParser.Parse(text);
            await output.WriteLineAsync(FeedbackOutlineJson.Serialize(outline)).ConfigureAwait(false);
            return 0;
        }
        catch (FeedbackParseException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Text of a .docx (one line per paragraph) or a text file, decided by content.</summary>
    internal static string ReadText(string path)
    {
        using var stream = File.OpenRead(path);
        return Features.Intake.FeedbackDocumentReader.ReadText(stream, Path.GetFileName(path));
    }
}
