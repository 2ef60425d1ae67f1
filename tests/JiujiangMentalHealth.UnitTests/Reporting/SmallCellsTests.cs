using JiujiangMentalHealth.Domain.Reporting;

namespace JiujiangMentalHealth.UnitTests.Reporting;

public class SmallCellsTests
{
    private static SuppressedTable Suppress(bool withRowTotals, params int[][] rows) =>
        SmallCells.Suppress(rows.Select(r => (IReadOnlyList<int>)r).ToList(), rows[0].Length, withRowTotals);

    private static bool SomeLineRevealsAHiddenCount(SuppressedTable table, bool withRowTotals)
    {
        // A line (inner cells + its total) reveals a value by subtraction when exactly one member is hidden.
        var lines = new List<List<Cell>>();
        for (var c = 0; c < table.ColumnTotals.Count; c++)
        {
            lines.Add(table.Cells.Select(r => r[c]).Append(table.ColumnTotals[c]).ToList());
        }

        if (withRowTotals)
        {
            lines.AddRange(table.Cells.Select((r, i) => r.Append(table.RowTotals![i]).ToList()));
            lines.Add(table.RowTotals!.Append(table.GrandTotal!.Value).ToList());
            lines.Add(table.ColumnTotals.Append(table.GrandTotal!.Value).ToList());
        }

        return lines.Any(line => line.Count(c => c.IsHidden) == 1);
    }

    [Theory]
    [InlineData(0, CellState.Shown)]
    [InlineData(1, CellState.Small)]
    [InlineData(9, CellState.Small)]
    [InlineData(10, CellState.Shown)]
    [InlineData(523, CellState.Shown)]
    public void A_single_count_from_1_to_9_is_small_and_zero_is_shown(int count, CellState expected)
    {
        var cell = SmallCells.Of(count);

        Assert.Equal(expected, cell.State);
        Assert.Equal(expected == CellState.Shown ? count : null, cell.Visible);
    }

    [Fact]
    public void A_table_without_small_counts_is_shown_whole()
    {
        var table = Suppress(true, [12, 30, 0], [15, 0, 44]);

        Assert.All(table.Cells.SelectMany(r => r), c => Assert.False(c.IsHidden));
        Assert.Equal([42, 59], table.RowTotals!.Select(c => c.Visible));
        Assert.Equal([27, 30, 44], table.ColumnTotals.Select(c => c.Visible));
        Assert.Equal(101, table.GrandTotal!.Value.Visible);
    }

    [Fact]
    public void A_small_cell_that_its_row_total_would_reveal_takes_a_partner_with_it()
    {
        // 一级 3 would be 38 − 15 − 20 with the row total shown: the smallest other count in the row hides too.
        var table = Suppress(true, [3, 15, 20], [12, 40, 50], [11, 33, 25]);

        Assert.Equal(CellState.Small, table.Cells[0][0].State);
        Assert.Equal(CellState.Complementary, table.Cells[0][1].State);
        Assert.False(SomeLineRevealsAHiddenCount(table, true));
        Assert.Null(table.Cells[0][0].Visible);
        Assert.Null(table.Cells[0][1].Visible);
    }

    [Fact]
    public void A_small_cell_that_its_column_total_would_reveal_takes_a_partner_in_the_column()
    {
        // Crises per district without row totals: the city total 4 + 25 + 30 = 59 would reveal the 4.
        var table = Suppress(false, [4], [25], [30]);

        Assert.Equal(CellState.Small, table.Cells[0][0].State);
        Assert.Equal(CellState.Complementary, table.Cells[1][0].State);
        Assert.Equal(30, table.Cells[2][0].Visible);
        Assert.Equal(59, table.ColumnTotals[0].Visible);
        Assert.False(SomeLineRevealsAHiddenCount(table, false));
    }

    [Fact]
    public void When_no_other_cell_can_hide_the_total_is_hidden()
    {
        // One school with 3, the others none: the total is small itself.
        var alone = Suppress(false, [3], [0], [0]);
        Assert.Equal(CellState.Small, alone.ColumnTotals[0].State);
        Assert.Equal(0, alone.Cells[1][0].Visible);

        // A hidden complementary 12 beside only zeros would be its total: the total hides.
        var table = Suppress(true, [5, 12], [0, 0]);
        Assert.Equal(CellState.Small, table.Cells[0][0].State);
        Assert.Equal(CellState.Complementary, table.Cells[0][1].State);
        Assert.True(table.ColumnTotals[1].IsHidden);
        Assert.False(SomeLineRevealsAHiddenCount(table, true));
    }

    [Fact]
    public void Zero_is_shown_and_never_hidden_as_a_partner()
    {
        var table = Suppress(true, [0, 7, 0, 40]);

        Assert.Equal(0, table.Cells[0][0].Visible);
        Assert.Equal(0, table.Cells[0][2].Visible);
        Assert.Equal(CellState.Complementary, table.Cells[0][3].State);
        Assert.False(SomeLineRevealsAHiddenCount(table, true));
    }

    [Fact]
    public void A_row_of_only_small_counts_hides_every_cell_and_its_total_cannot_be_worked_out()
    {
        var table = Suppress(true, [2, 5, 1], [30, 20, 40], [25, 18, 33]);

        Assert.All(table.Cells[0], c => Assert.Equal(CellState.Small, c.State));
        Assert.False(SomeLineRevealsAHiddenCount(table, true));
        // The row total (8) is small itself.
        Assert.Equal(CellState.Small, table.RowTotals![0].State);
    }

    [Fact]
    public void All_rows_small_hides_the_whole_block_but_keeps_zeros()
    {
        var table = Suppress(true, [1, 0], [2, 3]);

        Assert.All(table.Cells.SelectMany(r => r).Where(c => c.Value > 0), c => Assert.True(c.IsHidden));
        Assert.Equal(0, table.Cells[0][1].Visible);
        Assert.True(table.GrandTotal!.Value.IsHidden);
        Assert.False(SomeLineRevealsAHiddenCount(table, true));
    }

    [Fact]
    public void Many_random_tables_never_leave_a_line_with_one_hidden_count()
    {
        var random = new Random(20241);
        for (var i = 0; i < 500; i++)
        {
            var rows = random.Next(1, 8);
            var columns = random.Next(1, 5);
            var withTotals = random.Next(2) == 0;
            var values = Enumerable.Range(0, rows)
                .Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, columns).Select(_ => random.Next(4) switch { 0 => 0, 1 => random.Next(1, 10), _ => random.Next(10, 60) }).ToList())
                .ToList();

            var table = SmallCells.Suppress(values, columns, withTotals);

            Assert.False(SomeLineRevealsAHiddenCount(table, withTotals), $"table {i}");
            Assert.All(table.Cells.SelectMany(r => r).Where(c => SmallCells.IsSmall(c.Value)), c => Assert.True(c.IsHidden));
        }
    }

    [Fact]
    public void Where_each_cell_is_readable_elsewhere_the_totals_hide_instead_of_partners()
    {
        // A district's schools: each school's report shows 15 and 20, so hiding them would not help.
        var table = SmallCells.Suppress([[3, 15], [20, 0]], 2, withRowTotals: true, hideTotals: true);

        Assert.Equal(CellState.Small, table.Cells[0][0].State);
        Assert.Equal(15, table.Cells[0][1].Visible);
        Assert.Equal(20, table.Cells[1][0].Visible);
        Assert.True(table.RowTotals![0].IsHidden);
        Assert.Equal(20, table.RowTotals[1].Visible);
        Assert.True(table.ColumnTotals[0].IsHidden);
        Assert.Equal(15, table.ColumnTotals[1].Visible);
        Assert.True(table.GrandTotal!.Value.IsHidden);
        Assert.False(SomeLineRevealsAHiddenCount(table, true));
    }

    [Fact]
    public void A_percentage_is_hidden_when_its_count_or_base_is()
    {
        Assert.Null(SmallCells.Percent(SmallCells.Of(4), SmallCells.Of(200)));
        Assert.Null(SmallCells.Percent(SmallCells.Of(40), new Cell(200, CellState.Complementary)));
        Assert.Equal(20.0m, SmallCells.Percent(SmallCells.Of(40), SmallCells.Of(200)));
        Assert.Null(SmallCells.Percent(SmallCells.Of(0), SmallCells.Of(0)));
    }
}
