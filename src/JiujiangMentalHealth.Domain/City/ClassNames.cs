using System.Text.RegularExpressions;

namespace JiujiangMentalHealth.Domain.City;

/// <summary>
/// Reads the ways Chinese schools write a class in a spreadsheet — 三年级(1)班, 三年级1班,
/// 初一（2）班, 七年级3班, 高二(10)班, 3年级2班 — as a grade (1–12) and a class number.
/// </summary>
public static partial class ClassNames
{
    private static readonly Dictionary<string, int> GradeWords = new(StringComparer.Ordinal)
    {
        ["一年级"] = 1, ["二年级"] = 2, ["三年级"] = 3, ["四年级"] = 4, ["五年级"] = 5, ["六年级"] = 6,
        ["七年级"] = 7, ["八年级"] = 8, ["九年级"] = 9,
        ["初一"] = 7, ["初二"] = 8, ["初三"] = 9,
        ["高一"] = 10, ["高二"] = 11, ["高三"] = 12,
    };

    public static bool TryParse(string? text, out int grade, out int number)
    {
        grade = 0;
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = text.Trim().Replace('（', '(').Replace('）', ')').Replace(" ", "", StringComparison.Ordinal);
        var match = ClassPattern().Match(normalized);
        if (!match.Success || !int.TryParse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture, out number) || number is < 1 or > 99)
        {
            return false;
        }

        var gradeText = match.Groups["grade"].Value;
        if (GradeWords.TryGetValue(gradeText, out grade))
        {
            return true;
        }

        var digits = DigitGrade().Match(gradeText);
        return digits.Success && int.TryParse(digits.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out grade) && grade is >= 1 and <= 12;
    }

    /// <summary>The section and entry year of a grade in a school year (三年级 in 2024 → 小学, 2022级).</summary>
    public static (SchoolSection Section, int EntryYear) Locate(int grade, SchoolYear year)
    {
        var section = grade switch
        {
            <= 6 => SchoolSection.Primary,
            <= 9 => SchoolSection.Junior,
            _ => SchoolSection.Senior,
        };
        return (section, year.StartYear - (grade - section.FirstGrade()));
    }

    [GeneratedRegex(@"^(?<grade>[一二三四五六七八九]年级|初[一二三]|高[一二三]|\d{1,2}年级)\(?(?<number>\d{1,2})\)?班?$")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"^(\d{1,2})年级$")]
    private static partial Regex DigitGrade();
}
