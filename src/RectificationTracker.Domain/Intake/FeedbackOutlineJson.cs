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
    /// {"aspects":[{"ordinal","title","problems":[{"ordinal","title","text","points"}]}],"notes","warnings",
    /// "totals":{"stated":{"categories","aspects","problems","statement"}|null,"counted":{"aspects","problems"},"warnings"},
    /// "dropped":[{"line","kind","text"}]};
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
            json.WritePropertyName("totals");
            json.WriteStartObject();
            if (outline.Stated is { } stated)
            {
                json.WriteStartObject("stated");
                WriteCount(json, "categories", stated.Categories);
                WriteCount(json, "aspects", stated.Aspects);
                WriteCount(json, "problems", stated.Problems);
                json.WriteString("statement", stated.Statement);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("stated");
            }

            json.WriteStartObject("counted");
            json.WriteNumber("aspects", outline.CountedAspects);
            json.WriteNumber("problems", outline.CountedProblems);
            json.WriteEndObject();
            WriteStrings(json, "warnings", outline.Stated?.Compare(outline.CountedAspects, outline.CountedProblems) ?? []);
            json.WriteEndObject();
            json.WriteStartArray("dropped");
            foreach (var line in outline.Dropped)
            {
                json.WriteStartObject();
                json.WriteNumber("line", line.Line);
                json.WriteString("kind", line.KindName);
                json.WriteString("text", line.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteCount(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
