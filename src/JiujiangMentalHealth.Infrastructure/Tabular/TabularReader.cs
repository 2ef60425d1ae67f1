using System.Text;

namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>
/// Reads an uploaded .csv (UTF-8, GB18030/GBK or UTF-16; comma or tab separated) or .xlsx (first sheet)
/// into a <see cref="TabularTable"/>, or says why not with a <see cref="TabularErrorCodes"/> code.
/// </summary>
public static class TabularReader
{
    private static readonly byte[] _zipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] _oleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // Office stores a password-protected .xlsx inside an OLE container under this stream name.
    private static readonly byte[] _encryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    public static TabularReadResult Read(Stream content, string fileName, TabularLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= TabularLimits.Default;

        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        if (extension is not (".CSV" or ".TXT" or ".XLSX" or ".XLS"))
        {
            return TabularReadResult.Failure(TabularErrorCodes.UnsupportedFormat);
        }

        var bytes = ReadAtMost(content, limits.MaxBytes);
        if (bytes is null)
        {
            return TabularReadResult.Failure(TabularErrorCodes.TooLarge, Megabytes(limits.MaxBytes));
        }
        if (bytes.Length == 0)
        {
            return TabularReadResult.Failure(TabularErrorCodes.Empty);
        }

        // The content decides over the name: users rename files, and systems export
        // "xls" files that are really something else.
        var span = bytes.AsSpan();
        if (span.StartsWith(_oleSignature))
        {
            return TabularReadResult.Failure(span.IndexOf(_encryptedPackageName) >= 0
                ? TabularErrorCodes.Encrypted
                : TabularErrorCodes.OldExcel);
        }
        if (span.StartsWith(_zipSignature))
        {
            return Guard(() => XlsxSheet.Read(bytes, limits));
        }
        return extension switch
        {
            ".CSV" or ".TXT" => Guard(() => CsvText.Read(bytes, limits)),
            ".XLS" => TabularReadResult.Failure(TabularErrorCodes.OldExcel),
            _ => TabularReadResult.Failure(TabularErrorCodes.UnsupportedFormat),
        };
    }

    /// <summary>Turns raw records into the table: trims, drops empty lines, checks header and limits.</summary>
    internal static TabularReadResult Build(IEnumerable<RawRecord> records, string encoding, TabularLimits limits)
    {
        List<string>? headers = null;
        var rows = new List<TabularRow>();
        foreach (var record in records)
        {
            var cells = record.Cells.Select(Clean).ToList();
            if (cells.TrueForAll(c => c.Length == 0))
            {
                continue;
            }

            if (headers is null)
            {
                // Empty columns right of the header are leftovers of formatting, not columns.
                headers = cells[..(cells.FindLastIndex(c => c.Length > 0) + 1)];
                var duplicate = headers
                    .Where(h => h.Length > 0)
                    .GroupBy(TabularTable.HeaderKey)
                    .FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    return TabularReadResult.Failure(TabularErrorCodes.DuplicateHeader, duplicate.First());
                }
                continue;
            }

            if (rows.Count == limits.MaxDataRows)
            {
                return TabularReadResult.Failure(TabularErrorCodes.TooManyRows, limits.MaxDataRows);
            }

            // A value no column name claims would be silently ignored by every import; refuse it instead.
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells[i].Length > 0 && (i >= headers.Count || headers[i].Length == 0))
                {
                    return TabularReadResult.Failure(TabularErrorCodes.CellWithoutHeader, record.LineNumber, ColumnLetter(i));
                }
            }
            while (cells.Count < headers.Count)
            {
                cells.Add("");
            }
            rows.Add(new TabularRow(record.LineNumber, cells[..headers.Count]));
        }

        if (headers is null)
        {
            return TabularReadResult.Failure(TabularErrorCodes.Empty);
        }
        return rows.Count == 0
            ? TabularReadResult.Failure(TabularErrorCodes.NoDataRows)
            : TabularReadResult.Success(new TabularTable(headers, rows, encoding));
    }

    // TabularWriter prefixes formula-like text with "'"; removing it here lets an exported file
    // be imported again unchanged.
    private static string Clean(string cell)
    {
        var trimmed = cell.Trim();
        return trimmed.Length > 1 && trimmed[0] == '\'' && TabularWriter.IsFormulaStart(trimmed[1])
            ? trimmed[1..].Trim()
            : trimmed;
    }

    private static TabularReadResult Guard(Func<TabularReadResult> read)
    {
        try
        {
            return read();
        }
        catch (TabularFormatException e)
        {
            return TabularReadResult.Failure(e.Error);
        }
    }

    private static byte[]? ReadAtMost(Stream content, long maxBytes)
    {
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    private static decimal Megabytes(long bytes) => Math.Round(bytes / (1024m * 1024m), 1);

    internal static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }
        return letters;
    }
}

/// <summary>A record as found in the file, before trimming; line numbers as the user sees them.</summary>
internal sealed record RawRecord(int LineNumber, IReadOnlyList<string> Cells);

/// <summary>Stops a reader deep inside parsing with the error to report.</summary>
#pragma warning disable CA1032 // Internal control flow only; the standard constructors would be unused.
internal sealed class TabularFormatException(TabularError error) : Exception(error.Code)
#pragma warning restore CA1032
{
    public TabularError Error { get; } = error;
}
