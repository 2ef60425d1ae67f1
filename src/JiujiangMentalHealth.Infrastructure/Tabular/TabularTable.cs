using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>One data row; <see cref="LineNumber"/> is where the user finds it (CSV physical line or Excel row, header = 1).</summary>
public sealed record TabularRow(int LineNumber, IReadOnlyList<string> Cells)
{
    public string this[int columnIndex] => Cells[columnIndex];
}

/// <summary>A read table: trimmed headers, non-empty rows each exactly as wide as the headers, and how the file was encoded.</summary>
/// <param name="DetectedEncoding">"utf-8", "utf-16le", "utf-16be", "gb18030" or "xlsx".</param>
public sealed record TabularTable(IReadOnlyList<string> Headers, IReadOnlyList<TabularRow> Rows, string DetectedEncoding)
{
    /// <summary>Index of the first header matching any accepted name, or -1.</summary>
    public int ColumnIndex(params string[] acceptedNames)
    {
        ArgumentNullException.ThrowIfNull(acceptedNames);
        foreach (var name in acceptedNames)
        {
            var key = HeaderKey(name);
            for (var i = 0; i < Headers.Count; i++)
            {
                if (key.Length > 0 && HeaderKey(Headers[i]) == key)
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>The row's cell under the first matching header, or null when no header matches.</summary>
    public string? Cell(TabularRow row, params string[] acceptedNames)
    {
        ArgumentNullException.ThrowIfNull(row);
        var index = ColumnIndex(acceptedNames);
        return index < 0 ? null : row[index];
    }

    // Headers are typed by hand on Chinese keyboards: "（" for "(", full-width letters and digits,
    // stray spaces. NFKC folds full-width forms to ASCII; case and all whitespace are ignored.
    internal static string HeaderKey(string header)
    {
        var folded = header.Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                key.Append(char.ToUpperInvariant(c));
            }
        }
        return key.ToString();
    }
}

/// <summary>Either the table read from a file or the error that stopped it.</summary>
public sealed record TabularReadResult
{
    private TabularReadResult(TabularTable? table, TabularError? error)
    {
        Table = table;
        Error = error;
    }

    public TabularTable? Table { get; }

    public TabularError? Error { get; }

    [MemberNotNullWhen(true, nameof(Table))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Table is not null;

    public static TabularReadResult Success(TabularTable table) => new(table, null);

    public static TabularReadResult Failure(TabularError error) => new(null, error);

    public static TabularReadResult Failure(string code, params object[] arguments) => new(null, new TabularError(code, arguments));
}
