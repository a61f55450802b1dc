using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Web.Tests.ThreeLists;

/// <summary>
/// Workbooks as a person's spreadsheet program writes them, built with the OpenXML DOM independently
/// of the app's writer: shared strings, numbers, optional formulas and merged cells.
/// </summary>
internal static class SheetFiles
{
    public static byte[] Build(IEnumerable<string?[]> dataRows, bool header = true, Action<Worksheet, SheetData>? tweak = null)
    {
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var rowNumber = 0;
            var all = header ? new[] { ThreeListColumns.Headers.ToArray<string?>() }.Concat(dataRows) : dataRows;
            foreach (var values in all)
            {
                rowNumber++;
                var row = new Row { RowIndex = (uint)rowNumber };
                for (var c = 0; c < values.Length; c++)
                {
                    if (values[c] is not { } v)
                    {
                        continue;
                    }

                    var cell = new Cell { CellReference = ThreeListColumns.Letter(c) + rowNumber };
                    if (double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        cell.CellValue = new CellValue(v);
                    }
                    else
                    {
                        if (!index.TryGetValue(v, out var i))
                        {
                            i = index.Count;
                            index[v] = i;
                            sst.SharedStringTable.AppendChild(new SharedStringItem(new Text(v)));
                        }

                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    row.AppendChild(cell);
                }

                data.AppendChild(row);
            }

            ws.Worksheet = new Worksheet(data);
            tweak?.Invoke(ws.Worksheet, data);
            wb.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "三个清单" }));
        }

        return buffer.ToArray();
    }

    /// <summary>The data sheet's rows as text (shared and inline strings resolved), header included.</summary>
    public static List<string[]> ReadRows(byte[] workbook)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "三个清单");
        var ws = (WorksheetPart)wb.GetPartById(sheet.Id!);
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return ws.Worksheet.Descendants<Row>().Select(r =>
        {
            var cells = new string[ThreeListColumns.Headers.Count];
            foreach (var c in r.Elements<Cell>())
            {
                var col = c.CellReference!.Value![0] - 'A';
                cells[col] = c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                    : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
            }

            return cells.Select(x => x ?? "").ToArray();
        }).ToList();
    }

    /// <summary>One task row in the template's column order.</summary>
    public static string?[] Row(string aspect, int problem, string problemTitle, int task, string measure, string category,
        string leader, string unit, string cooperating, string person, string deadline) =>
        [aspect, problem.ToString(System.Globalization.CultureInfo.InvariantCulture), problemTitle,
         task.ToString(System.Globalization.CultureInfo.InvariantCulture), measure, category, leader, unit, cooperating, person, deadline];
}
