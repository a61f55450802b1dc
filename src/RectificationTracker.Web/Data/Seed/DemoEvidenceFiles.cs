using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace RectificationTracker.Web.Data.Seed;

/// <summary>
/// Small but real evidence files for the demo campaigns: a one-page PDF whose text is the document's
/// Chinese content (set in the standard CJK font STSong-Light, so nothing needs embedding), and a PNG
/// "photo". Both open in a browser and in PDF/image viewers; different inputs give different bytes.
/// </summary>
internal static class DemoEvidenceFiles
{
    private const int PageWidth = 595;
    private const int PageHeight = 842;
    private const int Margin = 64;
    private const int BodySize = 11;
    private const int TitleSize = 16;

    /// <summary>A one-page A4 PDF: a title, then paragraphs wrapped to the page width.</summary>
    public static byte[] Pdf(string title, IEnumerable<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(paragraphs);
        var content = new StringBuilder();
        var y = PageHeight - Margin - TitleSize;
        foreach (var line in Wrap(title, (PageWidth - (2 * Margin)) / TitleSize))
        {
            content.Append(CultureInfo.InvariantCulture, $"BT /F1 {TitleSize} Tf {Margin} {y} Td <{Hex(line)}> Tj ET\n");
            y -= TitleSize + 8;
        }

        y -= 10;
        foreach (var paragraph in paragraphs)
        {
            foreach (var line in Wrap(paragraph, (PageWidth - (2 * Margin)) / BodySize))
            {
                if (y < Margin)
                {
                    break;
                }

                content.Append(CultureInfo.InvariantCulture, $"BT /F1 {BodySize} Tf {Margin} {y} Td <{Hex(line)}> Tj ET\n");
                y -= BodySize + 7;
            }

            y -= 6;
        }

        var stream = Encoding.ASCII.GetBytes(content.ToString());
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {stream.Length} >>\nstream\n") + Encoding.ASCII.GetString(stream) + "endstream",
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
            "<< /Title <FEFF" + Hex(title) + "> /Producer (RectificationTracker demo data) >>",
        ];

        using var pdf = new MemoryStream();
        void Write(string s)
        {
            var bytes = Encoding.ASCII.GetBytes(s);
            pdf.Write(bytes, 0, bytes.Length);
        }

        Write("%PDF-1.4\n");
        pdf.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']); // binary marker
        var offsets = new long[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets[i] = pdf.Position;
            Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n"));
        }

        var xref = pdf.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info {objects.Length} 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary>
    /// A 320×240 PNG: a sheet of paper with text lines and a red seal on a coloured desk, the colours
    /// taken from <paramref name="seed"/> so every photo differs.
    /// </summary>
    public static byte[] Png(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        const int width = 320;
        const int height = 240;
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var desk = (R: (byte)(90 + (h[0] % 80)), G: (byte)(70 + (h[1] % 60)), B: (byte)(50 + (h[2] % 50)));
        var lineCount = 6 + (h[3] % 5);
        var sealX = 200 + (h[4] % 40);
        var sealY = 150 + (h[5] % 30);

        var raw = new byte[height * ((width * 3) + 1)];
        var p = 0;
        for (var y = 0; y < height; y++)
        {
            raw[p++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                (byte R, byte G, byte B) c = desk;
                var onPaper = x is >= 60 and < 260 && y is >= 20 and < 225;
                if (onPaper)
                {
                    c = (250, 250, 246);
                    var row = (y - 40) / 14;
                    if (y >= 40 && (y - 40) % 14 < 3 && row < lineCount && x >= 78 && x < 242 - ((row * 17) % 40))
                    {
                        c = (60, 60, 70);
                    }

                    var dx = x - sealX;
                    var dy = y - sealY;
                    var d2 = (dx * dx) + (dy * dy);
                    if (d2 is <= 26 * 26 and >= 22 * 22 || (d2 <= 8 * 8))
                    {
                        c = (205, 30, 35);
                    }
                }
                else if (x is >= 63 and < 263 && y is >= 23 and < 228)
                {
                    c = ((byte)(desk.R * 0.6), (byte)(desk.G * 0.6), (byte)(desk.B * 0.6)); // shadow
                }

                raw[p++] = c.R;
                raw[p++] = c.G;
                raw[p++] = c.B;
            }
        }

        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var z = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw, 0, raw.Length);
            }

            compressed = buffer.ToArray();
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Lines of at most <paramref name="fullWidthChars"/> full-width characters (ASCII counts as half).</summary>
    internal static IEnumerable<string> Wrap(string text, int fullWidthChars)
    {
        var line = new StringBuilder();
        var width = 0.0;
        foreach (var c in text.Replace("\r", "", StringComparison.Ordinal))
        {
            if (c == '\n')
            {
                yield return line.ToString();
                line.Clear();
                width = 0;
                continue;
            }

            var w = c < 128 ? 0.5 : 1.0;
            if (width + w > fullWidthChars)
            {
                yield return line.ToString();
                line.Clear();
                width = 0;
            }

            line.Append(c);
            width += w;
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>UCS-2 big-endian hex, as the UniGB-UCS2-H encoding and PDF text strings read it.</summary>
    private static string Hex(string s) => Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(s));

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
