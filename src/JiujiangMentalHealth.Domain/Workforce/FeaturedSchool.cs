using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Workforce;

/// <summary>特色学校级别</summary>
public enum FeaturedLevel
{
    /// <summary>市级（九江市中小学心理健康教育特色学校）</summary>
    City = 1,

    /// <summary>省级</summary>
    Provincial = 2,

    /// <summary>国家级</summary>
    National = 3,
}

/// <summary>心理健康教育特色学校 — a title a school holds at one level since a year.</summary>
public class FeaturedSchool
{
    private FeaturedSchool()
    {
    }

    public FeaturedSchool(int schoolId, FeaturedLevel level, int year)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainRuleException("Featured_YearOutOfRange");
        }

        SchoolId = schoolId;
        Level = level;
        Year = year;
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public FeaturedLevel Level { get; private set; }

    /// <summary>命名年度</summary>
    public int Year { get; private set; }
}
