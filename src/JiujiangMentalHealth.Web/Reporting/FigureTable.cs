using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure.Tabular;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>One shown figure: its text on the page and the value its export cell holds (a number, or the same text).</summary>
public sealed record FigureCell(string Text, object? Value, bool Alert = false)
{
    public const string SmallText = "<10";

    public const string ComplementaryText = "*";

    public static FigureCell Number(int value, bool alert = false) => new(value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), value, alert);

    public static FigureCell Percent(decimal? value) =>
        value is { } v ? new(v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", v) : new("—", null);

    public static FigureCell Label(string text) => new(text, text);

    /// <summary>A count after small-cell suppression: "&lt;10", "*" or the number.</summary>
    public static FigureCell Of(Cell cell, bool alertWhenPositive = false) => cell.State switch
    {
        CellState.Small => new(SmallText, SmallText, alertWhenPositive),
        CellState.Complementary => new(ComplementaryText, ComplementaryText, alertWhenPositive),
        _ => Number(cell.Value, alertWhenPositive && cell.Value > 0),
    };
}

public sealed record FigureRow(string Name, string? Code, IReadOnlyList<FigureCell> Cells);

public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Data);

/// <summary>What a chart draws; values already suppressed (a hidden count is null, a gap in the chart).</summary>
public sealed record ChartSpec(string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Stacked = false, bool Percent = false, bool Line = false);

/// <summary>
/// A dashboard table exactly as shown: the page renders it and its XLSX export writes the same cells,
/// so the two cannot disagree.
/// </summary>
public sealed record FigureTable(string Id, string Title, string NameHeader, bool WithCodes, IReadOnlyList<string> Headers,
    IReadOnlyList<FigureRow> Rows, FigureRow? Totals, IReadOnlyList<ChartSpec> Charts, bool Suppressed)
{
    public byte[] ToXlsx(string codeHeader)
    {
        var headers = (WithCodes ? new[] { codeHeader, NameHeader } : [NameHeader]).Concat(Headers).ToList();
        var rows = Rows.Append(Totals).OfType<FigureRow>()
            .Select(r => (IReadOnlyList<object?>)(WithCodes ? new object?[] { r.Code, r.Name } : [r.Name]).Concat(r.Cells.Select(c => c.Value)).ToList());
        using var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, headers, rows, Title);
        return stream.ToArray();
    }
}
