using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Staff;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>
/// 学生名册导入 — reads a roster table into students of one school. All or nothing: every row is
/// checked (its line, column and reason in the user's language) and nothing is saved unless every
/// row is right. The lookups it needs (the school's classes, the students already known under the
/// file's numbers) are loaded once by the caller; reading is then pure and fast.
/// </summary>
public sealed class StudentRoster(IStringLocalizer<SharedResource> t, Labels labels)
{
    public const string NumberColumn = "学籍号";
    public const string NameColumn = "姓名";
    public const string GenderColumn = "性别";
    public const string BirthDateColumn = "出生日期";
    public const string ClassColumn = "班级";
    public const string KeyPopulationsColumn = "重点关爱群体";
    public const string RelationshipColumn = "亲子关系";
    public const string FamilyChangesColumn = "家庭变故";
    public const string GuardianColumn = "监护人";
    public const string GuardianPhoneColumn = "监护人电话";
    public const string SchoolCodeColumn = "学校标识码";

    /// <summary>The template's columns (key populations as one column; one 是/否 column per group is accepted too).</summary>
    public static readonly string[] Headers =
    [
        NumberColumn, NameColumn, GenderColumn, BirthDateColumn, ClassColumn, KeyPopulationsColumn,
        RelationshipColumn, FamilyChangesColumn, GuardianColumn, GuardianPhoneColumn, SchoolCodeColumn,
    ];

    public static readonly string[] RequiredHeaders = [NumberColumn, NameColumn, GenderColumn, BirthDateColumn, ClassColumn];

    /// <summary>The seven 重点关爱群体 by their names in the bureau's letter.</summary>
    public static readonly IReadOnlyList<(string Name, KeyPopulations Flag)> KeyPopulationNames =
    [
        ("家庭经济困难", KeyPopulations.EconomicHardship),
        ("学习困难", KeyPopulations.LearningDifficulty),
        ("情感困惑", KeyPopulations.EmotionalDistress),
        ("言行异常", KeyPopulations.UnusualBehaviour),
        ("留守儿童", KeyPopulations.LeftBehind),
        ("进城务工人员随迁子女", KeyPopulations.MigrantChild),
        ("单亲家庭子女", KeyPopulations.SingleParent),
    ];

    /// <summary>Other spellings found in school spreadsheets, per canonical column.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        [NumberColumn] = [NumberColumn, "全国学籍号", "学生学籍号"],
        [NameColumn] = [NameColumn, "学生姓名"],
        [BirthDateColumn] = [BirthDateColumn, "出生年月日"],
        [ClassColumn] = [ClassColumn, "所在班级"],
        [GuardianColumn] = [GuardianColumn, "监护人姓名"],
        [GuardianPhoneColumn] = [GuardianPhoneColumn, "监护人联系电话"],
    };

    private static readonly Dictionary<string, KeyPopulations> KeyPopulationWords = BuildKeyPopulationWords();

    private static readonly char[] KeyPopulationSeparators = ['、', ';', '；', ',', '，', ' ', '\u3000', '/', '\n'];

    public const int MaxFamilyChangesLength = 500;
    public const int MaxGuardianNameLength = 30;

    /// <summary>How many years a birth date may be off the usual age of its grade before the row is refused.</summary>
    public const int BirthYearsTolerance = 2;

    public sealed record RowError(int Line, string Column, string Reason);

    /// <param name="SchoolId">The importing user's school.</param>
    /// <param name="SchoolCode">Its 学校标识码, to refuse rows of another school.</param>
    /// <param name="Year">The current school year: class names are read in it.</param>
    /// <param name="ClassIds">The school's classes by section, entry year and number.</param>
    /// <param name="KnownNumbers">Students already in the portal (any school) under the file's numbers: number → school id.</param>
    public sealed record SchoolContext(
        int SchoolId,
        string SchoolCode,
        SchoolYear Year,
        IReadOnlyDictionary<(SchoolSection Section, int EntryYear, int Number), int> ClassIds,
        IReadOnlyDictionary<string, int> KnownNumbers);

    public sealed record Result(IReadOnlyList<Student> Students, IReadOnlyList<RowError> Errors);

    /// <summary>The well-formed student numbers in the file (normalised), to look up the students already known under them.</summary>
    public static IReadOnlyCollection<string> NumbersIn(TabularTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var index = table.ColumnIndex(Aliases[NumberColumn]);
        if (index < 0)
        {
            return [];
        }

        return table.Rows.Select(r => Student.NormaliseNumber(r[index]))
            .Where(Student.IsValidNumber)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The birth dates usual for a grade in a school year: grade g in year Y is born September Y−g−6 to August Y−g−5.</summary>
    public static (DateOnly From, DateOnly To) UsualBirthDates(int grade, SchoolYear year) =>
        (new DateOnly(year.StartYear - grade - 6, 9, 1), new DateOnly(year.StartYear - grade - 5, 8, 31));

    public Result Read(TabularTable table, SchoolContext school)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(school);
        var errors = new List<RowError>();
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var header in Headers)
        {
            column[header] = table.ColumnIndex(Aliases.TryGetValue(header, out var names) ? names : [header]);
        }

        foreach (var (name, _) in KeyPopulationNames)
        {
            column[name] = table.ColumnIndex(name);
        }

        foreach (var required in RequiredHeaders)
        {
            if (column[required] < 0)
            {
                errors.Add(new RowError(1, required, t["Import_MissingColumn", required]));
            }
        }

        if (errors.Count > 0)
        {
            return new Result([], errors);
        }

        var students = new List<Student>();
        var numbersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var rowErrors = new List<RowError>();
            string Cell(string header) => column[header] < 0 ? "" : row[column[header]].Trim();
            void Fail(string header, string reason) => rowErrors.Add(new RowError(row.LineNumber, header, reason));

            var number = Student.NormaliseNumber(Cell(NumberColumn));
            if (number.Length == 0)
            {
                Fail(NumberColumn, t["Import_Required", NumberColumn]);
            }
            else if (!Student.IsValidNumber(number))
            {
                Fail(NumberColumn, labels.RuleViolation(new DomainRuleException("Student_NumberInvalid")));
            }
            else
            {
                if (numbersInFile.TryGetValue(number, out var firstLine))
                {
                    Fail(NumberColumn, t["StudentImport_DuplicateInFile", number, firstLine]);
                }
                else
                {
                    numbersInFile[number] = row.LineNumber;
                }

                if (school.KnownNumbers.TryGetValue(number, out var knownSchool))
                {
                    // Which other school is not said: the student's file there is out of this user's scope.
                    Fail(NumberColumn, knownSchool == school.SchoolId
                        ? t["StudentImport_OnRoster", number]
                        : t["StudentImport_AtOtherSchool", number]);
                }
            }

            var name = Cell(NameColumn);
            if (name.Length == 0)
            {
                Fail(NameColumn, t["Import_Required", NameColumn]);
            }

            Gender gender = default;
            switch (Cell(GenderColumn))
            {
                case "男" or "M" or "m" or "男性":
                    gender = Gender.Male;
                    break;
                case "女" or "F" or "f" or "女性":
                    gender = Gender.Female;
                    break;
                case "":
                    Fail(GenderColumn, t["Import_Required", GenderColumn]);
                    break;
                case var other:
                    Fail(GenderColumn, t["Import_BadGender", other]);
                    break;
            }

            DateOnly? birthDate = null;
            var birthText = Cell(BirthDateColumn);
            if (birthText.Length == 0)
            {
                Fail(BirthDateColumn, t["Import_Required", BirthDateColumn]);
            }
            else if (StaffRoster.TryDate(birthText, out var parsedBirth))
            {
                birthDate = parsedBirth;
            }
            else
            {
                Fail(BirthDateColumn, t["Import_BadDate", birthText]);
            }

            var classId = 0;
            var classText = Cell(ClassColumn);
            if (classText.Length == 0)
            {
                Fail(ClassColumn, t["Import_Required", ClassColumn]);
            }
            else if (!ClassNames.TryParse(classText, out var grade, out var classNumber))
            {
                Fail(ClassColumn, t["Import_BadClass", classText]);
            }
            else
            {
                var (section, entryYear) = ClassNames.Locate(grade, school.Year);
                if (!school.ClassIds.TryGetValue((section, entryYear, classNumber), out classId))
                {
                    Fail(ClassColumn, t["Import_UnknownClass", classText]);
                }

                if (birthDate is { } birth)
                {
                    var (usualFrom, usualTo) = UsualBirthDates(grade, school.Year);
                    if (birth < usualFrom.AddYears(-BirthYearsTolerance) || birth > usualTo.AddYears(BirthYearsTolerance))
                    {
                        Fail(BirthDateColumn, t["StudentImport_BirthDateForGrade", birthText, classText,
                            PortalCultures.Date(usualFrom), PortalCultures.Date(usualTo), BirthYearsTolerance]);
                    }
                }
            }

            var keyPopulations = KeyPopulations.None;
            foreach (var word in Cell(KeyPopulationsColumn).Split(KeyPopulationSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (KeyPopulationWords.TryGetValue(word, out var flag))
                {
                    keyPopulations |= flag;
                }
                else
                {
                    Fail(KeyPopulationsColumn, t["StudentImport_BadKeyPopulation", word]);
                }
            }

            foreach (var (groupName, flag) in KeyPopulationNames)
            {
                if (column[groupName] < 0)
                {
                    continue;
                }

                var value = Cell(groupName);
                if (!StaffRoster.TryYesNo(value, out var yes))
                {
                    Fail(groupName, t["Import_BadYesNo", groupName, value]);
                }
                else if (yes)
                {
                    keyPopulations |= flag;
                }
            }

            var relationshipText = Cell(RelationshipColumn);
            var relationship = relationshipText switch
            {
                "" or "未了解" or "未知" or "不了解" or "-" or "—" => ParentChildRelationship.Unknown,
                "融洽" => ParentChildRelationship.Good,
                "一般" => ParentChildRelationship.Fair,
                "紧张" => ParentChildRelationship.Strained,
                "疏离" => ParentChildRelationship.Distant,
                _ => BadRelationship(),
            };

            ParentChildRelationship BadRelationship()
            {
                Fail(RelationshipColumn, t["StudentImport_BadRelationship", relationshipText]);
                return ParentChildRelationship.Unknown;
            }

            var familyChanges = Cell(FamilyChangesColumn);
            if (familyChanges.Length > MaxFamilyChangesLength)
            {
                Fail(FamilyChangesColumn, t["StudentImport_TooLong", FamilyChangesColumn, MaxFamilyChangesLength]);
            }

            var guardian = Cell(GuardianColumn);
            if (guardian.Length > MaxGuardianNameLength)
            {
                Fail(GuardianColumn, t["StudentImport_TooLong", GuardianColumn, MaxGuardianNameLength]);
            }

            if (Cell(SchoolCodeColumn) is { Length: > 0 } code && code != school.SchoolCode)
            {
                Fail(SchoolCodeColumn, t["Import_OtherSchool", code]);
            }

            if (rowErrors.Count == 0 && birthDate is { } birthDay)
            {
                try
                {
                    // The domain's own rules (name length, birth date, guardian phone …) checked row by row.
                    students.Add(new Student(school.SchoolId, classId, new StudentProfile(
                        number, name, gender, birthDay, keyPopulations, relationship, familyChanges, guardian, Cell(GuardianPhoneColumn))));
                }
                catch (DomainRuleException e)
                {
                    Fail(ColumnOf(e.Code), labels.RuleViolation(e));
                }
            }

            errors.AddRange(rowErrors);
        }

        return new Result(errors.Count == 0 ? students : [], errors);
    }

    private static string ColumnOf(string ruleCode) => ruleCode switch
    {
        "Student_NumberInvalid" => NumberColumn,
        "Student_NameInvalid" => NameColumn,
        "Student_BirthDateInvalid" => BirthDateColumn,
        "Student_PhoneInvalid" => GuardianPhoneColumn,
        _ => "",
    };

    private static Dictionary<string, KeyPopulations> BuildKeyPopulationWords()
    {
        var words = KeyPopulationNames.ToDictionary(p => p.Name, p => p.Flag, StringComparer.Ordinal);
        words["经济困难"] = KeyPopulations.EconomicHardship;
        words["家庭经济困难学生"] = KeyPopulations.EconomicHardship;
        words["随迁子女"] = KeyPopulations.MigrantChild;
        words["进城务工随迁子女"] = KeyPopulations.MigrantChild;
        words["单亲家庭"] = KeyPopulations.SingleParent;
        words["单亲"] = KeyPopulations.SingleParent;
        words["无"] = KeyPopulations.None;
        words["否"] = KeyPopulations.None;
        words["-"] = KeyPopulations.None;
        words["—"] = KeyPopulations.None;
        return words;
    }
}
