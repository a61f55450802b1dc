using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Ledger;

namespace RectificationTracker.Web.Features.Reports;

/// <summary>
/// The ledger as an Excel workbook: title and scope rows, a frozen header row with filters on, dates as
/// real dates, and column widths that fit Chinese text. Rows are streamed with the SAX-style
/// <see cref="OpenXmlWriter"/>, so 10,000 rows never build a DOM.
/// </summary>
public static class LedgerWorkbook
{
    public const string SheetName = "整改台账";

    /// <summary>Row of the column headers (1-based); data starts on the next row.</summary>
    public const int HeaderRow = 3;

    private enum Kind
    {
        Text,
        Centered,
        Number,
        Date,
    }

    private sealed record LedgerColumn(string Header, Kind Kind, double MaxWidth, Func<LedgerRow, int, object?> Value);

    /// <summary>The columns, left to right; the header texts are what tests and users look for.</summary>
    private static readonly LedgerColumn[] Columns =
    [
        new LedgerColumn("序号", Kind.Number, 6, (_, i) => i),
        new LedgerColumn("编号", Kind.Centered, 8, (r, _) => r.Code),
        new LedgerColumn("巡察轮次", Kind.Text, 24, (r, _) => r.RoundName),
        new LedgerColumn("问题类别(方面)", Kind.Text, 24, (r, _) => r.AspectLabel),
        new LedgerColumn("具体问题", Kind.Text, 36, (r, _) => r.ProblemTitle),
        new LedgerColumn("整改措施", Kind.Text, 50, (r, _) => r.Measure),
        new LedgerColumn("整改类型", Kind.Centered, 10, (r, _) => TaskNames.DisplayName(r.Category)),
        new LedgerColumn("牵头领导", Kind.Centered, 10, (r, _) => r.LeadLeaderName),
        new LedgerColumn("责任单位", Kind.Text, 20, (r, _) => r.ResponsibleUnitName),
        new LedgerColumn("责任人", Kind.Centered, 10, (r, _) => r.ResponsiblePersonName),
        new LedgerColumn("整改时限", Kind.Date, 12, (r, _) => r.Deadline is { } d ? d : ReportText.Deadline(r)),
        new LedgerColumn("整改进展", Kind.Text, 50, (r, _) => r.LatestProgress),
        new LedgerColumn("销号状态", Kind.Centered, 12, (r, _) => ReportText.StateText(r)),
        new LedgerColumn("销号日期", Kind.Date, 12, (r, _) => r.ClosedOn),
        new LedgerColumn("审签人", Kind.Centered, 10, (r, _) => r.ClosedByName),
        new LedgerColumn("备注", Kind.Text, 16, (r, _) => ReportText.Remark(r)),
    ];

    public static IReadOnlyList<string> Headers => Columns.Select(c => c.Header).ToList();

    // Style indexes into the stylesheet built by Styles().
    private const uint TitleStyle = 1;
    private const uint MetaStyle = 2;
    private const uint HeaderStyle = 3;
    private const uint TextStyle = 4;
    private const uint CenteredStyle = 5;
    private const uint DateStyle = 6;
    private const uint NumberStyle = 7;
    private const uint DateFormatId = 164;

    /// <summary>Formats 0…7 above; 8…15 are the same with the quote prefix (<see cref="SpreadsheetText"/>).</summary>
    private const uint FormatCount = 8;

    public static void Write(LedgerReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var strings = new SharedStrings();
        var widths = Columns.Select(c => Math.Max(8, TextWidth(c.Header) + 2)).ToArray();
        var lastColumn = ColumnName(Columns.Length);
        var lastRow = HeaderRow + Math.Max(1, model.Rows.Count);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Styles();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

        // Widths must precede the rows in the sheet, so measure first (cheap next to the writing).
        for (var i = 0; i < model.Rows.Count; i++)
        {
            for (var c = 0; c < Columns.Length; c++)
            {
                var w = Columns[c].Value(model.Rows[i], i + 1) switch
                {
                    DateOnly => 12,
                    string s => TextWidth(s) + 2,
                    var v => (v?.ToString()?.Length ?? 0) + 2,
                };
                widths[c] = Math.Min(Columns[c].MaxWidth, Math.Max(widths[c], w));
            }
        }

        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetProperties());
            writer.WriteElement(new PageSetupProperties { FitToPage = true });
            writer.WriteEndElement();
            writer.WriteElement(new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" });
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0, TabSelected = true });
            writer.WriteElement(new Pane
            {
                VerticalSplit = HeaderRow,
                TopLeftCell = $"A{HeaderRow + 1}",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            });
            writer.WriteElement(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRow + 1}" } });
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
            writer.WriteStartElement(new Columns());
            for (var c = 0; c < Columns.Length; c++)
            {
                writer.WriteElement(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = Math.Round(widths[c], 1), CustomWidth = true });
            }

            writer.WriteEndElement();

            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, [(model.Title, TitleStyle)], strings, height: 30);
            var meta = string.Join("    ", new[]
            {
                model.RoundText is null ? null : "巡察轮次:" + model.RoundText,
                model.InspectedUnitsText is null ? null : "被巡察单位:" + model.InspectedUnitsText,
                "截至日期:" + model.Stamp.AsOfText,
                "范围:" + model.ScopeText,
                model.SummaryText,
                model.Stamp.FooterText,
            }.Where(s => s is not null));
            WriteRow(writer, 2, [(meta, MetaStyle)], strings, height: 32);
            WriteRow(writer, HeaderRow, Columns.Select(c => ((object?)c.Header, HeaderStyle)).ToList(), strings, height: 20);
            for (var i = 0; i < model.Rows.Count; i++)
            {
                var row = model.Rows[i];
                var cells = new List<(object?, uint)>(Columns.Length);
                foreach (var column in Columns)
                {
                    var value = column.Value(row, i + 1);
                    var style = column.Kind switch
                    {
                        Kind.Date when value is DateOnly => DateStyle,
                        Kind.Number => NumberStyle,
                        Kind.Text => TextStyle,
                        _ => CenteredStyle,
                    };
                    cells.Add((value, style));
                }

                WriteRow(writer, HeaderRow + 1 + i, cells, strings);
            }

            writer.WriteEndElement(); // sheetData
            writer.WriteElement(new AutoFilter { Reference = $"A{HeaderRow}:{lastColumn}{lastRow}" });
            writer.WriteStartElement(new MergeCells { Count = 2 });
            writer.WriteElement(new MergeCell { Reference = $"A1:{lastColumn}1" });
            writer.WriteElement(new MergeCell { Reference = $"A2:{lastColumn}2" });
            writer.WriteEndElement();
            writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            writer.WriteStartElement(new HeaderFooter());
            writer.WriteElement(new OddFooter("&C第 &P 页 / 共 &N 页"));
            writer.WriteEndElement();
            writer.WriteEndElement(); // worksheet
        }

        var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
        strings.WriteTo(stringsPart);

        var sheetRange = $"'{SheetName}'!$A${HeaderRow}:${lastColumn}${lastRow}";
        workbookPart.Workbook = new Workbook(
            new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }),
            new DefinedNames(
                new DefinedName(sheetRange) { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true },
                new DefinedName($"'{SheetName}'!${HeaderRow}:${HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        workbookPart.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, int rowIndex, IReadOnlyList<(object? Value, uint Style)> cells, SharedStrings strings, double? height = null)
    {
        var rowAttributes = new List<OpenXmlAttribute> { new("r", "", rowIndex.ToString(CultureInfo.InvariantCulture)) };
        if (height is { } h)
        {
            rowAttributes.Add(new("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            rowAttributes.Add(new("customHeight", "", "1"));
        }

        writer.WriteStartElement(new Row(), rowAttributes);
        for (var c = 0; c < cells.Count; c++)
        {
            var (value, style) = cells[c];
            var reference = ColumnName(c + 1) + rowIndex.ToString(CultureInfo.InvariantCulture);
            if (value is string text && SpreadsheetText.LooksLikeFormula(text))
            {
                // Text an office suite would read as a formula stays text when the file is re-saved.
                style += FormatCount;
            }

            var attributes = new List<OpenXmlAttribute>(3)
            {
                new("r", "", reference),
                new("s", "", style.ToString(CultureInfo.InvariantCulture)),
            };

            string? cellValue;
            switch (value)
            {
                case null:
                case string { Length: 0 }:
                    cellValue = null;
                    break;
                case string s:
                    attributes.Add(new("t", "", "s"));
                    cellValue = strings.IndexOf(s).ToString(CultureInfo.InvariantCulture);
                    break;
                case DateOnly d:
                    cellValue = ((int)d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToString(CultureInfo.InvariantCulture);
                    break;
                case int n:
                    cellValue = n.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    attributes.Add(new("t", "", "s"));
                    cellValue = strings.IndexOf(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").ToString(CultureInfo.InvariantCulture);
                    break;
            }

            writer.WriteStartElement(new Cell(), attributes);
            if (cellValue is not null)
            {
                writer.WriteElement(new CellValue(cellValue));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>Display width in Excel's units: a CJK character is about two digits wide.</summary>
    internal static double TextWidth(string text)
    {
        double w = 0;
        foreach (var ch in text)
        {
            w += ch > 0x2E80 ? 2.1 : 1.1;
        }

        return w;
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        while (index > 0)
        {
            var m = (index - 1) % 26;
            name = (char)('A' + m) + name;
            index = (index - 1) / 26;
        }

        return name;
    }

    private static Stylesheet Styles()
    {
        Border Thin() => new(
            new LeftBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        Font MakeFont(double size, bool bold)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            font.Append(new FontSize { Val = size });
            font.Append(new FontName { Val = "宋体" });
            font.Append(new FontCharSet { Val = 134 });
            return font;
        }

        CellFormat Format(uint font, uint fill, uint border, HorizontalAlignmentValues horizontal, uint numberFormat = 0) => new(
            new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Top, WrapText = true })
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat,
            ApplyFont = true, ApplyFill = fill > 0, ApplyBorder = border > 0, ApplyAlignment = true, ApplyNumberFormat = numberFormat > 0,
        };

        var header = Format(2, 2, 1, HorizontalAlignmentValues.Center);
        header.Alignment!.Vertical = VerticalAlignmentValues.Center;
        var title = Format(1, 0, 0, HorizontalAlignmentValues.Center);
        title.Alignment!.Vertical = VerticalAlignmentValues.Center;
        CellFormat[] formats =
        [
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            title,
            Format(0, 0, 0, HorizontalAlignmentValues.Left),
            header,
            Format(0, 0, 1, HorizontalAlignmentValues.Left),
            Format(0, 0, 1, HorizontalAlignmentValues.Center),
            Format(0, 0, 1, HorizontalAlignmentValues.Center, DateFormatId),
            Format(0, 0, 1, HorizontalAlignmentValues.Center),
        ];
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
            new Fonts(MakeFont(10, false), MakeFont(16, true), MakeFont(10, true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8ECF2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(formats.Concat(formats.Select(SpreadsheetText.QuotePrefixed))) { Count = 2 * FormatCount },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    /// <summary>The shared string table: each distinct text stored once.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];
        private int _uses;

        public int IndexOf(string text)
        {
            _uses++;
            if (!_index.TryGetValue(text, out var i))
            {
                i = _texts.Count;
                _index[text] = i;
                _texts.Add(text);
            }

            return i;
        }

        public void WriteTo(SharedStringTablePart part)
        {
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new SharedStringTable(), [
                new OpenXmlAttribute("count", "", _uses.ToString(CultureInfo.InvariantCulture)),
                new OpenXmlAttribute("uniqueCount", "", _texts.Count.ToString(CultureInfo.InvariantCulture)),
            ]);
            foreach (var text in _texts)
            {
                writer.WriteStartElement(new SharedStringItem());
                writer.WriteElement(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }
}
