using System.IO.Compression;
using JiujiangMentalHealth.Infrastructure.Tabular;
using MiniExcelLibs;
using static JiujiangMentalHealth.IntegrationTests.Tabular.TabularReaderCsvTests;

namespace JiujiangMentalHealth.IntegrationTests.Tabular;

public class TabularXlsxTests
{
    private static readonly string[] _headers = ["姓名", "工号", "出生日期", "课时", "系数", "得分", "备注"];

    [Fact]
    public void Workbook_written_by_the_writer_reads_back_identically()
    {
        var bytes = Xlsx(
            ["张三", 20240101, new DateOnly(1990, 3, 7), 12L, 1.5m, -5, "=1+1"],
            ["李四", 360102200001011L, null, 0, 0.1 + 0.2, 98.25, "班主任，兼心理"]);

        var table = ReadOk(bytes, "教职工.xlsx");

        Assert.Equal("xlsx", table.DetectedEncoding);
        Assert.Equal(_headers, table.Headers);
        Assert.Equal([2, 3], table.Rows.Select(r => r.LineNumber));
        Assert.Equal(["张三", "20240101", "1990-03-07", "12", "1.5", "-5", "=1+1"], table.Rows[0].Cells);
        Assert.Equal(["李四", "360102200001011", "", "0", "0.3", "98.25", "班主任，兼心理"], table.Rows[1].Cells);
    }

    [Fact]
    public void Row_numbers_are_Excel_row_numbers_across_empty_rows()
    {
        var bytes = Xlsx(
            ["张三", 1, null, null, null, null, null],
            [null, null, null, null, null, null, null],
            ["李四", 2, null, null, null, null, null]);

        var table = ReadOk(bytes, "教职工.xlsx");

        Assert.Equal([2, 4], table.Rows.Select(r => r.LineNumber));
    }

    [Fact]
    public void Numbers_and_dates_typed_in_Excel_read_as_shown()
    {
        using var stream = new MemoryStream();
        var rows = new[]
        {
            new Dictionary<string, object?> { ["学号"] = 20240101.0, ["入学日期"] = new DateTime(2024, 9, 1), ["成绩"] = 87.5 },
        };
        MiniExcel.SaveAs(stream, rows);

        var table = ReadOk(stream.ToArray(), "学生.xlsx");

        Assert.Equal(["20240101", "2024-09-01", "87.5"], table.Rows[0].Cells);
    }

    [Fact]
    public void Workbook_named_csv_is_still_read_as_a_workbook()
    {
        var table = ReadOk(Xlsx(["张三", 1, null, null, null, null, null]), "教职工.csv");

        Assert.Equal("xlsx", table.DetectedEncoding);
        Assert.Equal("张三", table.Rows[0][0]);
    }

    [Fact]
    public void Workbook_with_more_rows_than_the_limit_is_refused()
    {
        var bytes = Xlsx(Enumerable.Range(1, 4).Select(i => new object?[] { "教师" + i, i, null, null, null, null, null }).ToArray());

        AssertError(TabularReader.Read(new MemoryStream(bytes), "a.xlsx", new TabularLimits(MaxDataRows: 3)), TabularErrorCodes.TooManyRows, 3);
    }

    [Fact]
    public void Workbook_that_unpacks_beyond_the_limit_is_refused_as_too_large()
    {
        var bytes = Xlsx(["张三", 1, null, null, null, null, new string('a', 1_000_000)]);

        // A megabyte of one letter packs into a few kilobytes: under the 20 KB file limit,
        // far over 30 times it unpacked.
        Assert.True(bytes.Length < 20_000);
        AssertError(TabularReader.Read(new MemoryStream(bytes), "a.xlsx", new TabularLimits(MaxBytes: 20_000)), TabularErrorCodes.TooLarge, 0.0m);
        Assert.True(TabularReader.Read(new MemoryStream(bytes), "a.xlsx", new TabularLimits(MaxBytes: 40_000)).Succeeded);
    }

    [Fact]
    public void Header_only_workbook_is_refused()
    {
        AssertError(TabularReader.Read(new MemoryStream(Xlsx()), "a.xlsx"), TabularErrorCodes.NoDataRows);
    }

    [Fact]
    public void Truncated_workbook_is_refused_as_unreadable()
    {
        var bytes = Xlsx(["张三", 1, null, null, null, null, null]);

        AssertError(TabularReader.Read(new MemoryStream(bytes[..(bytes.Length / 2)]), "a.xlsx"), TabularErrorCodes.Unreadable);
    }

    [Fact]
    public void Zip_that_is_not_a_workbook_is_refused_as_unsupported()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<document/>");
        }

        AssertError(TabularReader.Read(new MemoryStream(stream.ToArray()), "a.xlsx"), TabularErrorCodes.UnsupportedFormat);
    }

    private static byte[] Xlsx(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, _headers, rows, "教职工");
        return stream.ToArray();
    }
}
