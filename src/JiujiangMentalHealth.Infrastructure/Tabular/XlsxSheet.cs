using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;

namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>Reads the first worksheet of an .xlsx through MiniExcel, cells as the user sees them in Excel.</summary>
internal static class XlsxSheet
{
    public static TabularReadResult Read(byte[] bytes, TabularLimits limits)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        try
        {
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
            {
                // Any ZIP (a .docx, an archive) starts like an .xlsx; only a workbook part makes it one.
                if (zip.GetEntry("xl/workbook.xml") is null)
                {
                    return TabularReadResult.Failure(TabularErrorCodes.UnsupportedFormat);
                }
                if (zip.Entries.Sum(e => e.Length) > limits.MaxUnpackedBytes)
                {
                    return TabularReadResult.Failure(TabularErrorCodes.TooLarge, Math.Round(limits.MaxBytes / (1024m * 1024m), 1));
                }
            }
            stream.Position = 0;

            // MiniExcel yields every row from row 1, empty ones included, so position + 1 is the Excel row number.
            var rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Select((row, index) => new RawRecord(index + 1, row.Values.Select(CellText).ToList()));
            return TabularReader.Build(rows, "xlsx", limits);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or TabularFormatException))
        {
            // A damaged or hand-made file breaks ZipArchive and MiniExcel in many ways (InvalidDataException,
            // XmlException, casts, indexes); to the user they all mean the same: the file cannot be read.
            return TabularReadResult.Failure(TabularErrorCodes.Unreadable);
        }
    }

    internal static string CellText(object? value) => value switch
    {
        null => "",
        string text => text,
        // Through decimal, as Excel shows it: 15 significant digits, no "20240101.0" or "0.30000000000000004".
        double number when double.IsFinite(number) && Math.Abs(number) < 7.9e28 =>
            ((decimal)number).ToString(CultureInfo.InvariantCulture),
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
