using System.Text;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Web.Cli;

/// <summary><c>parse-feedback FILE</c>: print a feedback document's outline as JSON.</summary>
internal static class ParseFeedbackCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("用法:parse-feedback 文件(.txt 或 .docx)").ConfigureAwait(false);
            return 2;
        }

        if (!File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync($"文件不存在:{args[0]}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var text = ReadText(args[0]);
            var outline = FeedbackParser.Parse(text);
            Console.OutputEncoding = Encoding.UTF8;
            Console.WriteLine(FeedbackOutlineJson.Serialize(outline));
            return 0;
        }
        catch (FeedbackParseException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
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
