namespace JiujiangMentalHealth.Domain.City;

/// <summary>
/// 学年 — a school year that starts on 1 September, named by its starting calendar year
/// (2024 is the 2024—2025 school year). Term 1 (第一学期) runs September to January,
/// term 2 (第二学期) February to August.
/// </summary>
public readonly record struct SchoolYear(int StartYear) : IComparable<SchoolYear>
{
    public const int FirstMonth = 9;

    public static SchoolYear Containing(DateOnly date) =>
        new(date.Month >= FirstMonth ? date.Year : date.Year - 1);

    public DateOnly FirstDay => new(StartYear, FirstMonth, 1);

    public DateOnly LastDay => new(StartYear + 1, FirstMonth - 1, 31);

    public SchoolYear Next => new(StartYear + 1);

    public SchoolYear Previous => new(StartYear - 1);

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public int CompareTo(SchoolYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() => $"{StartYear}-{StartYear + 1}";

    public static bool operator <(SchoolYear left, SchoolYear right) => left.CompareTo(right) < 0;

    public static bool operator >(SchoolYear left, SchoolYear right) => left.CompareTo(right) > 0;

    public static bool operator <=(SchoolYear left, SchoolYear right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SchoolYear left, SchoolYear right) => left.CompareTo(right) >= 0;
}
