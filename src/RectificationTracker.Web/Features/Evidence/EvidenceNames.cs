using System.Globalization;
using System.Text;
using RectificationTracker.Domain.Common;

namespace RectificationTracker.Web.Features.Evidence;

/// <summary>File names and sizes as people see them.</summary>
public static class EvidenceNames
{
    /// <summary>
    /// The name as stored: the last path segment only (browsers and tools send "C:\…\a.pdf" or
    /// "../a.pdf"), without control characters, at most 255 characters with the extension kept.
    /// Empty when nothing usable is left.
    /// </summary>
    public static string Sanitise(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "";
        }

        var lastSeparator = fileName.LastIndexOfAny(['/', '\\']);
        var name = lastSeparator >= 0 ? fileName[(lastSeparator + 1)..] : fileName;
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                clean.Append(c);
            }
        }

        name = clean.ToString().Trim().Trim('.').Trim();
        if (name.Length <= SchemaLimits.FileNameLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 16)
        {
            extension = "";
        }

        var stem = name[..(name.Length - extension.Length)];
        var keep = SchemaLimits.FileNameLength - extension.Length;
        if (char.IsHighSurrogate(stem[keep - 1]))
        {
            keep--; // never split a surrogate pair
        }

        return stem[..keep] + extension;
    }

    /// <summary>"812 B", "36.4 KB", "1.2 MB".</summary>
    public static string SizeText(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };

    /// <summary>The first 12 hex characters of a SHA-256: enough for a person to compare two copies.</summary>
    public static string ShortHash(string sha256) =>
        sha256 is { Length: > 12 } ? sha256[..12] : sha256 ?? "";

    /// <summary>The history line of an evidence file: "文件名 (大小, SHA-256 前 12 位)".</summary>
    public static string Describe(string fileName, long size, string sha256) =>
        $"{fileName} ({SizeText(size)}, {ShortHash(sha256)})";
}
