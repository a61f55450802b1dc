using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RectificationTracker.Web.Infrastructure.PdfWriter;

/// <summary>
/// Joins PDFs that Skia wrote for consecutive page ranges of one document (<see cref="PdfComposer"/> writes a long
/// document's halves on two cores) into one PDF: the first part's objects are kept as they are, the later parts'
/// objects are renumbered after them, and a new page-tree root holds each part's page tree in order. A later part's
/// stream that is byte for byte one of the first part's (the embedded font subsets, which every part shares) is not
/// written again; its references point to the first part's copy. A later part's catalog and information dictionary are
/// dropped: the first part's name the document.
/// </summary>
/// <remarks>
/// Only what Skia writes is read: a classic cross-reference table (no object streams, no incremental updates) and a
/// trailer naming /Root and /Info. Stream data is copied without being parsed.
/// </remarks>
internal static class PdfJoin
{
    /// <summary>Streams shorter than this are never looked up for a shared copy (not worth the comparison).</summary>
    private const int SharedStreamMinimum = 1024;

    public static void Join(IReadOnlyList<ReadOnlyMemory<byte>> parts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(output);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to join.", nameof(parts));
        }

        var read = parts.Select(p => Part.Read(p)).ToArray();
        var writer = new Writer(output);
        var first = read[0];
        var root = first.Size;
        var next = root + 1;

        // Streams of the first part that a later part may share, by length.
        var shared = new Dictionary<int, List<int>>();
        foreach (var number in first.Numbers)
        {
            if (first.IsSharable(number, out var length))
            {
                (shared.TryGetValue(length, out var list) ? list : shared[length] = []).Add(number);
            }
        }

        // Numbers in the joined file: the first part's own, then each later part's objects in their order.
        var maps = new int[read.Length][];
        maps[0] = Enumerable.Range(0, first.Size).ToArray();
        for (var p = 1; p < read.Length; p++)
        {
            var part = read[p];
            var map = new int[part.Size];
            foreach (var number in part.Numbers)
            {
                if (number == part.Catalog || number == part.Info)
                {
                    continue;
                }

                if (part.IsSharable(number, out var length) && shared.TryGetValue(length, out var candidates) &&
                    candidates.FirstOrDefault(c => first.Body(c).Span.SequenceEqual(part.Body(number).Span)) is > 0 and var same)
                {
                    map[number] = same;
                    continue;
                }

                map[number] = next++;
            }

            maps[p] = map;
        }

        var offsets = new long[next];
        writer.Write(first.Header.Span);
        for (var p = 0; p < read.Length; p++)
        {
            var part = read[p];
            var map = maps[p];
            foreach (var number in part.Numbers)
            {
                if (p > 0 && (number == part.Catalog || number == part.Info || map[number] < first.Size))
                {
                    continue;
                }

                offsets[map[number]] = writer.Position;
                var body = part.Body(number).Span;
                if (p == 0 && number == part.Catalog)
                {
                    // The catalog names the new root instead of the first part's page tree.
                    var pages = body.IndexOf("/Pages "u8) + "/Pages ".Length;
                    Number(body, pages, out var end);
                    writer.Object(number);
                    writer.Write(body[..pages]);
                    writer.Ascii(root.ToString(CultureInfo.InvariantCulture));
                    writer.Write(body[end..]);
                    continue;
                }

                writer.Object(map[number]);
                if (number == part.PageTree)
                {
                    // Each part's page tree becomes a child of the new root.
                    var open = body.IndexOf("<<"u8);
                    writer.Write(body[..(open + 2)]);
                    writer.Ascii($"/Parent {root} 0 R\n");
                    body = body[(open + 2)..];
                }

                if (p == 0)
                {
                    writer.Write(body);
                }
                else
                {
                    Renumber(body, map, writer);
                }
            }
        }

        offsets[root] = writer.Position;
        writer.Object(root);
        writer.Ascii($"<</Type /Pages\n/Count {read.Sum(p => p.PageCount)}\n/Kids [{string.Join(' ', read.Select((p, i) => $"{maps[i][p.PageTree]} 0 R"))}]>>\nendobj\n");

        var xref = writer.Position;
        writer.Ascii($"xref\n0 {next}\n");
        writer.Ascii("0000000000 65535 f \n");
        Span<byte> entry = stackalloc byte[20];
        for (var n = 1; n < next; n++)
        {
            if (offsets[n] == 0)
            {
                "0000000000 00000 f \n"u8.CopyTo(entry);
            }
            else
            {
                Utf8Formatter.TryFormat(offsets[n], entry, out _, new StandardFormat('D', 10));
                " 00000 n \n"u8.CopyTo(entry[10..]);
            }

            writer.Write(entry);
        }

        var info = first.Info > 0 ? $"\n/Info {first.Info} 0 R" : string.Empty;
        writer.Ascii($"trailer\n<</Size {next}\n/Root {first.Catalog} 0 R{info}>>\nstartxref\n{xref}\n%%EOF\n");
    }

    /// <summary>
    /// Copies an object's body (after "N 0 obj") with every reference "a b R" renumbered, up to its stream's data, which
    /// is copied as it is. Strings, names and comments are copied untouched (a name's or a string's digits are not numbers).
    /// </summary>
    private static void Renumber(ReadOnlySpan<byte> body, int[] map, Writer writer)
    {
        var start = 0;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '(')
            {
                i = SkipLiteral(body, i);
            }
            else if (c is (byte)'<' or (byte)'>' && i + 1 < body.Length && body[i + 1] == c)
            {
                i += 2;
            }
            else if (c == '<')
            {
                i = body[i..].IndexOf((byte)'>') + i + 1;
            }
            else if (c == '/')
            {
                i++;
                while (i < body.Length && !IsWhite(body[i]) && !IsDelimiter(body[i]))
                {
                    i++;
                }
            }
            else if (c == '%')
            {
                while (i < body.Length && body[i] != '\n' && body[i] != '\r')
                {
                    i++;
                }
            }
            else if (IsDigit(c) && (i == 0 || IsWhite(body[i - 1]) || IsDelimiter(body[i - 1])))
            {
                var a = Integer(body, i, out var end);
                if (end >= 0 && Reference(body, end, out var after) is { } generation)
                {
                    writer.Write(body[start..i]);
                    writer.Ascii($"{map[a]} {generation} R");
                    start = i = after;
                }
                else
                {
                    i = Math.Max(end, i + 1);
                    while (i < body.Length && (IsDigit(body[i]) || body[i] == '.'))
                    {
                        i++;
                    }
                }
            }
            else if (c == 's' && body[i..].StartsWith("stream"u8) && (i == 0 || IsWhite(body[i - 1]) || IsDelimiter(body[i - 1])))
            {
                break;
            }
            else
            {
                i++;
            }
        }

        writer.Write(body[start..]);
    }

    /// <summary>After a number ending at <paramref name="at"/>: " b R" (a reference's generation and "R"), or null.</summary>
    private static int? Reference(ReadOnlySpan<byte> body, int at, out int after)
    {
        after = at;
        var i = at;
        if (i >= body.Length || !IsWhite(body[i]))
        {
            return null;
        }

        while (i < body.Length && IsWhite(body[i]))
        {
            i++;
        }

        if (i >= body.Length || !IsDigit(body[i]))
        {
            return null;
        }

        var generation = Integer(body, i, out var end);
        if (end < 0 || end >= body.Length || !IsWhite(body[end]))
        {
            return null;
        }

        i = end;
        while (i < body.Length && IsWhite(body[i]))
        {
            i++;
        }

        if (i >= body.Length || body[i] != 'R' || (i + 1 < body.Length && !IsWhite(body[i + 1]) && !IsDelimiter(body[i + 1])))
        {
            return null;
        }

        after = i + 1;
        return generation;
    }

    /// <summary>A whole integer token at <paramref name="at"/>; <paramref name="end"/> is -1 when the token goes on (a real number).</summary>
    private static int Integer(ReadOnlySpan<byte> body, int at, out int end)
    {
        var value = 0;
        var i = at;
        while (i < body.Length && IsDigit(body[i]))
        {
            value = (value * 10) + (body[i] - '0');
            i++;
        }

        end = i < body.Length && (IsWhite(body[i]) || IsDelimiter(body[i])) || i == body.Length ? i : -1;
        return value;
    }

    private static int SkipLiteral(ReadOnlySpan<byte> body, int at)
    {
        var depth = 0;
        for (var i = at; i < body.Length; i++)
        {
            switch (body[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return body.Length;
    }

    private static int SkipWhite(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length && IsWhite(span[i]))
        {
            i++;
        }

        return i;
    }

    private static long Number(ReadOnlySpan<byte> span, int at, out int end)
    {
        var i = SkipWhite(span, at);
        long value = 0;
        while (i < span.Length && IsDigit(span[i]))
        {
            value = (value * 10) + (span[i] - '0');
            i++;
        }

        end = i;
        return value;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsWhite(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    /// <summary>One part as Skia wrote it: where each object is, and which are the catalog, the information and the page tree.</summary>
    private sealed class Part
    {
        private readonly ReadOnlyMemory<byte> bytes;
        private readonly long[] ends;
        private readonly int[] bodyStarts;

        private Part(ReadOnlyMemory<byte> bytes, long[] ends, int[] bodyStarts, int[] numbers)
        {
            this.bytes = bytes;
            this.ends = ends;
            this.bodyStarts = bodyStarts;
            Numbers = numbers;
        }

        /// <summary>Everything before the first object: the version line and the binary comment.</summary>
        public ReadOnlyMemory<byte> Header { get; private set; }

        /// <summary>The trailer's /Size: one more than the highest object number.</summary>
        public int Size => ends.Length;

        /// <summary>The objects in the order they are in the file.</summary>
        public int[] Numbers { get; }

        public int Catalog { get; private set; }

        public int Info { get; private set; }

        public int PageTree { get; private set; }

        public int PageCount { get; private set; }

        /// <summary>An object's bytes after its "N 0 obj" line, up to the next object (its "endobj" included).</summary>
        public ReadOnlyMemory<byte> Body(int number) => bytes[bodyStarts[number]..(int)ends[number]];

        /// <summary>A stream with no reference in its dictionary, long enough to be worth sharing; its body's length.</summary>
        public bool IsSharable(int number, out int length)
        {
            var body = Body(number).Span;
            length = body.Length;
            if (length < SharedStreamMinimum)
            {
                return false;
            }

            var stream = body.IndexOf("stream"u8);
            return stream > 0 && !body[..stream].Contains((byte)'R');
        }

        public static Part Read(ReadOnlyMemory<byte> file)
        {
            var span = file.Span;
            var startxref = span.LastIndexOf("startxref"u8);
            if (startxref < 0)
            {
                throw new InvalidDataException("No startxref: not a PDF Skia wrote.");
            }

            var xref = (int)Number(span, startxref + "startxref".Length, out _);
            if (!span[xref..].StartsWith("xref"u8))
            {
                throw new InvalidDataException("No cross-reference table where startxref points.");
            }

            var i = xref + 4;
            var trailer = span[xref..].IndexOf("trailer"u8) + xref;
            var found = new SortedDictionary<long, int>();
            var size = 0;
            while (true)
            {
                i = SkipWhite(span, i);
                if (i >= trailer)
                {
                    break;
                }

                var firstNumber = (int)Number(span, i, out i);
                var count = (int)Number(span, i, out i);
                i = SkipWhite(span, i);
                for (var k = 0; k < count; k++, i += 20)
                {
                    size = Math.Max(size, firstNumber + k + 1);
                    if (span[i + 17] == 'n')
                    {
                        found[Number(span, i, out _)] = firstNumber + k;
                    }
                }
            }

            var ends = new long[size];
            var bodyStarts = new int[size];
            var offsets = found.Keys.ToArray();
            for (var k = 0; k < offsets.Length; k++)
            {
                var number = found[offsets[k]];
                ends[number] = k + 1 < offsets.Length ? offsets[k + 1] : xref;
                var obj = span[(int)offsets[k]..].IndexOf("obj"u8) + (int)offsets[k] + 3;
                bodyStarts[number] = obj < span.Length && span[obj] == '\n' ? obj + 1 : obj;
            }

            var part = new Part(file, ends, bodyStarts, found.Values.ToArray())
            {
                Header = file[..(int)offsets[0]],
            };
            var trailerDictionary = span[trailer..];
            part.Catalog = Referenced(trailerDictionary, "/Root "u8) ?? throw new InvalidDataException("No /Root in a part's trailer.");
            part.Info = Referenced(trailerDictionary, "/Info "u8) ?? 0;
            part.PageTree = Referenced(part.Body(part.Catalog).Span, "/Pages "u8) ?? throw new InvalidDataException("No /Pages in a part's catalog.");
            part.PageCount = Referenced(part.Body(part.PageTree).Span, "/Count "u8) ?? throw new InvalidDataException("No /Count in a part's page tree.");
            return part;
        }

        /// <summary>The number after <paramref name="key"/> in a dictionary (an object number when the value is a reference).</summary>
        private static int? Referenced(ReadOnlySpan<byte> dictionary, ReadOnlySpan<byte> key)
        {
            var at = dictionary.IndexOf(key);
            return at < 0 ? null : (int)Number(dictionary, at + key.Length, out _);
        }

    }

    /// <summary>The joined file's bytes, with their count (the cross-reference table's offsets).</summary>
    private sealed class Writer(Stream output)
    {
        public long Position { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            output.Write(bytes);
            Position += bytes.Length;
        }

        public void Ascii(string text)
        {
            var length = Encoding.ASCII.GetByteCount(text);
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Encoding.ASCII.GetBytes(text, buffer);
                Write(buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public void Object(int number) => Ascii($"{number} 0 obj\n");
    }
}
