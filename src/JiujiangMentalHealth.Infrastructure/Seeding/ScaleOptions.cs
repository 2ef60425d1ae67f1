using System.Globalization;
using System.Text;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>Which schools of the demo city the scale seeder fills to their full enrolment.</summary>
/// <param name="Name">city, district, or schools (a few named schools, for tests).</param>
/// <param name="DistrictCode">Only this district's schools, when set.</param>
/// <param name="SchoolCodes">Only these schools, when set.</param>
public sealed record ScaleOptions(string Name, string? DistrictCode = null, IReadOnlyCollection<string>? SchoolCodes = null)
{
    /// <summary>
    /// 浔阳区, the district of the demo district bureau (<c>xunyang</c>) and of 九江市双峰小学: at district
    /// scale its dashboards, lists and reports run on full data.
    /// </summary>
    public const string DefaultDistrict = "360403";

    public static ScaleOptions City { get; } = new("city");

    public static ScaleOptions District(string code = DefaultDistrict) => new("district", code);

    /// <summary>A few schools only, so a test can run the whole seeder in seconds.</summary>
    public static ScaleOptions Schools(params string[] codes) => new("schools", null, codes);

    public bool Includes(DemoSchools.Entry school)
    {
        ArgumentNullException.ThrowIfNull(school);
        return (DistrictCode is null || school.DistrictCode == DistrictCode) && (SchoolCodes is null || SchoolCodes.Contains(school.Code));
    }

    /// <summary>The command line's <c>--scale city|district</c> (and <c>--district CODE</c>); null when it is neither.</summary>
    public static ScaleOptions? Parse(string? scale, string? district) => scale switch
    {
        "city" when district is null => City,
        "district" when district is null => District(),
        "district" when DemoCity.Schools.Any(s => s.DistrictCode == district) => District(district),
        _ => null,
    };
}

/// <summary>What a scale seeding did: rows per table, how long each phase took, and the database's size after it.</summary>
public sealed record ScaleSeedResult(
    ScaleOptions Options,
    int SchoolsFilled,
    int SchoolsAlreadyFilled,
    TimeSpan Elapsed,
    IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases,
    IReadOnlyList<(string Table, long Added, long Total)> Tables,
    long DatabaseBytes)
{
    public long Added(string table) => Tables.Single(t => t.Table == table).Added;

    public override string ToString()
    {
        var text = new StringBuilder();
        var scope = Options.DistrictCode is { } code ? $"{Options.Name} {code}" : Options.Name;
        text.Append(CultureInfo.InvariantCulture, $"City-scale seeding ({scope}): {SchoolsFilled} schools filled, {SchoolsAlreadyFilled} already filled (skipped)\n");
        foreach (var (phase, elapsed) in Phases)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {phase,-44} {elapsed.TotalSeconds,8:0.0} s\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  {"total",-44} {Elapsed.TotalSeconds,8:0.0} s\n");
        text.Append(CultureInfo.InvariantCulture, $"  {"table",-24} {"added",12} {"total",12}\n");
        foreach (var (table, added, total) in Tables)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {table,-24} {added,12:N0} {total,12:N0}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  database size {DatabaseBytes / 1024.0 / 1024.0:N0} MB");
        return text.ToString();
    }
}
