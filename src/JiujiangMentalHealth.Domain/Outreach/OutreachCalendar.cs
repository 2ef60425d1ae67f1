namespace JiujiangMentalHealth.Domain.Outreach;

/// <summary>A day or span the calendar marks every year (its name is a resource key).</summary>
public sealed record MarkedSpan(DateOnly From, DateOnly To, string Key, ActivityType SuggestedType)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// 活动日历 — the days the letter asks every school to mark: “5·25”心理健康日, “10·10”世界精神卫生日
/// and the 心理健康教育活动月 (May, the national student mental-health month since 2024).
/// </summary>
public static class OutreachCalendar
{
    public static IReadOnlyList<MarkedSpan> MarkedSpans(int year) =>
    [
        new(new DateOnly(year, 5, 1), new DateOnly(year, 5, 31), "Calendar_ActivityMonth", ActivityType.ActivityMonth),
        new(new DateOnly(year, 5, 25), new DateOnly(year, 5, 25), "Calendar_Day525", ActivityType.MentalHealthDay),
        new(new DateOnly(year, 10, 10), new DateOnly(year, 10, 10), "Calendar_Day1010", ActivityType.WorldMentalHealthDay),
    ];

    /// <summary>The marks on one day, the single days before the month-long span.</summary>
    public static IReadOnlyList<MarkedSpan> MarksOn(DateOnly day) =>
        MarkedSpans(day.Year).Where(s => s.Contains(day)).OrderBy(s => s.To.DayNumber - s.From.DayNumber).ToList();

    /// <summary>
    /// The weeks of a month as a calendar shows them (Monday first, as in China): each week holds
    /// seven days, and days outside the month are null.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<DateOnly?>> Weeks(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var days = DateTime.DaysInMonth(year, month);
        var weeks = new List<IReadOnlyList<DateOnly?>>();
        var cells = Enumerable.Repeat<DateOnly?>(null, offset).Concat(Enumerable.Range(0, days).Select(d => (DateOnly?)first.AddDays(d))).ToList();
        while (cells.Count % 7 != 0)
        {
            cells.Add(null);
        }

        for (var i = 0; i < cells.Count; i += 7)
        {
            weeks.Add(cells.GetRange(i, 7));
        }

        return weeks;
    }
}
