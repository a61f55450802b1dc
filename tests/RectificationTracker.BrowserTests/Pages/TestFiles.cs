using System.Text;

namespace RectificationTracker.BrowserTests.Pages;

/// <summary>Files the journeys upload as evidence.</summary>
internal static class TestFiles
{
    /// <summary>A minimal PDF (its header is what the upload's content check reads).</summary>
    public static byte[] Pdf(string title) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n% {title.Length}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A Windows executable's first bytes, to be named .pdf: content sniffing must refuse it.</summary>
    public static byte[] Executable()
    {
        var bytes = new byte[512];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        return bytes;
    }
}
