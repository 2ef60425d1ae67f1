namespace JiujiangMentalHealth.Infrastructure.Tabular;

/// <summary>How much an uploaded table may hold before <see cref="TabularReader"/> refuses it.</summary>
public sealed record TabularLimits(long MaxBytes = 10 * 1024 * 1024, int MaxDataRows = 100_000)
{
    public static TabularLimits Default { get; } = new();

    // An .xlsx is a ZIP: a small upload can inflate to gigabytes (a "zip bomb"), so the unpacked
    // size is capped too. Real rosters compress about tenfold; thirty leaves room for repetitive data.
    public long MaxUnpackedBytes => MaxBytes * 30;
}
