using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>
/// Writes exports as .xlsx or as UTF-8-with-BOM CSV. Cell values may be null, string, int, long,
/// decimal, double, DateOnly, DateTime or DateTimeOffset (UTC ones shown in China time); dates become
/// "yyyy-MM-dd" text (with " HH:mm:ss" when there is a time) in both formats. Text that a spreadsheet
/// would run as a formula is prefixed with "'" (OWASP CSV injection). Writes synchronously: pass a
/// MemoryStream or a file, not an HTTP response body.
/// </summary>
public static class TabularWriter
{
    public static void WriteXlsx(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(sheetName);
        var columnKeys = Enumerable.Range(0, headers.Count).Select(TabularReader.ColumnLetter).ToArray();

        // Headers go out as the first data row, not MiniExcel's header: that keeps duplicate or empty
        // header names possible and neutralised like any other text. Filter and frozen pane still apply to row 1.
        var sheetRows = Lines(headers, rows).Select(line =>
        {
            var row = new Dictionary<string, object?>(columnKeys.Length);
            for (var i = 0; i < columnKeys.Length; i++)
            {
                row[columnKeys[i]] = line[i];
            }
            return row;
        });
        MiniExcel.SaveAs(output, sheetRows, printHeader: false, sheetName: SheetName(sheetName),
            excelType: ExcelType.XLSX);
    }

    public static void WriteCsv(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);

        // The BOM is what makes Excel on Chinese Windows read UTF-8 instead of GBK.
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        foreach (var line in Lines(headers, rows))
        {
            writer.Write(string.Join(',', line.Select(CsvField)));
            writer.Write("\r\n");
        }
    }

    internal static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// <summary>Header then rows, each value already converted to a number, text or null.</summary>
    private static IEnumerable<object?[]> Lines(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        yield return headers.Select(h => (object?)Text(h)).ToArray();
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"A row has {row.Count} values for {headers.Count} headers.", nameof(rows));
            }
            yield return row.Select(CellValue).ToArray();
        }
    }

    private static object? CellValue(object? value) => value switch
    {
        null => null,
        string text => Text(text),
        int or long or decimal => value,
        double number when double.IsFinite(number) => number,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // Npgsql reads timestamptz as UTC; the user expects the time on a Chinese clock.
        DateTime { Kind: DateTimeKind.Utc } utc => DateText(TimeZoneInfo.ConvertTimeFromUtc(utc, ChinaTime.Zone)),
        DateTime dateTime => DateText(dateTime),
        DateTimeOffset instant => DateText(TimeZoneInfo.ConvertTime(instant, ChinaTime.Zone).DateTime),
        // Enums and booleans would leak English names into a Chinese export: callers translate them first.
        _ => throw new ArgumentException($"Cannot export a value of type {value.GetType().Name}.", nameof(value)),
    };

    private static string Text(string text) => text.Length > 0 && IsFormulaStart(text[0]) ? "'" + text : text;

    private static string DateText(DateTime dateTime) => dateTime.TimeOfDay == TimeSpan.Zero
        ? dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string CsvField(object? value)
    {
        var text = value switch
        {
            null => "",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => (string)value,
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    // Excel calls a workbook damaged if a sheet name is over 31 characters or contains []:*?/\.
    private static string SheetName(string name)
    {
        var safe = new string(name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c).ToArray()).Trim('\'', ' ');
        return safe.Length == 0 ? "Sheet1" : safe[..Math.Min(safe.Length, 31)];
    }
}
