using System.Text;
using JiujiangMentalHealth.Infrastructure.Tabular;
using MiniExcelLibs;

namespace JiujiangMentalHealth.IntegrationTests.Tabular;

public class TabularWriterTests
{
    private static readonly string[] _headers = ["姓名", "备注", "分数"];

    [Fact]
    public void Csv_is_UTF8_with_BOM_CRLF_and_RFC4180_quoting()
    {
        var bytes = Csv([["张三", "他说\"好\"，行", 1.5m], ["李,四", "第一行\n第二行", null]]);

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Equal(
            "姓名,备注,分数\r\n张三,\"他说\"\"好\"\"，行\",1.5\r\n\"李,四\",\"第一行\n第二行\",\r\n",
            Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public void Csv_neutralises_formula_text_but_not_negative_numbers()
    {
        var bytes = Csv([["=1+1", "+86138", -5], ["@SUM(A1)", "-5", -2.5], ["\t=1", "\r=2", 0]]);

        Assert.Equal(
            "姓名,备注,分数\r\n'=1+1,'+86138,-5\r\n'@SUM(A1),'-5,-2.5\r\n'\t=1,\"'\r=2\",0\r\n",
            Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public void Xlsx_neutralises_formula_text_and_keeps_numbers_as_numbers()
    {
        using var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, ["=标题", "金额", "次数", "系数"], [["=1+1", -5, 3L, 2.5m], ["-5", -0.5, 0, null]], "统计");
        stream.Position = 0;

        var rows = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal("'=标题", rows[0]["A"]);
        Assert.Equal("'=1+1", rows[1]["A"]);
        Assert.Equal(-5.0, rows[1]["B"]);
        Assert.Equal(3.0, rows[1]["C"]);
        Assert.Equal(2.5, rows[1]["D"]);
        Assert.Equal("'-5", rows[2]["A"]);
        Assert.Equal(-0.5, rows[2]["B"]);
        Assert.Null(rows[2]["D"]);
    }

    [Fact]
    public void Xlsx_keeps_Chinese_headers_and_a_safe_sheet_name()
    {
        using var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, ["姓名", "学校"], [["张三", "九江市第一中学"]], "花名册:2024/秋");
        stream.Position = 0;

        Assert.Equal(["花名册_2024_秋"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var header = (IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: false).First();
        Assert.Equal(["姓名", "学校"], header.Values);
    }

    [Fact]
    public void Dates_are_written_as_ISO_text_and_instants_in_China_time()
    {
        var bytes = Csv([
            [new DateOnly(2024, 9, 1), new DateTime(2024, 9, 1, 8, 30, 0, DateTimeKind.Unspecified), null],
            [new DateTimeOffset(2024, 8, 31, 16, 0, 0, TimeSpan.Zero), new DateTime(2024, 8, 31, 16, 0, 0, DateTimeKind.Utc), null],
        ]);

        Assert.Equal(
            "姓名,备注,分数\r\n2024-09-01,2024-09-01 08:30:00,\r\n2024-09-01,2024-09-01,\r\n",
            Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public void Csv_written_by_the_writer_reads_back_identically()
    {
        var bytes = Csv([["=张三", "含,逗号和\"引号\"", 100], ["李四", "多行\n备注", -1.25]]);

        var table = TabularReaderCsvTests.ReadOk(bytes, "导出.csv");

        Assert.Equal(_headers, table.Headers);
        Assert.Equal(["=张三", "含,逗号和\"引号\"", "100"], table.Rows[0].Cells);
        Assert.Equal(["李四", "多行\n备注", "-1.25"], table.Rows[1].Cells);
    }

    [Fact]
    public void Values_that_would_leak_untranslated_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Csv([[true, null, null]]));
        Assert.Throws<ArgumentException>(() => Csv([[DayOfWeek.Monday, null, null]]));
        Assert.Throws<ArgumentException>(() => Csv([["张三", null]]));
    }

    private static byte[] Csv(IReadOnlyList<object?>[] rows)
    {
        using var stream = new MemoryStream();
        TabularWriter.WriteCsv(stream, _headers, rows);
        return stream.ToArray();
    }
}
