using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>
/// What <see cref="TrueTypeSubsetter"/> needs of one TrueType face, read once per face: the table directory, the glyph
/// offsets and the tables a subset copies unchanged. A subset is then written in one pass into one buffer of exactly
/// its size, taken from a pool and given back, so a report allocates no face-sized arrays per document.
/// </summary>
/// <remarks>
/// A face-sized array per document (loca and hmtx of a 30,000-glyph CJK face, the subset file itself) is fresh
/// memory the first times; on this project's 2-core virtual machines each page of it faulted in costs ~20–30 µs, which
/// made a sign-off sheet's first writes twice as slow as later ones (ADR 14, fourth pass).
/// </remarks>
internal sealed class TrueTypeFace
{
    // Subset files of up to 32 MB are pooled (a long bulletin's Song face is a few MB), one per report slot.
    private static readonly ArrayPool<byte> Files = ArrayPool<byte>.Create(32 * 1024 * 1024, Math.Max(2, Environment.ProcessorCount));

    private readonly uint[] offsets;
    private readonly (uint Offset, uint Length) glyfRecord;
    private readonly (uint Offset, uint Length)? hmtxRecord;
    private readonly int longMetrics;
    private readonly byte[] head;
    private readonly byte[]? cmap;
    private readonly List<(string Tag, byte[] Data)> unchanged;

    private TrueTypeFace(uint[] offsets, (uint, uint) glyfRecord, (uint, uint)? hmtxRecord, int longMetrics, byte[] head, byte[]? cmap,
        List<(string, byte[])> unchanged)
    {
        this.offsets = offsets;
        this.glyfRecord = glyfRecord;
        this.hmtxRecord = hmtxRecord;
        this.longMetrics = longMetrics;
        this.head = head;
        this.cmap = cmap;
        this.unchanged = unchanged;
    }

    public int GlyphCount => offsets.Length - 1;

    /// <summary>Reads face <paramref name="faceIndex"/> of <paramref name="font"/>; null when its tables cannot be read.</summary>
    public static TrueTypeFace? TryRead(byte[] font, int faceIndex)
    {
        try
        {
            return Read(font, faceIndex);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Reads face <paramref name="faceIndex"/> of <paramref name="font"/>; throws when it has no TrueType outlines.</summary>
    public static TrueTypeFace Read(ReadOnlySpan<byte> font, int faceIndex)
    {
        var tables = TrueTypeSubsetter.FindTables(font, faceIndex);
        if (!tables.TryGetValue("glyf", out var glyfRecord) || !tables.TryGetValue("loca", out var locaRecord)
            || !tables.TryGetValue("head", out var headRecord) || !tables.TryGetValue("maxp", out var maxpRecord))
        {
            throw new InvalidDataException("The font has no TrueType outlines (glyf/loca).");
        }

        var head = TrueTypeSubsetter.Slice(font, headRecord).ToArray();
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(TrueTypeSubsetter.Slice(font, maxpRecord)[4..]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var loca = TrueTypeSubsetter.Slice(font, locaRecord);
        var offsets = new uint[numGlyphs + 1];
        for (var i = 0; i <= numGlyphs; i++)
        {
            offsets[i] = longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[(i * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(i * 2)..]) * 2u;
        }

        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // the subset's loca has long offsets
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment, set per subset

        (uint, uint)? hmtxRecord = null;
        var longMetrics = 0;
        if (tables.TryGetValue("hmtx", out var hmtx) && tables.TryGetValue("hhea", out var hheaRecord))
        {
            hmtxRecord = hmtx;
            longMetrics = BinaryPrimitives.ReadUInt16BigEndian(TrueTypeSubsetter.Slice(font, hheaRecord)[34..]);
        }

        var unchanged = new List<(string, byte[])>();
        byte[]? cmap = null;
        foreach (var (tag, record) in tables)
        {
            if (tag == "cmap")
            {
                cmap = TrueTypeSubsetter.Slice(font, record).ToArray();
            }
            else if (TrueTypeSubsetter.Kept.Contains(tag) && tag != "head" && !(tag == "hmtx" && hmtxRecord is not null))
            {
                unchanged.Add((tag, tag == "post" ? TrueTypeSubsetter.PostWithoutNames(TrueTypeSubsetter.Slice(font, record)) : TrueTypeSubsetter.Slice(font, record).ToArray()));
            }
        }

        return new TrueTypeFace(offsets, glyfRecord, hmtxRecord, longMetrics, head, cmap, unchanged);
    }

    /// <summary>
    /// Writes the subset holding <paramref name="glyphs"/> (and their components) into a pooled buffer and hands it to
    /// <paramref name="use"/> with its length; the buffer goes back to the pool when <paramref name="use"/> returns.
    /// </summary>
    /// <param name="font">The file this face was read from.</param>
    /// <param name="characters">When given, the character map holds only these characters; else the face's whole map.</param>
    public T Subset<T>(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs, IReadOnlyDictionary<int, ushort>? characters, Func<byte[], int, T> use)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentNullException.ThrowIfNull(use);
        var glyf = TrueTypeSubsetter.Slice(font, glyfRecord);
        var kept = KeptGlyphs(glyf, glyphs);

        // The tables in tag order (as the directory lists them), each with its length.
        var map = characters is not null ? TrueTypeSubsetter.CharacterMap(characters) : cmap;
        var glyfLength = 0;
        foreach (var gid in kept)
        {
            glyfLength += Padded(OutlineLength(gid));
        }

        // Tables copied as they are carry their bytes; loca, glyf and hmtx are written per subset.
        var tables = new List<(string Tag, int Length, byte[]? Data)>(unchanged.Count + 5)
        {
            ("head", head.Length, head),
            ("loca", offsets.Length * 4, null),
            ("glyf", glyfLength, null),
        };
        if (map is not null)
        {
            tables.Add(("cmap", map.Length, map));
        }

        if (hmtxRecord is { } hmtx)
        {
            tables.Add(("hmtx", (int)hmtx.Length, null));
        }

        tables.AddRange(unchanged.Select(t => (t.Tag, t.Data.Length, (byte[]?)t.Data)));
        tables.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));

        var count = tables.Count;
        var headerLength = 12 + (16 * count);
        var length = headerLength + tables.Sum(t => Padded(t.Length));
        var file = Files.Rent(length);
        try
        {
            var span = file.AsSpan(0, length);
            var entrySelector = (int)Math.Floor(Math.Log2(count));
            var searchRange = (1 << entrySelector) * 16;
            BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
            BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
            BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)searchRange);
            BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)entrySelector);
            BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((count * 16) - searchRange));
            var offset = headerLength;
            var headOffset = 0;
            for (var i = 0; i < count; i++)
            {
                var (tag, tableLength, bytes) = tables[i];
                var table = span.Slice(offset, Padded(tableLength));
                table[tableLength..].Clear(); // the padding
                var data = table[..tableLength];
                if (bytes is not null)
                {
                    bytes.CopyTo(data);
                }
                else if (tag == "loca")
                {
                    WriteLoca(data, kept);
                }
                else if (tag == "glyf")
                {
                    WriteGlyf(data, glyf, kept);
                }
                else
                {
                    WriteMetrics(data, TrueTypeSubsetter.Slice(font, hmtxRecord!.Value), kept);
                }

                if (tag == "head")
                {
                    headOffset = offset;
                }

                var record = span.Slice(12 + (16 * i), 16);
                for (var c = 0; c < 4; c++)
                {
                    record[c] = (byte)tag[c];
                }

                BinaryPrimitives.WriteUInt32BigEndian(record[4..], TrueTypeSubsetter.CheckSum(table));
                BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
                BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)tableLength);
                offset += table.Length;
            }

            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - TrueTypeSubsetter.CheckSum(span)));
            return use(file, length);
        }
        finally
        {
            Files.Return(file);
        }
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private int OutlineLength(int gid) => offsets[gid + 1] > offsets[gid] ? (int)(offsets[gid + 1] - offsets[gid]) : 0;

    /// <summary>The glyphs asked for, .notdef, and every component of a composite glyph, in id order.</summary>
    private int[] KeptGlyphs(ReadOnlySpan<byte> glyf, IEnumerable<ushort> glyphs)
    {
        var numGlyphs = GlyphCount;
        var kept = new HashSet<int>();
        var pending = new Stack<int>(glyphs.Where(g => g < numGlyphs).Select(g => (int)g).Append(0));
        while (pending.TryPop(out var gid))
        {
            if (!kept.Add(gid))
            {
                continue;
            }

            foreach (var component in TrueTypeSubsetter.Components(glyf, offsets[gid], offsets[gid + 1]))
            {
                if (component < numGlyphs && !kept.Contains(component))
                {
                    pending.Push(component);
                }
            }
        }

        var sorted = kept.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Long offsets: a dropped glyph is empty (its offset is the next kept glyph's).</summary>
    private void WriteLoca(Span<byte> loca, int[] kept)
    {
        var words = MemoryMarshal.Cast<byte, uint>(loca);
        var at = 0u;
        var from = 0;
        foreach (var gid in kept)
        {
            // Glyphs before this one (since the last kept glyph) start where it starts.
            words[from..gid].Fill(BinaryPrimitives.ReverseEndianness(at));
            words[gid] = BinaryPrimitives.ReverseEndianness(at);
            at += (uint)Padded(OutlineLength(gid));
            from = gid + 1;
        }

        words[from..].Fill(BinaryPrimitives.ReverseEndianness(at));
    }

    private void WriteGlyf(Span<byte> target, ReadOnlySpan<byte> glyf, int[] kept)
    {
        var at = 0;
        foreach (var gid in kept)
        {
            var outline = glyf.Slice((int)offsets[gid], OutlineLength(gid));
            outline.CopyTo(target[at..]);
            target.Slice(at + outline.Length, Padded(outline.Length) - outline.Length).Clear();
            at += Padded(outline.Length);
        }
    }

    /// <summary>The horizontal metrics of the kept glyphs; those of dropped glyphs are zero (the table keeps its size and compresses to little).</summary>
    private void WriteMetrics(Span<byte> target, ReadOnlySpan<byte> hmtx, int[] kept)
    {
        target.Clear();
        foreach (var gid in kept)
        {
            var (at, length) = gid < longMetrics ? (gid * 4, 4) : ((longMetrics * 4) + ((gid - longMetrics) * 2), 2);
            if (at + length <= hmtx.Length)
            {
                hmtx.Slice(at, length).CopyTo(target[at..]);
            }
        }
    }
}
