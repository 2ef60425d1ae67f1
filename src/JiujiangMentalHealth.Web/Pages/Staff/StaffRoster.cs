using System.Globalization;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Staff;

/// <summary>
/// 教职工名册导入 — reads a roster table into staff members of one school. All or nothing: every
/// row is checked (its line, column and reason in the user's language) and nothing is saved
/// unless every row is right.
/// </summary>
public sealed class StaffRoster(IStringLocalizer<SharedResource> t, Labels labels)
{
    public static readonly string[] Headers =
        ["姓名", "性别", "工号", "校级领导", "骨干教师", "专任教师", "心理健康教师", "班主任班级", "心理学专业背景", "资格证书", "任职日期", "学校标识码"];

    public sealed record RowError(int Line, string Column, string Reason);

    public sealed record SchoolContext(
        string SchoolCode,
        SchoolYear Year,
        IReadOnlyDictionary<(SchoolSection Section, int EntryYear, int Number), int> ClassIds,
        IReadOnlySet<string> ExistingNumbers,
        IReadOnlySet<string> ExistingNamesWithoutNumber);

    public sealed record Result(IReadOnlyList<StaffDetails> Staff, IReadOnlyList<RowError> Errors);

    public Result Read(TabularTable table, SchoolContext school)
    {
        var errors = new List<RowError>();
        var column = new Dictionary<string, int>();
        foreach (var header in Headers)
        {
            column[header] = table.ColumnIndex(header);
        }

        foreach (var required in new[] { "姓名", "性别" })
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

        var staff = new List<StaffDetails>();
        var numbersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var namesInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var rowErrors = new List<RowError>();
            string Cell(string header) => column[header] < 0 ? "" : row[column[header]].Trim();
            void Fail(string header, string reason) => rowErrors.Add(new RowError(row.LineNumber, header, reason));

            var name = Cell("姓名");
            if (name.Length == 0)
            {
                Fail("姓名", t["Import_Required", "姓名"]);
            }

            Gender gender = default;
            switch (Cell("性别"))
            {
                case "男" or "M" or "m" or "男性":
                    gender = Gender.Male;
                    break;
                case "女" or "F" or "f" or "女性":
                    gender = Gender.Female;
                    break;
                default:
                    Fail("性别", t["Import_BadGender", Cell("性别")]);
                    break;
            }

            bool YesNo(string header)
            {
                var value = Cell(header);
                if (TryYesNo(value, out var yes))
                {
                    return yes;
                }

                Fail(header, t["Import_BadYesNo", header, value]);
                return false;
            }

            var leader = YesNo("校级领导");
            var key = YesNo("骨干教师");
            var subject = YesNo("专任教师");
            var major = YesNo("心理学专业背景");
            var post = Cell("心理健康教师") switch
            {
                "专职" => PsychologyPost.FullTime,
                "兼职" => PsychologyPost.PartTime,
                "" or "否" or "无" or "-" or "—" => PsychologyPost.None,
                var other => Invalid(other),
            };

            PsychologyPost Invalid(string value)
            {
                Fail("心理健康教师", t["Import_BadPost", value]);
                return PsychologyPost.None;
            }

            var classIds = new List<int>();
            foreach (var text in Cell("班主任班级").Split([';', '；', '、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!ClassNames.TryParse(text, out var grade, out var number))
                {
                    Fail("班主任班级", t["Import_BadClass", text]);
                    continue;
                }

                var (section, entryYear) = ClassNames.Locate(grade, school.Year);
                if (school.ClassIds.TryGetValue((section, entryYear, number), out var classId))
                {
                    classIds.Add(classId);
                }
                else
                {
                    Fail("班主任班级", t["Import_UnknownClass", text]);
                }
            }

            DateOnly? joined = null;
            if (Cell("任职日期") is { Length: > 0 } dateText)
            {
                if (TryDate(dateText, out var date))
                {
                    joined = date;
                }
                else
                {
                    Fail("任职日期", t["Import_BadDate", dateText]);
                }
            }

            if (Cell("学校标识码") is { Length: > 0 } code && code != school.SchoolCode)
            {
                Fail("学校标识码", t["Import_OtherSchool", code]);
            }

            var staffNumber = Cell("工号");
            if (staffNumber.Length > 0)
            {
                if (numbersInFile.TryGetValue(staffNumber, out var firstLine))
                {
                    Fail("工号", t["Import_DuplicateNumberInFile", staffNumber, firstLine]);
                }
                else
                {
                    numbersInFile[staffNumber] = row.LineNumber;
                }

                if (school.ExistingNumbers.Contains(staffNumber))
                {
                    Fail("工号", t["Import_NumberExists", staffNumber]);
                }
            }
            else if (name.Length > 0)
            {
                if (namesInFile.TryGetValue(name, out var firstLine))
                {
                    Fail("姓名", t["Import_DuplicateNameInFile", name, firstLine]);
                }
                else
                {
                    namesInFile[name] = row.LineNumber;
                }

                if (school.ExistingNamesWithoutNumber.Contains(name))
                {
                    Fail("姓名", t["Import_NameExists", name]);
                }
            }

            var details = new StaffDetails(name, gender, staffNumber, leader, key, subject, post, major,
                Cell("资格证书"), joined, null, classIds);
            if (rowErrors.Count == 0)
            {
                try
                {
                    // The domain's own rules (a role at least, name length …) checked row by row.
                    _ = new StaffMember(0, details);
                    staff.Add(details);
                }
                catch (DomainRuleException e)
                {
                    Fail("", labels.RuleViolation(e));
                }
            }

            errors.AddRange(rowErrors);
        }

        return new Result(errors.Count == 0 ? staff : [], errors);
    }

    public static bool TryYesNo(string value, out bool yes)
    {
        switch (value.Trim())
        {
            case "是" or "√" or "✓" or "Y" or "y" or "1" or "true" or "TRUE":
                yes = true;
                return true;
            case "" or "否" or "×" or "N" or "n" or "0" or "false" or "FALSE" or "-" or "—":
                yes = false;
                return true;
            default:
                yes = false;
                return false;
        }
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
