using RectificationTracker.Web.Features.Evidence;

namespace RectificationTracker.Web.Tests.Evidence;

public class EvidenceNamesTests
{
    [Theory]
    [InlineData(@"C:\Users\chen\Desktop\整改报告.pdf", "整改报告.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("  方案\r\n(定稿).docx ", "方案(定稿).docx")]
    [InlineData("folder/", "")]
    [InlineData(null, "")]
    public void Stored_names_keep_only_the_last_path_segment_without_control_characters(string? given, string expected) =>
        Assert.Equal(expected, EvidenceNames.Sanitise(given));

    [Fact]
    public void Long_names_are_cut_to_255_characters_keeping_the_extension()
    {
        var name = EvidenceNames.Sanitise(new string('整', 300) + ".xlsx");

        Assert.Equal(255, name.Length);
        Assert.EndsWith("整.xlsx", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(812, "812 B")]
    [InlineData(37_274, "36.4 KB")]
    [InlineData(1_258_291, "1.2 MB")]
    [InlineData(52_428_800, "50 MB")]
    public void Sizes_read_as_people_write_them(long bytes, string expected) =>
        Assert.Equal(expected, EvidenceNames.SizeText(bytes));

    [Theory]
    [InlineData("evil.html", "TXT", "evil.html.txt")]
    [InlineData("img.svg", "TXT", "img.svg.txt")]
    [InlineData("ole.exe", "OLE", "ole.exe.bin")]
    [InlineData("扫描件.jpeg", "JPEG", "扫描件.jpeg")]
    [InlineData("扫描件.png", "JPEG", "扫描件.jpg")]
    public void A_download_name_always_ends_in_an_extension_of_the_stored_type(string name, string kind, string expected)
    {
        // Rows stored before names were checked are made safe when they are delivered.
        Assert.Equal(expected, EvidenceNames.ForType(name, kind));
    }
}
