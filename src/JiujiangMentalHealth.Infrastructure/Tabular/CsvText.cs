using System.Text;

namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>Decodes CSV bytes by guessing the encoding the way a Chinese Windows user produced them, then parses RFC 4180.</summary>
internal static class CsvText
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding _strictGb18030 = StrictGb18030();

    public static TabularReadResult Read(byte[] bytes, TabularLimits limits)
    {
        var (text, encoding) = Decode(bytes);

        // Control characters (a NUL byte above all) mean a binary file: a picture, a PDF, a renamed program.
        var binary = text is null
            ? bytes.AsSpan().Contains((byte)0)
            : text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
        if (binary)
        {
            return TabularReadResult.Failure(TabularErrorCodes.UnsupportedFormat);
        }
        if (text is null)
        {
            return TabularReadResult.Failure(TabularErrorCodes.EncodingUnknown);
        }
        return TabularReader.Build(Parse(text, Delimiter(text)), encoding, limits);
    }

    private static (string? Text, string Encoding) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (TryDecode(_strictUtf8, span[3..]), "utf-8");
        }
        // Excel's "Unicode text" export is UTF-16 LE with a BOM.
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (TryDecode(new UnicodeEncoding(false, false, true), span[2..]), "utf-16le");
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (TryDecode(new UnicodeEncoding(true, false, true), span[2..]), "utf-16be");
        }
        // Without a BOM: Chinese text in GBK is almost never valid UTF-8, so strict UTF-8 first,
        // then GB18030 (a superset of GBK and GB2312, what Excel "CSV" writes on Chinese Windows).
        var utf8 = TryDecode(_strictUtf8, span);
        return utf8 is not null ? (utf8, "utf-8") : (TryDecode(_strictGb18030, span), "gb18030");
    }

    private static string? TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Encoding StrictGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    // Tab-separated when the header has tabs but no commas (Excel "Unicode text", copy from a grid).
    private static char Delimiter(string text)
    {
        var header = text.AsSpan().TrimStart("\r\n");
        var end = header.IndexOfAny('\r', '\n');
        header = end < 0 ? header : header[..end];
        return header.Contains('\t') && !header.Contains(',') ? '\t' : ',';
    }

    /// <summary>RFC 4180 records; each numbered by the physical line it starts on, as Notepad counts lines.</summary>
    internal static IEnumerable<RawRecord> Parse(string text, char delimiter)
    {
        var line = 1;
        var pos = 0;
        var cell = new StringBuilder();
        while (pos < text.Length)
        {
            var recordLine = line;
            var cells = new List<string>();
            while (true)
            {
                cell.Clear();
                if (pos < text.Length && text[pos] == '"')
                {
                    var quoteLine = line;
                    pos++;
                    while (true)
                    {
                        if (pos >= text.Length)
                        {
                            throw new TabularFormatException(new TabularError(TabularErrorCodes.Malformed, quoteLine));
                        }
                        var c = text[pos++];
                        if (c == '"')
                        {
                            if (pos < text.Length && text[pos] == '"')
                            {
                                cell.Append('"');
                                pos++;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (pos >= text.Length || text[pos] != '\n')))
                        {
                            line++;
                        }
                        cell.Append(c);
                    }
                }
                // Unquoted text, and anything after a closing quote, runs to the delimiter or line end,
                // as Excel reads it.
                while (pos < text.Length && text[pos] != delimiter && text[pos] is not ('\r' or '\n'))
                {
                    cell.Append(text[pos++]);
                }
                cells.Add(cell.ToString());
                if (pos < text.Length && text[pos] == delimiter)
                {
                    pos++;
                    continue;
                }
                break;
            }
            if (pos < text.Length)
            {
                pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
                line++;
            }
            yield return new RawRecord(recordLine, cells);
        }
    }
}
