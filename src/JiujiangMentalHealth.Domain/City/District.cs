using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.City;

/// <summary>县（市、区）— a county-level unit of Jiujiang, identified by its 6-digit administrative code.</summary>
public class District
{
    private District()
    {
    }

    public District(string code, string name, int sortOrder)
    {
        Code = ValidateCode(code);
        Rename(name);
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    /// <summary>行政区划代码, e.g. 360403 for 浔阳区.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int SortOrder { get; private set; }

    public void Rename(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 50)
        {
            throw new DomainRuleException("District_NameInvalid");
        }

        Name = name;
    }

    public void ChangeCode(string code) => Code = ValidateCode(code);

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    public static bool IsValidCode(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit);

    private static string ValidateCode(string code)
    {
        code = (code ?? "").Trim();
        return IsValidCode(code) ? code : throw new DomainRuleException("District_CodeInvalid");
    }
}
