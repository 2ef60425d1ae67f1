using System.Globalization;

namespace JiujiangMentalHealth.Domain.Reporting;

/// <summary>
/// 双月数据填报 — a reporting period of two calendar months starting in an odd month (January–February,
/// March–April, … November–December). Schools file its report in the odd month after it ends, by a
/// deadline day of that month (the 10th unless configured otherwise).
/// </summary>
public readonly record struct BimonthlyPeriod
{
    public const int DefaultDeadlineDay = 10;

    public BimonthlyPeriod(int year, int startMonth)
    {
        if (startMonth is < 1 or > 11 || startMonth % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startMonth), "A bi-monthly period starts in an odd month.");
        }

        Year = year;
        StartMonth = startMonth;
    }

    public int Year { get; }

    public int StartMonth { get; }

    public DateOnly From => new(Year, StartMonth, 1);

    public DateOnly To => From.AddMonths(2).AddDays(-1);

    /// <summary>"2026-09": the key in URLs and in the database.</summary>
    public string Key => $"{Year}-{StartMonth:00}";

    public BimonthlyPeriod Next => Containing(From.AddMonths(2));

    public BimonthlyPeriod Previous => Containing(From.AddMonths(-2));

    /// <summary>The report is due by this day of the month after the period (an odd month).</summary>
    public DateOnly DueOn(int deadlineDay)
    {
        var month = To.AddDays(1);
        return new DateOnly(month.Year, month.Month, Math.Clamp(deadlineDay, 1, DateTime.DaysInMonth(month.Year, month.Month)));
    }

    public static BimonthlyPeriod Containing(DateOnly date) => new(date.Year, date.Month % 2 == 1 ? date.Month : date.Month - 1);

    /// <summary>The latest period that has ended before <paramref name="today"/>: the one schools are filing now.</summary>
    public static BimonthlyPeriod LatestEnded(DateOnly today) => Containing(today).Previous;

    public static bool TryParse(string? key, out BimonthlyPeriod period)
    {
        period = default;
        if (key is not { Length: 7 } || key[4] != '-'
            || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(key.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year is < 2000 or > 2100 || month is < 1 or > 11 || month % 2 == 0)
        {
            return false;
        }

        period = new BimonthlyPeriod(year, month);
        return true;
    }

    public override string ToString() => Key;
}
