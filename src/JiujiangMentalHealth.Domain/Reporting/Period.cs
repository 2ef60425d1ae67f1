using System.Globalization;
using JiujiangMentalHealth.Domain.City;

namespace JiujiangMentalHealth.Domain.Reporting;

/// <summary>The spans a dashboard can show: a school year, a term, or a bi-monthly reporting period.</summary>
public enum PeriodKind
{
    /// <summary>学年 (September to August)</summary>
    SchoolYear = 1,

    /// <summary>学期 (term 1 September–January, term 2 February–August)</summary>
    Term = 2,

    /// <summary>双月 (the two months a bi-monthly report covers)</summary>
    BiMonth = 3,
}

/// <summary>
/// A span of dates a dashboard is computed over. Its key ("Y2025", "T2025-2", "B2026-09") is what
/// the period selector posts; <see cref="TryParse"/> refuses anything else.
/// </summary>
public sealed record Period(PeriodKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The school year containing the period's last day (the year a screening coverage counts in).</summary>
    public SchoolYear SchoolYear => SchoolYear.Containing(To);

    public string Key => Kind switch
    {
        PeriodKind.SchoolYear => $"Y{From.Year}",
        PeriodKind.Term => $"T{SchoolYear.StartYear}-{(From.Month == SchoolYear.FirstMonth ? 1 : 2)}",
        _ => $"B{From.Year}-{From.Month:00}",
    };

    /// <summary>1 or 2 for a term; 0 otherwise.</summary>
    public int TermNumber => Kind == PeriodKind.Term ? (From.Month == SchoolYear.FirstMonth ? 1 : 2) : 0;

    public static Period OfSchoolYear(SchoolYear year) => new(PeriodKind.SchoolYear, year.FirstDay, year.LastDay);

    /// <summary>Term 1 runs 1 September to 31 January, term 2 1 February to 31 August.</summary>
    public static Period OfTerm(SchoolYear year, int term) => term switch
    {
        1 => new(PeriodKind.Term, year.FirstDay, new DateOnly(year.StartYear + 1, 1, 31)),
        2 => new(PeriodKind.Term, new DateOnly(year.StartYear + 1, 2, 1), year.LastDay),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    public static Period OfBiMonth(BimonthlyPeriod period) => new(PeriodKind.BiMonth, period.From, period.To);

    public static Period Containing(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.SchoolYear => OfSchoolYear(SchoolYear.Containing(date)),
        PeriodKind.Term => OfTerm(SchoolYear.Containing(date), date.Month is >= 2 and < SchoolYear.FirstMonth ? 2 : 1),
        _ => OfBiMonth(BimonthlyPeriod.Containing(date)),
    };

    /// <summary>The period of the same kind just before this one.</summary>
    public Period Previous => Containing(Kind, From.AddDays(-1));

    /// <summary>This period and the <paramref name="count"/> − 1 before it, oldest first.</summary>
    public IReadOnlyList<Period> LastPeriods(int count)
    {
        var periods = new List<Period> { this };
        while (periods.Count < count)
        {
            periods.Add(periods[^1].Previous);
        }

        periods.Reverse();
        return periods;
    }

    /// <summary>The last day the figures can be true for: the period's end, or today while it runs.</summary>
    public DateOnly AsOf(DateOnly today) => To < today ? To : today;

    public bool Contains(DateOnly date) => date >= From && date <= To;

    public static bool TryParse(string? key, out Period period)
    {
        period = null!;
        if (string.IsNullOrEmpty(key) || key.Length < 5)
        {
            return false;
        }

        var body = key[1..];
        switch (key[0])
        {
            case 'Y' when body.Length == 4 && int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100:
                period = OfSchoolYear(new SchoolYear(year));
                return true;
            case 'T' when body.Length == 6 && body[4] == '-'
                && int.TryParse(body[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var termYear) && termYear is >= 2000 and <= 2100
                && body[5] is '1' or '2':
                period = OfTerm(new SchoolYear(termYear), body[5] - '0');
                return true;
            case 'B' when BimonthlyPeriod.TryParse(body, out var bimonth):
                period = OfBiMonth(bimonth);
                return true;
            default:
                return false;
        }
    }
}
