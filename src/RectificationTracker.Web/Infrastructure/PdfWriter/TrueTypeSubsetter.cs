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
    private static readonly HashSet<string> Kept = ["head", "hhea", "hmtx", "maxp", "cmap", "OS/2", "name", "post", "cvt ", "fpgm", "prep", "gasp"];

    /// <summary>The number of faces in <paramref name="font"/> (1 for a plain font file).</summary>
    public static int FaceCount(ReadOnlySpan<byte> font) =>
        Tag(font, 0) == "ttcf" ? (int)BinaryPrimitives.ReadUInt32BigEndian(font[8..]) : 1;

    /// <summary>A standalone TrueType file of face <paramref name="faceIndex"/> holding only <paramref name="glyphs"/> (and what they are built from).</summary>
    /// <param name="characters">
    /// When given, the character map holds only these characters (each to its glyph) instead of the face's whole map
    /// (tens of kilobytes for a CJK face); Skia reads it to tell PDF readers which character each glyph is.
    /// </param>
    public static byte[] Subset(ReadOnlySpan<byte> font, int faceIndex, IEnumerable<ushort> glyphs, IReadOnlyDictionary<int, ushort>? characters = null)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        var tables = FindTables(font, faceIndex);
        if (!tables.TryGetValue("glyf", out var glyfRecord) || !tables.TryGetValue("loca", out var locaRecord)
            || !tables.TryGetValue("head", out var headRecord) || !tables.TryGetValue("maxp", out var maxpRecord))
        {
            throw new InvalidDataException("The font has no TrueType outlines (glyf/loca).");
        }

        var head = Slice(font, headRecord).ToArray();
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(Slice(font, maxpRecord)[4..]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var loca = Slice(font, locaRecord);
        var glyf = Slice(font, glyfRecord);
        var offsets = new uint[numGlyphs + 1];
        for (var i = 0; i <= numGlyphs; i++)
        {
            offsets[i] = longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[(i * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(i * 2)..]) * 2u;
        }

        // The glyphs asked for, .notdef, and every component of a composite glyph.
        var keep = new bool[numGlyphs];
        var pending = new Stack<int>(glyphs.Where(g => g < numGlyphs).Select(g => (int)g).Append(0));
        while (pending.TryPop(out var gid))
        {
            if (keep[gid])
            {
                continue;
            }

            keep[gid] = true;
            foreach (var component in Components(glyf, offsets[gid], offsets[gid + 1]))
            {
                if (component < numGlyphs && !keep[component])
                {
                    pending.Push(component);
                }
            }
        }

        var newGlyf = new MemoryStream();
        var newLoca = new byte[(numGlyphs + 1) * 4];
        for (var gid = 0; gid < numGlyphs; gid++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(gid * 4), (uint)newGlyf.Length);
            if (keep[gid] && offsets[gid + 1] > offsets[gid])
            {
                newGlyf.Write(glyf[(int)offsets[gid]..(int)offsets[gid + 1]]);
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(numGlyphs * 4), (uint)newGlyf.Length);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set below

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = head,
            ["loca"] = newLoca,
            ["glyf"] = newGlyf.ToArray(),
        };
        if (characters is not null)
        {
            output["cmap"] = CharacterMap(characters);
        }

        if (tables.TryGetValue("hmtx", out var hmtxRecord) && tables.TryGetValue("hhea", out var hheaRecord))
        {
            output["hmtx"] = MetricsOfKept(Slice(font, hmtxRecord), BinaryPrimitives.ReadUInt16BigEndian(Slice(font, hheaRecord)[34..]), keep);
        }

        foreach (var (tag, record) in tables)
        {
            if (Kept.Contains(tag) && !output.ContainsKey(tag))
            {
                output[tag] = tag == "post" ? PostWithoutNames(Slice(font, record)) : Slice(font, record).ToArray();
            }
        }

        return Write(output);
    }

    /// <summary>The glyph ids a composite glyph is built from (none for a simple glyph).</summary>
    private static List<int> Components(ReadOnlySpan<byte> glyf, uint start, uint end)
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
    private static byte[] CharacterMap(IReadOnlyDictionary<int, ushort> characters)
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

    /// <summary>The horizontal metrics with those of dropped glyphs zeroed (the table keeps its size and compresses to little).</summary>
    private static byte[] MetricsOfKept(ReadOnlySpan<byte> hmtx, int longMetrics, bool[] keep)
    {
        var result = hmtx.ToArray();
        for (var gid = 0; gid < keep.Length; gid++)
        {
            if (keep[gid])
            {
                continue;
            }

            var (at, length) = gid < longMetrics ? (gid * 4, 4) : ((longMetrics * 4) + ((gid - longMetrics) * 2), 2);
            if (at + length <= result.Length)
            {
                result.AsSpan(at, length).Clear();
            }
        }

        return result;
    }

    /// <summary>A version 3 <c>post</c> table: the same metrics without the (large) list of glyph names.</summary>
    private static byte[] PostWithoutNames(ReadOnlySpan<byte> post)
    {
        var result = post[..Math.Min(32, post.Length)].ToArray();
        if (result.Length == 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result, 0x00030000);
        }

        return result;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> font, (uint Offset, uint Length) record) =>
        font.Slice((int)record.Offset, (int)record.Length);

    private static string Tag(ReadOnlySpan<byte> font, int at) =>
        string.Create(4, font.Slice(at, 4).ToArray(), (chars, bytes) =>
        {
            for (var i = 0; i < 4; i++)
            {
                chars[i] = (char)bytes[i];
            }
        });

    private static Dictionary<string, (uint Offset, uint Length)> FindTables(ReadOnlySpan<byte> font, int faceIndex)
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

    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + (16 * count);
        var length = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var file = new byte[length];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)((count * 16) - searchRange));
        var offset = headerLength;
        var headOffset = 0;
        var index = 0;
        foreach (var (tag, data) in tables)
        {
            var record = 12 + (16 * index++);
            for (var i = 0; i < 4; i++)
            {
                file[record + i] = (byte)tag[i];
            }

            data.CopyTo(file, offset);
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 4), CheckSum(file.AsSpan(offset, (data.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 12), (uint)data.Length);
            if (tag == "head")
            {
                headOffset = offset;
            }

            offset += (data.Length + 3) & ~3;
        }

        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - CheckSum(file)));
        return file;
    }

    private static uint CheckSum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        return sum;
    }
}
