using System.Text;
using JiujiangMentalHealth.Infrastructure.Tabular;

namespace JiujiangMentalHealth.IntegrationTests.Tabular;

public class TabularReaderCsvTests
{
    private const string Roster = "姓名,工号,职务\r\n张三,T001,心理教师\r\n李四,T002,班主任\r\n";

    static TabularReaderCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string> Encodings => new()
    {
        { "utf-8", "utf-8" },
        { "utf-8-bom", "utf-8" },
        { "gbk", "gb18030" },
        { "gb18030", "gb18030" },
        { "utf-16le-bom", "utf-16le" },
        { "utf-16be-bom", "utf-16be" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Chinese_roster_reads_the_same_in_every_encoding_Excel_and_Notepad_produce(string encodingName, string detected)
    {
        var bytes = encodingName switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Roster),
            "utf-8-bom" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Roster)],
            "gbk" => Encoding.GetEncoding("GBK").GetBytes(Roster),
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(Roster),
            "utf-16le-bom" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Roster)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Roster)],
            _ => throw new ArgumentOutOfRangeException(nameof(encodingName)),
        };

        var table = ReadOk(bytes);

        Assert.Equal(detected, table.DetectedEncoding);
        Assert.Equal(["姓名", "工号", "职务"], table.Headers);
        Assert.Equal(["张三", "T001", "心理教师"], table.Rows[0].Cells);
        Assert.Equal(["李四", "T002", "班主任"], table.Rows[1].Cells);
    }

    [Fact]
    public void Character_outside_GBK_survives_in_GB18030()
    {
        // 𠮷 (U+20BB7) exists in GB18030 only, as a four-byte sequence.
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("姓名\r\n𠮷野家\r\n");

        var table = ReadOk(bytes);

        Assert.Equal("gb18030", table.DetectedEncoding);
        Assert.Equal("𠮷野家", table.Rows[0][0]);
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_newlines()
    {
        var table = ReadOk("姓名,备注,说明\r\n\"王,五\",\"他说\"\"好\"\"\",\"第一行\n第二行\"\r\n");

        Assert.Equal(["王,五", "他说\"好\"", "第一行\n第二行"], table.Rows[0].Cells);
    }

    [Fact]
    public void Line_numbers_are_those_Notepad_shows_despite_blank_lines_and_multiline_cells()
    {
        const string csv = "姓名,备注\n张三,a\n\n李四,\"多行\n备注\"\n王五,c\n";

        var table = ReadOk(csv);

        Assert.Equal([2, 4, 6], table.Rows.Select(r => r.LineNumber));
        Assert.Equal("王五", table.Rows[2][0]);
    }

    [Fact]
    public void Line_numbers_count_CRLF_inside_quotes_once()
    {
        var table = ReadOk("姓名,备注\r\n李四,\"多行\r\n备注\"\r\n\r\n王五,c\r\n");

        Assert.Equal([2, 5], table.Rows.Select(r => r.LineNumber));
    }

    [Fact]
    public void Tab_separated_text_is_read_when_the_header_has_tabs_and_no_commas()
    {
        var table = ReadOk("姓名\t工号\r\n张三\tT,001\r\n");

        Assert.Equal(["姓名", "工号"], table.Headers);
        Assert.Equal(["张三", "T,001"], table.Rows[0].Cells);
    }

    [Fact]
    public void Cells_are_trimmed_and_short_rows_padded()
    {
        var table = ReadOk(" 姓名 ,工号,职务\r\n  张三\u3000,T001\r\n");

        Assert.Equal("姓名", table.Headers[0]);
        Assert.Equal(["张三", "T001", ""], table.Rows[0].Cells);
    }

    [Fact]
    public void Unterminated_quote_is_refused_with_the_line_it_opens_on()
    {
        var result = Read("姓名,备注\r\n张三,ok\r\n李四,\"没有结束\r\n王五,x\r\n");

        AssertError(result, TabularErrorCodes.Malformed, 3);
    }

    [Fact]
    public void Empty_file_and_blank_lines_only_are_refused_as_empty()
    {
        AssertError(Read(""), TabularErrorCodes.Empty);
        AssertError(Read("\r\n , \r\n\r\n"), TabularErrorCodes.Empty);
    }

    [Fact]
    public void Header_without_rows_is_refused()
    {
        AssertError(Read("姓名,工号\r\n\r\n"), TabularErrorCodes.NoDataRows);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused()
    {
        var csv = "姓名\r\n" + string.Concat(Enumerable.Repeat("张三\r\n", 100));
        var limits = new TabularLimits(MaxBytes: 100);

        AssertError(Read(csv, limits: limits), TabularErrorCodes.TooLarge, 0.0m);
        Assert.True(Read(csv, limits: new TabularLimits(MaxBytes: 1000)).Succeeded);
    }

    [Fact]
    public void Default_size_limit_is_ten_megabytes_even_for_unseekable_uploads()
    {
        var big = new byte[(10 * 1024 * 1024) + 1];
        big.AsSpan().Fill((byte)'a');

        using var upload = new UnseekableStream(big);
        var result = TabularReader.Read(upload, "big.csv");

        AssertError(result, TabularErrorCodes.TooLarge, 10.0m);
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused_and_the_limit_itself_is_allowed()
    {
        const string csv = "姓名\r\n甲\r\n乙\r\n丙\r\n";

        AssertError(Read(csv, limits: new TabularLimits(MaxDataRows: 2)), TabularErrorCodes.TooManyRows, 2);
        Assert.Equal(3, ReadOk(csv, limits: new TabularLimits(MaxDataRows: 3)).Rows.Count);
    }

    [Fact]
    public void Bytes_valid_in_neither_UTF8_nor_GB18030_are_refused_as_unknown_encoding()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("姓名,工号\r\n张三,"), 0xFF, 0xFF, 0x0D, 0x0A];

        AssertError(TabularReader.Read(new MemoryStream(bytes), "roster.csv"), TabularErrorCodes.EncodingUnknown);
    }

    [Fact]
    public void Old_binary_Excel_is_refused_with_its_own_code_whatever_its_name()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        AssertError(TabularReader.Read(new MemoryStream(xls), "花名册.xls"), TabularErrorCodes.OldExcel);
        AssertError(TabularReader.Read(new MemoryStream(xls), "花名册.xlsx"), TabularErrorCodes.OldExcel);
    }

    [Fact]
    public void Password_protected_workbook_is_told_apart_from_old_Excel()
    {
        byte[] encrypted = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[100], .. Encoding.Unicode.GetBytes("EncryptedPackage")];

        AssertError(TabularReader.Read(new MemoryStream(encrypted), "花名册.xlsx"), TabularErrorCodes.Encrypted);
    }

    [Theory]
    [InlineData("data.csv")]
    [InlineData("data.xlsx")]
    [InlineData("data.txt")]
    public void Random_bytes_are_refused_as_unsupported(string fileName)
    {
        var bytes = new byte[4096];
        new Random(20240101).NextBytes(bytes);

        AssertError(TabularReader.Read(new MemoryStream(bytes), fileName), TabularErrorCodes.UnsupportedFormat);
    }

    [Theory]
    [InlineData("roster.pdf")]
    [InlineData("roster.docx")]
    [InlineData("roster")]
    public void Other_extensions_are_refused_even_with_CSV_content(string fileName)
    {
        AssertError(Read(Roster, fileName), TabularErrorCodes.UnsupportedFormat);
    }

    [Fact]
    public void Duplicate_column_names_are_refused_naming_the_column()
    {
        AssertError(Read("姓名,工号, 姓名 \r\n张三,T1,张三\r\n"), TabularErrorCodes.DuplicateHeader, "姓名");
    }

    [Fact]
    public void Value_in_a_column_without_a_name_is_refused_with_line_and_column()
    {
        var result = Read("姓名,工号\r\n张三,T1\r\n李四,T2,多余\r\n");

        AssertError(result, TabularErrorCodes.CellWithoutHeader, 3, "C");
        Assert.True(Read("姓名,工号,,\r\n张三,T1,,\r\n").Succeeded);
    }

    [Fact]
    public void Column_lookup_ignores_width_case_and_spaces()
    {
        var table = ReadOk("工号（教职工）,Name, 手机 号 \r\nT1,张三,13800000000\r\n");

        Assert.Equal(0, table.ColumnIndex("工号(教职工)"));
        Assert.Equal(1, table.ColumnIndex("姓名", "ＮＡＭＥ"));
        Assert.Equal(2, table.ColumnIndex("手机号"));
        Assert.Equal(-1, table.ColumnIndex("职务"));
        Assert.Equal("13800000000", table.Cell(table.Rows[0], "手机号码", "手机号"));
        Assert.Null(table.Cell(table.Rows[0], "职务"));
    }

    [Fact]
    public void Apostrophe_added_against_formulas_is_removed_on_import()
    {
        var table = ReadOk("姓名,电话,备注\r\n'=张三,'+8613800000000,'普通\r\n");

        Assert.Equal(["=张三", "+8613800000000", "'普通"], table.Rows[0].Cells);
    }

    internal static TabularReadResult Read(string csv, string fileName = "roster.csv", TabularLimits? limits = null) =>
        TabularReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), fileName, limits);

    internal static TabularTable ReadOk(string csv, TabularLimits? limits = null) =>
        ReadOk(Encoding.UTF8.GetBytes(csv), limits: limits);

    internal static TabularTable ReadOk(byte[] bytes, string fileName = "roster.csv", TabularLimits? limits = null)
    {
        var result = TabularReader.Read(new MemoryStream(bytes), fileName, limits);
        Assert.True(result.Succeeded, $"{result.Error?.Code} {string.Join(",", result.Error?.Arguments ?? [])}");
        return result.Table;
    }

    internal static void AssertError(TabularReadResult result, string code, params object[] arguments)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(arguments, result.Error.Arguments);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
