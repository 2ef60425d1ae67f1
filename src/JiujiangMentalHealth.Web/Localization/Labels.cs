using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Localization;

/// <summary>How the domain's terms read in the user's language: roles, stages, classes, rule violations.</summary>
public sealed class Labels(IStringLocalizer<SharedResource> t)
{
    public string Role(string role) => t["Role_" + role];

    public string Stage(SchoolStage stage) => t["SchoolStage_" + stage];

    public string Section(SchoolSection section) => t["SchoolSection_" + section];

    public string SchoolYear(SchoolYear year) => t["SchoolYear_Name", year.StartYear, year.StartYear + 1];

    /// <summary>学生、家长 — the set flags of a [Flags] enum, each by its resource key, joined the Chinese way.</summary>
    public string Flags<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        var names = Enum.GetValues<TEnum>()
            .Where(f => Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture) is var bit && bit != 0 && (number & bit) == bit)
            .Select(f => t[$"{typeof(TEnum).Name}_{f}"].Value);
        return string.Join(t["Common_ListSeparator"], names);
    }

    public string YesNo(bool value) => t[value ? "Common_Yes" : "Common_No"];

    /// <summary>三年级(1)班 in the given school year; 2019级(1)班（已毕业） once the class has left the section.</summary>
    public string ClassName(SchoolSection section, int entryYear, int number, SchoolYear year) =>
        SchoolClass.GradeOf(section, entryYear, year) is { } grade
            ? t["Class_Name", t["Grade_" + grade], number]
            : t[year.StartYear < entryYear ? "Class_NameNotYetOpen" : "Class_NameGraduated", entryYear, number, Section(section)];

    public string RuleViolation(DomainRuleException e) =>
        t["Rule_" + e.Code, e.Arguments.Select(a => a is Enum ? (object)t[$"{a.GetType().Name}_{a}"].Value : a).ToArray()];
}
