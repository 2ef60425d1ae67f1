namespace JiujiangMentalHealth.Domain.Reporting;

/// <summary>How a count is shown to bureau users.</summary>
public enum CellState
{
    /// <summary>The number itself (zero is always shown).</summary>
    Shown = 0,

    /// <summary>1–9 students: shown as "&lt;10".</summary>
    Small = 1,

    /// <summary>Not small, but hidden so that a small cell cannot be worked out from it.</summary>
    Complementary = 2,
}

/// <summary>A count as a bureau user may see it: the value only when <see cref="State"/> is Shown.</summary>
public readonly record struct Cell(int Value, CellState State)
{
    public bool IsHidden => State != CellState.Shown;

    /// <summary>The value when shown, otherwise null (what a chart or an export receives).</summary>
    public int? Visible => IsHidden ? null : Value;
}

/// <summary>
/// A block of student counts after small-cell suppression: <see cref="Cells"/>[row][column], the
/// row totals (when the block has them), the column totals and the grand total.
/// </summary>
public sealed record SuppressedTable(
    IReadOnlyList<IReadOnlyList<Cell>> Cells,
    IReadOnlyList<Cell>? RowTotals,
    IReadOnlyList<Cell> ColumnTotals,
    Cell? GrandTotal);

/// <summary>
/// R11 small-cell suppression for counts that concern students (warning levels, tiers, crises,
/// referrals) on bureau pages and exports. A count from 1 to 9 is shown as "&lt;10"; zero is shown.
/// Then, so that no hidden count can be worked out by subtraction, every line of the table — a row
/// with its row total, a column with its column total, the totals with the grand total — must hide
/// either none of its members or at least two: where a line hides exactly one, the smallest other
/// non-zero member of that line is hidden as well (complementary suppression), preferring an inner
/// cell to the total so the totals stay visible where they safely can. This repeats until every line
/// holds. Totals therefore agree across views (the city's district row and the district's own total).
/// </summary>
public static class SmallCells
{
    /// <summary>Counts below this (and above zero) are never shown.</summary>
    public const int Threshold = 10;

    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>One count on its own (no line it belongs to is shown).</summary>
    public static Cell Of(int count) => new(count, IsSmall(count) ? CellState.Small : CellState.Shown);

    /// <summary>
    /// Suppresses a block of counts: rows are units (districts or schools), columns the counts of one
    /// group. <paramref name="withRowTotals"/> when the columns add up to a row total that is shown
    /// (tiers 1–3 and all active assignments), which also gives a grand total; column totals always.
    /// <paramref name="hideTotals"/> when each inner cell can also be read on its own elsewhere (a
    /// district's schools): every total of a line with a hidden cell is hidden instead of a partner.
    /// </summary>
    public static SuppressedTable Suppress(IReadOnlyList<IReadOnlyList<int>> rows, int columns, bool withRowTotals, bool hideTotals = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(r => r.Count != columns))
        {
            throw new ArgumentException("Every row needs one count per column.", nameof(rows));
        }

        if (rows.SelectMany(r => r).Any(v => v < 0))
        {
            throw new ArgumentException("Counts cannot be negative.", nameof(rows));
        }

        // One grid with the margins: rows × columns, a total column at index [columns], a total row at [rows.Count].
        var height = rows.Count + 1;
        var width = columns + 1;
        var values = new int[height, width];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[r, c] = rows[r][c];
                values[r, columns] += rows[r][c];
                values[rows.Count, c] += rows[r][c];
                values[rows.Count, columns] += rows[r][c];
            }
        }

        var states = new CellState[height, width];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                states[r, c] = IsSmall(values[r, c]) ? CellState.Small : CellState.Shown;
            }
        }

        // The lines whose sums are public: each row (only if row totals are shown), each column, and
        // the totals row; each line is its inner members followed by its total.
        var lines = new List<(int R, int C)[]>();
        if (withRowTotals)
        {
            for (var r = 0; r < height; r++)
            {
                lines.Add(Enumerable.Range(0, width).Select(c => (r, c)).ToArray());
            }
        }

        var lastColumn = withRowTotals ? width : columns;
        for (var c = 0; c < lastColumn; c++)
        {
            lines.Add(Enumerable.Range(0, height).Select(r => (r, c)).ToArray());
        }

        if (hideTotals)
        {
            // Where the inner cells can be seen elsewhere one by one (a district's schools, whose reports
            // the district reads), no line may keep a visible total beside a hidden cell: hide the totals.
            foreach (var line in lines)
            {
                var total = line[^1];
                if (line[..^1].Any(p => states[p.R, p.C] != CellState.Shown) && states[total.R, total.C] == CellState.Shown && values[total.R, total.C] > 0)
                {
                    states[total.R, total.C] = CellState.Complementary;
                }
            }

            if (states[rows.Count, columns] == CellState.Shown && values[rows.Count, columns] > 0
                && Enumerable.Range(0, height).Any(r => Enumerable.Range(0, width).Any(c => states[r, c] != CellState.Shown)))
            {
                states[rows.Count, columns] = CellState.Complementary;
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(p => states[p.R, p.C] != CellState.Shown) != 1)
                {
                    continue;
                }

                var inner = line[..^1];
                var total = line[^1];
                var partner = inner
                    .Where(p => states[p.R, p.C] == CellState.Shown && values[p.R, p.C] > 0)
                    .OrderBy(p => values[p.R, p.C]).ThenBy(p => p.R).ThenBy(p => p.C)
                    .Select(p => ((int R, int C)?)p)
                    .FirstOrDefault();
                if (partner is null && states[total.R, total.C] == CellState.Shown && values[total.R, total.C] > 0)
                {
                    partner = total;
                }

                if (partner is { } p)
                {
                    states[p.R, p.C] = CellState.Complementary;
                    changed = true;
                }
            }
        }
        while (changed);

        Cell At(int r, int c) => new(values[r, c], states[r, c]);
        return new SuppressedTable(
            Enumerable.Range(0, rows.Count).Select(r => (IReadOnlyList<Cell>)Enumerable.Range(0, columns).Select(c => At(r, c)).ToList()).ToList(),
            withRowTotals ? Enumerable.Range(0, rows.Count).Select(r => At(r, columns)).ToList() : null,
            Enumerable.Range(0, columns).Select(c => At(rows.Count, c)).ToList(),
            withRowTotals ? At(rows.Count, columns) : null);
    }

    /// <summary>A percentage of a count: hidden whenever the count or its base is hidden.</summary>
    public static decimal? Percent(Cell part, Cell whole) =>
        part.IsHidden || whole.IsHidden || whole.Value == 0 ? null : Math.Round(100m * part.Value / whole.Value, 1);
}
