using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.City;

/// <summary>学校 — a primary or secondary school, identified by its 10-digit 学校标识码.</summary>
public class School
{
    private readonly List<SchoolClass> _classes = [];
    private readonly List<SchoolEnrolment> _enrolments = [];

    private School()
    {
    }

    public School(string code, string name, int districtId, SchoolStage stage, bool isTownshipCentralOrAbove)
    {
        Code = ValidateCode(code);
        Name = ValidateName(name);
        DistrictId = districtId;
        Stage = stage;
        IsTownshipCentralOrAbove = isTownshipCentralOrAbove;
    }

    public int Id { get; private set; }

    /// <summary>学校标识码: exactly 10 digits, unique in the country.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int DistrictId { get; private set; }

    public District? District { get; private set; }

    public SchoolStage Stage { get; private set; }

    /// <summary>乡镇中心学校及以上: such a school must have a standardized counselling room (R2).</summary>
    public bool IsTownshipCentralOrAbove { get; private set; }

    public IReadOnlyCollection<SchoolClass> Classes => _classes;

    public IReadOnlyCollection<SchoolEnrolment> Enrolments => _enrolments;

    public static bool IsValidCode(string? code) =>
        code is { Length: 10 } && code.All(char.IsAsciiDigit);

    public void Update(string code, string name, int districtId, SchoolStage stage, bool isTownshipCentralOrAbove)
    {
        var sections = stage.Sections();
        var orphan = _classes.FirstOrDefault(c => !sections.Contains(c.Section));
        if (orphan is not null)
        {
            throw new DomainRuleException("School_StageDropsSectionWithClasses", orphan.Section);
        }

        Code = ValidateCode(code);
        Name = ValidateName(name);
        DistrictId = districtId;
        Stage = stage;
        IsTownshipCentralOrAbove = isTownshipCentralOrAbove;
    }

    /// <summary>Records the number of students enrolled (在校生数) in a school year, replacing an earlier figure.</summary>
    public SchoolEnrolment SetEnrolment(SchoolYear year, int students)
    {
        if (students is < 0 or > 50_000)
        {
            throw new DomainRuleException("School_EnrolmentOutOfRange");
        }

        var existing = _enrolments.FirstOrDefault(e => e.SchoolYear == year.StartYear);
        if (existing is not null)
        {
            existing.Change(students);
            return existing;
        }

        var enrolment = new SchoolEnrolment(this, year, students);
        _enrolments.Add(enrolment);
        return enrolment;
    }

    public int? EnrolmentIn(SchoolYear year) =>
        _enrolments.FirstOrDefault(e => e.SchoolYear == year.StartYear)?.Students;

    /// <summary>Opens a class (e.g. 2024级(3)班 of 小学) in one of the school's sections.</summary>
    public SchoolClass AddClass(SchoolSection section, int entryYear, int number)
    {
        if (!Stage.Sections().Contains(section))
        {
            throw new DomainRuleException("Class_SectionNotTaught", section);
        }

        if (entryYear is < 2000 or > 2100)
        {
            throw new DomainRuleException("Class_EntryYearOutOfRange");
        }

        if (number is < 1 or > 99)
        {
            throw new DomainRuleException("Class_NumberOutOfRange");
        }

        if (_classes.Any(c => c.Section == section && c.EntryYear == entryYear && c.Number == number))
        {
            throw new DomainRuleException("Class_Duplicate");
        }

        var schoolClass = new SchoolClass(this, section, entryYear, number);
        _classes.Add(schoolClass);
        return schoolClass;
    }

    private static string ValidateCode(string code)
    {
        code = (code ?? "").Trim();
        return IsValidCode(code) ? code : throw new DomainRuleException("School_CodeInvalid");
    }

    private static string ValidateName(string name)
    {
        name = (name ?? "").Trim();
        return name.Length is > 0 and <= 100 ? name : throw new DomainRuleException("School_NameInvalid");
    }
}
