using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectificationTracker.Domain.Intake;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.ThreeLists;

/// <summary>The outcome of reading a sheet: its data rows, or the errors that stop the import.</summary>
public sealed record SheetContent(IReadOnlyList<ThreeListRow> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Writes and reads the three-lists workbook (ADR 0008). Both directions stream with the OpenXML SAX
/// API (<see cref="OpenXmlWriter"/>/<see cref="OpenXmlReader"/>), one row at a time, so a large sheet
/// never sits in memory as a DOM; reading stops at <see cref="MaxRows"/> data rows.
/// </summary>
public static class ThreeListWorkbook
{
    public const string DataSheet = "三个清单";
    public const string InstructionsSheet = "填写说明";
    public const string OptionsSheet = "选项";
    public const long MaxBytes = 20 * 1024 * 1024;
    public const int MaxRows = 10_000;

    /// <summary>Shared strings beyond this many characters mean a sheet far larger than a round's lists.</summary>
    private const long MaxSharedStringChars = 20_000_000;

    private static readonly string[] OptionHeaders = ["整改类型", "单位", "牵头领导"];

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook: the data sheet (header + <paramref name="rows"/>), instructions, and the drop-down options.</summary>
    public static void Write(Stream output, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string> units, IReadOnlyList<string> leaders, string roundName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(leaders);
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        AddStyles(workbook);
        var data = workbook.AddNewPart<WorksheetPart>();
        var instructions = workbook.AddNewPart<WorksheetPart>();
        var options = workbook.AddNewPart<WorksheetPart>();

        WriteDataSheet(data, rows, units.Count, leaders.Count);
        WriteSimpleSheet(instructions, Instructions(roundName).Select(line => (IReadOnlyList<string>)[line]), widths: [110]);
        var optionRows = new List<IReadOnlyList<string>> { OptionHeaders };
        for (var i = 0; i < Math.Max(units.Count, Math.Max(leaders.Count, ThreeListColumns.Categories.Count)); i++)
        {
            optionRows.Add([
                i < ThreeListColumns.Categories.Count ? ThreeListColumns.Categories[i] : "",
                i < units.Count ? units[i] : "",
                i < leaders.Count ? leaders[i] : "",
            ]);
        }

        WriteSimpleSheet(options, optionRows, widths: [14, 40, 16]);

        workbook.Workbook.AppendChild(new Sheets(
            new Sheet { Id = workbook.GetIdOfPart(data), SheetId = 1, Name = DataSheet },
            new Sheet { Id = workbook.GetIdOfPart(instructions), SheetId = 2, Name = InstructionsSheet },
            new Sheet { Id = workbook.GetIdOfPart(options), SheetId = 3, Name = OptionsSheet, State = SheetStateValues.Hidden }));
        workbook.Workbook.Save();
    }

    /// <summary>
    /// Reads the data rows of an uploaded workbook (the sheet named <see cref="DataSheet"/>, else the first).
    /// Unreadable files give one error; formulas, merged cells, a wrong header and too many rows give
    /// errors too, so that nothing is imported from a sheet that is not plainly filled in.
    /// </summary>
    public static SheetContent Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
        {
            return Fail($"文件过大:三个清单表格不能超过 {MaxBytes / 1024 / 1024} MB,请分批导入。");
        }

        var sniffed = FileSniffer.Sniff(content, fileName);
        if (!sniffed.Succeeded)
        {
            return Fail(sniffed.Outcome.Message == FileSniffer.EmptyMessage ? "文件为空,请上传填写好的三个清单表格(.xlsx)。" : NotXlsx);
        }

        if (sniffed.Value!.Kind is "OLE" or "XLS")
        {
            return Fail("无法读取:文件设置了打开密码(已加密),或是旧版 .xls 格式。请取消密码并另存为 .xlsx 后再上传。");
        }

        if (!ReferenceEquals(sniffed.Value, FileSniffer.Xlsx))
        {
            return Fail(NotXlsx);
        }

        content.Position = 0;
        try
        {
            using var doc = SpreadsheetDocument.Open(content, false);
            return ReadDocument(doc);
        }
        catch (CellTooLongException)
        {
            return Fail(CellTooLongMessage);
        }
        catch (InputTooLargeException ex)
        {
            return Fail(ex.Message);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
            or InvalidOperationException or FormatException or ArgumentException)
        {
            return Fail("文件已损坏,无法读取。请用 Excel 打开确认后另存为 .xlsx 再上传。");
        }
    }

    private const string NotXlsx = "文件不是有效的 Excel(.xlsx)表格。请使用下载的模板填写后上传。";

    private static SheetContent Fail(string message) => new([], [new ImportError(0, "", message)]);

    private static SheetContent ReadDocument(SpreadsheetDocument doc)
    {
        var workbook = doc.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
        var sheet = sheets.FirstOrDefault(s => s.Name?.Value == DataSheet) ?? sheets.FirstOrDefault();
        if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return Fail("表格中没有工作表。");
        }

        var shared = ReadSharedStrings(workbook);
        if (shared is null)
        {
            return Fail("表格内容过多,超出一次导入的上限,请分批导入。");
        }

        var rows = new List<ThreeListRow>();
        var errors = new List<ImportError>();
        var headerSeen = false;
        using var reader = OpenPart(part);
        var text = new BoundedText();
        string[]? cells = null;
        var number = 0;
        var column = 0;
        string? cellType = null;
        var cellFormula = false;
        var inValue = false;
        var inInline = false;
        var inInlineText = false;
        var phonetic = 0;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Element or XmlNodeType.EndElement && reader.NamespaceURI != MainNamespace)
            {
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "row":
                        number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rows.Count + 2;
                        cells = new string[ThreeListColumns.Headers.Count];
                        column = 0;
                        if (reader.IsEmptyElement && EndRow() is { } emptyRowOutcome)
                        {
                            return emptyRowOutcome;
                        }

                        break;
                    case "c":
                        column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : column;
                        cellType = reader.GetAttribute("t");
                        cellFormula = false;
                        text.Clear();
                        if (reader.IsEmptyElement)
                        {
                            EndCell();
                        }

                        break;
                    case "f":
                        cellFormula = true;
                        break;
                    case "v":
                        inValue = !reader.IsEmptyElement;
                        break;
                    case "is":
                        inInline = !reader.IsEmptyElement;
                        break;
                    case "rPh":
                        phonetic += reader.IsEmptyElement ? 0 : 1;
                        break;
                    case "t" when inInline:
                        inInlineText = !reader.IsEmptyElement;
                        break;
                    case "mergeCell":
                        var range = reader.GetAttribute("ref") ?? "";
                        errors.Add(new ImportError(RowOf(range), "", $"表格含合并单元格({range}),请取消合并,并在每一行填写完整。"));
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                switch (reader.LocalName)
                {
                    case "row" when EndRow() is { } rowOutcome:
                        return rowOutcome;
                    case "c":
                        EndCell();
                        break;
                    case "v":
                        inValue = false;
                        break;
                    case "is":
                        inInline = false;
                        break;
                    case "rPh":
                        phonetic--;
                        break;
                    case "t":
                        inInlineText = false;
                        break;
                }
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA
                && ((inValue && cellType != "inlineStr") || (inInlineText && phonetic == 0)))
            {
                if (!text.Append(reader))
                {
                    return Fail(CellTooLongMessage);
                }
            }
        }

        if (!headerSeen)
        {
            return Fail("表格是空的:请使用下载的模板,从第 2 行起每行填写一项整改任务。");
        }

        return new SheetContent(rows, errors);

        void EndCell()
        {
            if (cells is not null && column < cells.Length)
            {
                if (cellFormula)
                {
                    errors.Add(new ImportError(number, HeaderOf(column), "单元格含公式,请复制后“选择性粘贴为数值”再导入。"));
                }

                var value = text.ToString();
                cells[column] = cellType switch
                {
                    "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "",
                    "b" => value == "1" ? "TRUE" : "FALSE",
                    _ => value,
                };
            }

            column++;
            text.Clear();
        }

        SheetContent? EndRow()
        {
            var values = cells!;
            cells = null;
            if (!headerSeen)
            {
                headerSeen = true;
                for (var i = 0; i < values.Length; i++)
                {
                    if (!string.Equals((values[i] ?? "").Trim(), ThreeListColumns.Headers[i], StringComparison.Ordinal))
                    {
                        return new SheetContent([], [new ImportError(number, ThreeListColumns.Letter(i) + " 列",
                            $"表头与模板不一致:第 {i + 1} 列应为“{ThreeListColumns.Headers[i]}”。请使用本系统下载的模板。")]);
                    }
                }

                return null;
            }

            if (values.All(string.IsNullOrWhiteSpace))
            {
                return null;
            }

            if (rows.Count == MaxRows)
            {
                return new SheetContent([], [new ImportError(number, "", $"数据行超过 {MaxRows} 行的上限,请分批导入。")]);
            }

            rows.Add(new ThreeListRow(number, values.Select(c => c ?? "").ToArray()));
            return null;
        }
    }

    /// <summary>
    /// The shared string table, read as streamed XML with every string checked while it is read; null
    /// when the table is unreasonably large.
    /// </summary>
    private static List<string>? ReadSharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        long total = 0;
        using var reader = OpenPart(part);
        var text = new BoundedText();
        var inText = false;
        var phonetic = 0;
        while (reader.Read())
        {
            if (reader.NamespaceURI != MainNamespace && reader.NodeType is XmlNodeType.Element or XmlNodeType.EndElement)
            {
                continue;
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "si":
                    text.Clear();
                    if (reader.IsEmptyElement)
                    {
                        strings.Add("");
                    }

                    break;
                case XmlNodeType.Element when reader.LocalName == "rPh":
                    phonetic += reader.IsEmptyElement ? 0 : 1;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "rPh":
                    phonetic--;
                    break;
                case XmlNodeType.Element when reader.LocalName == "t":
                    inText = !reader.IsEmptyElement;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "si":
                    total += text.Length;
                    if (total > MaxSharedStringChars || strings.Count >= MaxSharedStrings)
                    {
                        return null;
                    }

                    strings.Add(text.ToString());
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA when inText && phonetic == 0:
                    if (!text.Append(reader))
                    {
                        throw new CellTooLongException();
                    }

                    break;
            }
        }

        return strings;
    }

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Excel's own limit for one cell: a longer text was not typed into a spreadsheet program.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The most a sheet or the shared string table may inflate to (a full 10,000-row sheet is about 20 MB).</summary>
    public const long MaxPartBytes = 64 * 1024 * 1024;

    private const int MaxSharedStrings = 200_000;

    public const string CellTooLongMessage = "表格中有单元格超过 32,767 个字符(Excel 单元格的上限),不是正常填写的三个清单,已拒绝。请检查后再导入。";

    private const string PartTooLargeMessage = "表格解压后过大,超出一次导入的上限,请分批导入。";

    private static XmlReader OpenPart(OpenXmlPart part) => XmlReader.Create(
        new BoundedReadStream(part.GetStream(FileMode.Open, FileAccess.Read), MaxPartBytes, PartTooLargeMessage),
        new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true });

    private sealed class CellTooLongException : Exception;

    /// <summary>A cell's text, read from the XML in chunks and refused at the first character over <see cref="MaxCellChars"/>.</summary>
    private sealed class BoundedText
    {
        private readonly StringBuilder _text = new();
        private readonly char[] _chunk = new char[4096];

        public int Length => _text.Length;

        public void Clear() => _text.Clear();

        public bool Append(XmlReader reader)
        {
            int read;
            while ((read = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                _text.Append(_chunk, 0, read);
                if (_text.Length > MaxCellChars)
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => _text.ToString();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static int RowOf(string range)
    {
        var digits = new string(range.SkipWhile(char.IsLetter).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
    }

    private static string HeaderOf(int column) => ThreeListColumns.Headers[column];

    private static IEnumerable<string> Instructions(string roundName) =>
    [
        $"三个清单(问题清单·任务清单·责任清单)填写说明 —— {roundName}",
        "",
        "1. 在“三个清单”工作表中,每一行填写一项整改任务(措施);一个问题有多项措施时,分多行填写,问题序号相同、任务序号不同。",
        "2. 问题序号、任务序号为正整数。导入时按“问题序号 + 任务序号”匹配:本轮已有的任务将被更新(并记入历史),没有的将新建并交办。",
        "3. 新问题须填写“方面”和“问题”;方面可写“(一)贯彻落实上级决策部署不到位”或只写标题,与本轮已有方面标题相同的归入该方面,否则新建方面。",
        "4. 整改类型、牵头领导、责任单位、配合单位请从下拉列表中选择;配合单位可填写多个,用顿号“、”分隔。",
        "5. 整改时限按 2026-06-30 格式填写,不得早于反馈日期;长期整改可不填。",
        "6. 请勿使用公式、合并单元格,勿修改表头;数据行不超过 10000 行,文件不超过 20 MB。",
        "7. 导入前系统逐行检查,有任何错误将列出“行号、列名、错误原因”,且不会写入任何数据;全部正确后可预览新增和更新的内容,确认后一次性导入。",
    ];

    private static void WriteDataSheet(WorksheetPart part, IEnumerable<IReadOnlyList<string>> rows, int unitCount, int leaderCount)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        WriteColumns(writer, [24, 9, 36, 9, 50, 11, 12, 22, 26, 12, 13]);
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, ThreeListColumns.Headers, style: 1);
        var index = 1;
        foreach (var row in rows)
        {
            WriteRow(writer, ++index, row, style: 0);
        }

        writer.WriteEndElement(); // sheetData

        // Drop-downs for the whole usable range, whatever the number of rows written.
        var last = MaxRows + 1;
        writer.WriteElement(new DataValidations(
            List(ThreeListColumns.Category, $"'{OptionsSheet}'!$A$2:$A${ThreeListColumns.Categories.Count + 1}", last),
            List(ThreeListColumns.LeadLeader, $"'{OptionsSheet}'!$C$2:$C${Math.Max(2, leaderCount + 1)}", last),
            List(ThreeListColumns.ResponsibleUnit, $"'{OptionsSheet}'!$B$2:$B${Math.Max(2, unitCount + 1)}", last),
            // Several cooperating units go in one cell: offer the list but allow other text.
            List(ThreeListColumns.CooperatingUnits, $"'{OptionsSheet}'!$B$2:$B${Math.Max(2, unitCount + 1)}", last, strict: false))
        { Count = 4 });
        writer.WriteEndElement(); // worksheet
    }

    private static DataValidation List(int column, string formula, int lastRow, bool strict = true)
    {
        var letter = ThreeListColumns.Letter(column);
        return new DataValidation(new Formula1(formula))
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowErrorMessage = strict,
            ErrorStyle = strict ? DataValidationErrorStyleValues.Stop : DataValidationErrorStyleValues.Information,
            ErrorTitle = "输入无效",
            Error = "请从下拉列表中选择。",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = string.Create(CultureInfo.InvariantCulture, $"{letter}2:{letter}{lastRow}") },
        };
    }

    private static void WriteSimpleSheet(WorksheetPart part, IEnumerable<IReadOnlyList<string>> rows, double[] widths)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        WriteColumns(writer, widths);
        writer.WriteStartElement(new SheetData());
        var index = 0;
        foreach (var row in rows)
        {
            index++;
            WriteRow(writer, index, row, style: index == 1 ? 1u : 0u);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteColumns(OpenXmlWriter writer, double[] widths)
    {
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < widths.Length; i++)
        {
            writer.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        writer.WriteEndElement();
    }

    /// <summary>The cell format with <c>quotePrefix</c>: the leading apostrophe of an office suite.</summary>
    public const uint QuotedTextStyle = 2;

    private static void WriteRow(OpenXmlWriter writer, int index, IReadOnlyList<string> values, uint style)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)index });
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                continue;
            }

            var cell = new Cell
            {
                CellReference = ThreeListColumns.Letter(i) + index.ToString(CultureInfo.InvariantCulture),
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(values[i]) { Space = SpaceProcessingModeValues.Preserve }),
            };
            if (style == 0 && SpreadsheetText.LooksLikeFormula(values[i]))
            {
                // Text that an office suite would read as a formula (=…, +…, -…, @…) keeps the quote-prefix
                // style: it stays text when the file is opened, edited and saved again.
                cell.StyleIndex = QuotedTextStyle;
            }
            else if (style != 0)
            {
                cell.StyleIndex = style;
            }

            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        var text = new CellFormat { FontId = 0, FillId = 0, BorderId = 0, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } };
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                text,
                new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true },
                SpreadsheetText.QuotePrefixed(text))
            { Count = 3 });
        styles.Stylesheet.Save();
    }
}
