namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>Why a file could not be read: a resource key (see <see cref="TabularErrorCodes"/>) and its format arguments.</summary>
public sealed record TabularError(string Code, IReadOnlyList<object> Arguments)
{
    public TabularError(string code, params object[] arguments)
        : this(code, (IReadOnlyList<object>)arguments)
    {
    }
}

/// <summary>
/// Error codes of <see cref="TabularReader"/>, each also the resource key of its Chinese message;
/// arguments in braces: Tabular_TooLarge {0}=limit in MB; Tabular_Empty; Tabular_NoDataRows
/// (header only); Tabular_UnsupportedFormat; Tabular_OldExcel (.xls, save as .xlsx);
/// Tabular_Encrypted (password-protected workbook); Tabular_EncodingUnknown;
/// Tabular_TooManyRows {0}=row limit; Tabular_Malformed {0}=line of the unterminated quote;
/// Tabular_Unreadable (damaged .xlsx); Tabular_DuplicateHeader {0}=column name;
/// Tabular_CellWithoutHeader {0}=line {1}=column letter.
/// </summary>
public static class TabularErrorCodes
{
    public const string TooLarge = "Tabular_TooLarge";
    public const string Empty = "Tabular_Empty";
    public const string NoDataRows = "Tabular_NoDataRows";
    public const string UnsupportedFormat = "Tabular_UnsupportedFormat";
    public const string OldExcel = "Tabular_OldExcel";
    public const string Encrypted = "Tabular_Encrypted";
    public const string EncodingUnknown = "Tabular_EncodingUnknown";
    public const string TooManyRows = "Tabular_TooManyRows";
    public const string Malformed = "Tabular_Malformed";
    public const string Unreadable = "Tabular_Unreadable";
    public const string DuplicateHeader = "Tabular_DuplicateHeader";
    public const string CellWithoutHeader = "Tabular_CellWithoutHeader";
}
