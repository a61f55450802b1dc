using System.IO.Compression;
using System.Text;

namespace RectificationTracker.Web.Tests.Evidence;

/// <summary>Small files of each kind, built in memory. Only their first bytes (or ZIP directory) matter.</summary>
internal static class SampleFiles
{
    public static byte[] Pdf(string marker = "") =>
        Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + Ascii(marker) + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0xFF, 0xD9];

    public static byte[] Png() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static byte[] Docx() => Zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("word/document.xml", "<w:document/>"));

    public static byte[] Xlsx() => Zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("xl/workbook.xml", "<workbook/>"));

    /// <summary>A ZIP that is not an Office package.</summary>
    public static byte[] PlainZip() => Zip(("readme.txt", "hello"));

    /// <summary>The OLE compound file signature followed by filler: what .doc and .xls files start with.</summary>
    public static byte[] Ole() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    /// <summary>A Windows program: "MZ", the DOS stub, NUL bytes.</summary>
    public static byte[] WindowsExe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static byte[] Elf() => [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00];

    public static byte[] MachO() => [0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00, 0x00, 0x01];

    public static byte[] ShellScript() => Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /\n");

    public static byte[] Utf8Text(string text = "关于整改落实情况的说明\r\n一、已完成事项\t共 3 项。\n") => Encoding.UTF8.GetBytes(text);

    public static byte[] Utf8TextWithBom() => [0xEF, 0xBB, 0xBF, .. Utf8Text()];

    public static byte[] Gb18030Text() =>
        CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes("巡察整改情况报告:已清退违规款项 12.5 万元。\r\n");

    /// <summary>UTF-16 as Windows Notepad writes it: a byte-order mark, then (for ASCII) a NUL after every letter.</summary>
    public static byte[] Utf16Text() => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("整改报告 report")];

    /// <summary>Bytes with no NUL that are neither UTF-8 nor GB18030 (0xFF starts nothing in either).</summary>
    public static byte[] BinaryWithoutNul() => [0x41, 0x42, 0xFF, 0xFE, 0x80, 0x43, 0xFF, 0x81];

    /// <summary>ASCII text with a control character that text files do not contain.</summary>
    public static byte[] TextWithControlCharacter() => Encoding.ASCII.GetBytes("abc\u0001def\n");

    /// <summary><paramref name="size"/> bytes of text; different <paramref name="fill"/> gives different content.</summary>
    public static byte[] TextOfSize(int size, char fill = 'a')
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)fill);
        return bytes;
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private static string Ascii(string s) => new(s.Where(char.IsAscii).ToArray());
}
