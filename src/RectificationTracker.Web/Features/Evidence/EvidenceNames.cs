using System.Collections.Frozen;
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

    /// <summary>
    /// Extensions that a browser, Windows or a desktop would run or render as active content. A file
    /// named so is refused whatever its content: a text file called 整改报告.bat runs when opened.
    /// </summary>
    public static readonly FrozenSet<string> ActiveExtensions = new[]
    {
        ".exe", ".com", ".bat", ".cmd", ".pif", ".scr", ".cpl", ".msi", ".msp", ".msc", ".dll", ".sys", ".drv", ".ocx",
        ".ps1", ".psm1", ".psd1", ".ps1xml", ".psc1", ".vbs", ".vbe", ".js", ".jse", ".mjs", ".wsf", ".wsh", ".wsc", ".sct",
        ".hta", ".htm", ".html", ".xht", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt",
        ".lnk", ".url", ".scf", ".reg", ".inf", ".chm", ".hlp", ".jar", ".class", ".application", ".appref-ms", ".gadget",
        ".sh", ".bash", ".zsh", ".csh", ".ksh", ".command", ".py", ".pyw", ".pl", ".rb", ".php", ".phtml", ".asp", ".aspx",
        ".cshtml", ".jsp", ".cgi", ".swf", ".desktop", ".appimage", ".deb", ".rpm", ".apk", ".iso", ".img", ".vhd", ".vhdx",
        ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".ppam", ".ppsm",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The extensions a stored file of each sniffed kind may carry; the first is the one given when it has none.</summary>
    private static readonly FrozenDictionary<string, string[]> AllowedExtensions = new Dictionary<string, string[]>
    {
        ["PDF"] = [".pdf"],
        ["JPEG"] = [".jpg", ".jpeg"],
        ["PNG"] = [".png"],
        ["DOCX"] = [".docx"],
        ["XLSX"] = [".xlsx"],
        ["DOC"] = [".doc"],
        ["XLS"] = [".xls"],
        ["TXT"] = [".txt"],
    }.ToFrozenDictionary();

    /// <summary>Every extension of the allow-list: a name ending in one of them that does not match the content has it replaced.</summary>
    private static readonly FrozenSet<string> DocumentExtensions =
        AllowedExtensions.Values.SelectMany(e => e).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when files of this sniffed kind are accepted as evidence (an unidentified OLE file is not: it may be an installer).</summary>
    public static bool IsAllowedKind(string kind) => AllowedExtensions.ContainsKey(kind);

    /// <summary>The Chinese refusal for a name with an executable or active extension; null when the name is acceptable.</summary>
    public static string? ActiveNameRefusal(string fileName)
    {
        var extension = Path.GetExtension(fileName ?? "");
        return ActiveExtensions.Contains(extension)
            ? $"文件扩展名“{extension}”属于可执行或活动内容,禁止上传。请上传 PDF、图片、Word、Excel 或 TXT 文件。"
            : null;
    }

    /// <summary>
    /// <paramref name="fileName"/> ending in an extension of the allow-list for <paramref name="kind"/>:
    /// kept when it already does, a mismatching document extension replaced (方案.docx holding a PDF
    /// becomes 方案.pdf), anything else appended (evil.html holding text becomes evil.html.txt). Used when a
    /// file is stored and again when it is delivered.
    /// </summary>
    public static string ForType(string fileName, string kind)
    {
        var name = fileName ?? "";
        var extension = Path.GetExtension(name);
        if (!AllowedExtensions.TryGetValue(kind, out var allowed))
        {
            return name + ".bin";
        }

        if (allowed.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return name;
        }

        var stem = DocumentExtensions.Contains(extension) ? name[..^extension.Length] : name;
        stem = stem.Length + allowed[0].Length > SchemaLimits.FileNameLength ? stem[..(SchemaLimits.FileNameLength - allowed[0].Length)] : stem;
        return stem + allowed[0];
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
