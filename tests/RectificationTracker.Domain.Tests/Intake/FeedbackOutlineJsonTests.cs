using System.Text.Json;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

public class FeedbackOutlineJsonTests
{
    [Fact]
    public void Serialize_writes_the_agreed_camel_case_shape_with_readable_chinese()
    {
        var outline = new FeedbackOutline
        {
            Aspects =
            [
                new ParsedAspect
                {
                    Ordinal = "(一)",
                    Number = 1,
                    Title = "学习不深入",
                    Problems = [new ParsedProblem { Ordinal = 1, Title = "学习不系统", Text = "学习不系统。一是…二是…", Points = ["一是…", "二是…"], SourceExcerpt = "1.学习不系统。" }],
                },
            ],
            Notes = ["一、总体评价\n班子团结。"],
            Warnings = ["问题序号不连续:第5个问题之后是第7个"],
        };

        var expected = """
            {
              "aspects": [
                {
                  "ordinal": "(一)",
                  "title": "学习不深入",
                  "problems": [
                    {
                      "ordinal": 1,
                      "title": "学习不系统",
                      "text": "学习不系统。一是…二是…",
                      "points": [
                        "一是…",
                        "二是…"
                      ]
                    }
                  ]
                }
              ],
              "notes": [
                "一、总体评价\n班子团结。"
              ],
              "warnings": [
                "问题序号不连续:第5个问题之后是第7个"
              ],
              "totals": {
                "stated": null,
                "counted": {
                  "aspects": 1,
                  "problems": 1
                },
                "warnings": []
              },
              "dropped": []
            }
            """;
        Assert.Equal(expected, FeedbackOutlineJson.Serialize(outline));
    }

    [Fact]
    public void Serialize_of_seed_003_round_trips_through_a_json_reader()
    {
        var json = FeedbackOutlineJson.Serialize(FeedbackParser.Parse(SeedDocuments.FeedbackDocument003()));

        using var document = JsonDocument.Parse(json);
        var aspects = document.RootElement.GetProperty("aspects");
        Assert.Equal(5, aspects.GetArrayLength());
        Assert.Equal(14, aspects.EnumerateArray().Sum(a => a.GetProperty("problems").GetArrayLength()));
        Assert.False(aspects[0].GetProperty("problems")[0].TryGetProperty("sourceExcerpt", out _));
        Assert.Contains("贯彻落实上级决策部署不到位", json, StringComparison.Ordinal);
    }
}
