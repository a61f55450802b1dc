using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RectificationTracker.Domain.Intake;

/// <summary>The outline as the JSON the review page and the import API exchange.</summary>
public static class FeedbackOutlineJson
{
    // Relaxed escaping keeps the Chinese readable; the JSON is never embedded in HTML unencoded.
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// {"aspects":[{"ordinal","title","problems":[{"ordinal","title","text","points"}]}],"notes","warnings"};
    /// written by hand so the shape cannot drift with the model (source excerpts stay out).
    /// </summary>
    public static string Serialize(FeedbackOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("aspects");
            foreach (var aspect in outline.Aspects)
            {
                json.WriteStartObject();
                json.WriteString("ordinal", aspect.Ordinal);
                json.WriteString("title", aspect.Title);
                json.WriteStartArray("problems");
                foreach (var problem in aspect.Problems)
                {
                    json.WriteStartObject();
                    json.WriteNumber("ordinal", problem.Ordinal);
                    json.WriteString("title", problem.Title);
                    json.WriteString("text", problem.Text);
                    WriteStrings(json, "points", problem.Points);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "notes", outline.Notes);
            WriteStrings(json, "warnings", outline.Warnings);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, List<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
