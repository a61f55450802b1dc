using DocumentFormat.OpenXml.Spreadsheet;

namespace RectificationTracker.Web.Features.Common;

/// <summary>
/// Text written to a spreadsheet that an office suite would take for a formula (<c>=…</c>, <c>+…</c>,
/// <c>-…</c>, <c>@…</c>, a leading tab or carriage return, and their full-width forms) is formula
/// injection waiting for the next "open, edit, save". Writing it as a string cell is not enough: the
/// suite re-parses the text when the cell is edited or the file is re-saved. A cell format with
/// <c>quotePrefix</c> (the suite's leading apostrophe) keeps it text across that round trip. Every
/// export (the ledger, the three-lists workbook) uses these two helpers.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>True for text an office suite would read as a formula (and so for formula injection).</summary>
    public static bool LooksLikeFormula(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';

    /// <summary>A copy of <paramref name="format"/> with the quote prefix on: the same look, but its text stays text.</summary>
    public static CellFormat QuotePrefixed(CellFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var quoted = (CellFormat)format.CloneNode(deep: true);
        quoted.QuotePrefix = true;
        return quoted;
    }
}
