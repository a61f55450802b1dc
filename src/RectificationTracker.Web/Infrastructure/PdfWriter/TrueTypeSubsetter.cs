using System.Buffers.Binary;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>
/// Cuts a TrueType font (a <c>.ttf</c>, or one face of a <c>.ttc</c> collection) down to the glyphs a document
/// uses, keeping every glyph id where it was: the other glyphs' outlines are emptied, not renumbered. Skia embeds a
/// font file as it is given (the SkiaSharp build has no subsetter), so the PDF carries this small file instead of
/// a 5 MB CJK face. Glyph ids, metrics and the character map stay valid, so text laid out with the full face draws
/// identically with the subset, and PDF readers still extract the characters.
/// </summary>
public static class TrueTypeSubsetter
{
    // Tables a PDF's FontFile2 and Skia need; everything else (embedded bitmaps, OpenType layout, kerning,
    // device metrics) is left out.
    internal static readonly HashSet<string> Kept = ["head", "hhea", "hmtx", "maxp", "cmap", "OS/2", "name", "post", "cvt ", "fpgm", "prep", "gasp"];

    /// <summary>The number of faces in <paramref name="font"/> (1 for a plain font file).</summary>
    public static int FaceCount(ReadOnlySpan<byte> font) =>
        Tag(font, 0) == "ttcf" ? (int)BinaryPrimitives.ReadUInt32BigEndian(font[8..]) : 1;

    /// <summary>A standalone TrueType file of face <paramref name="faceIndex"/> holding only <paramref name="glyphs"/> (and what they are built from).</summary>
    /// <param name="characters">
    /// When given, the character map holds only these characters (each to its glyph) instead of the face's whole map
    /// (tens of kilobytes for a CJK face); Skia reads it to tell PDF readers which character each glyph is.
    /// </param>
    public static byte[] Subset(ReadOnlySpan<byte> font, int faceIndex, IEnumerable<ushort> glyphs, IReadOnlyDictionary<int, ushort>? characters = null) =>
        TrueTypeFace.Read(font, faceIndex).Subset(font, glyphs, characters, (file, length) => file.AsSpan(0, length).ToArray());

    /// <summary>The glyph ids a composite glyph is built from (none for a simple glyph).</summary>
    internal static List<int> Components(ReadOnlySpan<byte> glyf, uint start, uint end)
    {
        var result = new List<int>();
        if (end - start < 10 || BinaryPrimitives.ReadInt16BigEndian(glyf[(int)start..]) >= 0)
        {
            return result;
        }

        var p = (int)start + 10;
        while (p + 4 <= end)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyf[p..]);
            result.Add(BinaryPrimitives.ReadUInt16BigEndian(glyf[(p + 2)..]));
            p += 4 + ((flags & 0x0001) != 0 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
            p += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0; // scale forms
            if ((flags & 0x0020) == 0) // MORE_COMPONENTS
            {
                break;
            }
        }

        return result;
    }

    /// <summary>A <c>cmap</c> with one Unicode subtable (platform 3, encoding 10, format 12) mapping exactly <paramref name="characters"/>.</summary>
    internal static byte[] CharacterMap(IReadOnlyDictionary<int, ushort> characters)
    {
        // Groups of consecutive characters drawn by consecutive glyphs.
        var groups = new List<(uint Start, uint End, uint Glyph)>();
        foreach (var (c, g) in characters.OrderBy(kv => kv.Key))
        {
            if (groups.Count > 0 && groups[^1] is var last && last.End + 1 == (uint)c && last.Glyph + (last.End - last.Start) + 1 == g)
            {
                groups[^1] = last with { End = (uint)c };
            }
            else
            {
                groups.Add(((uint)c, (uint)c, g));
            }
        }

        var subtableLength = 16 + (12 * groups.Count);
        var table = new byte[12 + subtableLength];
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(2), 1); // one subtable
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(4), 3); // Windows
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(6), 10); // Unicode, full repertoire
        BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(8), 12);
        var sub = table.AsSpan(12);
        BinaryPrimitives.WriteUInt16BigEndian(sub, 12);
        BinaryPrimitives.WriteUInt32BigEndian(sub[4..], (uint)subtableLength);
        BinaryPrimitives.WriteUInt32BigEndian(sub[12..], (uint)groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var at = sub[(16 + (12 * i))..];
            BinaryPrimitives.WriteUInt32BigEndian(at, groups[i].Start);
            BinaryPrimitives.WriteUInt32BigEndian(at[4..], groups[i].End);
            BinaryPrimitives.WriteUInt32BigEndian(at[8..], groups[i].Glyph);
        }

        return table;
    }

    /// <summary>A version 3 <c>post</c> table: the same metrics without the (large) list of glyph names.</summary>
    internal static byte[] PostWithoutNames(ReadOnlySpan<byte> post)
    {
        var result = post[..Math.Min(32, post.Length)].ToArray();
        if (result.Length == 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result, 0x00030000);
        }

        return result;
    }

    internal static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> font, (uint Offset, uint Length) record) =>
        font.Slice((int)record.Offset, (int)record.Length);

    private static string Tag(ReadOnlySpan<byte> font, int at) =>
        string.Create(4, font.Slice(at, 4).ToArray(), (chars, bytes) =>
        {
            for (var i = 0; i < 4; i++)
            {
                chars[i] = (char)bytes[i];
            }
        });

    internal static Dictionary<string, (uint Offset, uint Length)> FindTables(ReadOnlySpan<byte> font, int faceIndex)
    {
        var start = 0;
        if (Tag(font, 0) == "ttcf")
        {
            var faces = FaceCount(font);
            if (faceIndex < 0 || faceIndex >= faces)
            {
                throw new ArgumentOutOfRangeException(nameof(faceIndex), $"The collection has {faces} faces.");
            }

            start = (int)BinaryPrimitives.ReadUInt32BigEndian(font[(12 + (4 * faceIndex))..]);
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(font[(start + 4)..]);
        var tables = new Dictionary<string, (uint, uint)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = start + 12 + (16 * i);
            tables[Tag(font, record)] = (BinaryPrimitives.ReadUInt32BigEndian(font[(record + 8)..]), BinaryPrimitives.ReadUInt32BigEndian(font[(record + 12)..]));
        }

        return tables;
    }

    internal static uint CheckSum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        return sum;
    }
}
