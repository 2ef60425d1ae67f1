using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Screening;

/// <summary>普测 — a school's screening of all its students in one term with one instrument.</summary>
public class ScreeningCampaign
{
    private ScreeningCampaign()
    {
    }

    public ScreeningCampaign(int schoolId, string name, Instrument instrument, DateOnly startsOn, DateOnly endsOn)
    {
        SchoolId = schoolId;
        Change(name, instrument, startsOn, endsOn);
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public string Name { get; private set; } = "";

    public Instrument Instrument { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public int SchoolYear { get; private set; }

    /// <summary>1 = 第一学期 (Sep–Jan), 2 = 第二学期 (Feb–Aug).</summary>
    public int Term { get; private set; }

    public void Change(string name, Instrument instrument, DateOnly startsOn, DateOnly endsOn)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 60)
        {
            throw new DomainRuleException("Campaign_NameInvalid");
        }

        if (endsOn < startsOn)
        {
            throw new DomainRuleException("Campaign_EndsBeforeStart");
        }

        var year = City.SchoolYear.Containing(startsOn);
        if (!year.Contains(endsOn))
        {
            throw new DomainRuleException("Campaign_SpansSchoolYears");
        }

        Name = name;
        Instrument = instrument;
        StartsOn = startsOn;
        EndsOn = endsOn;
        SchoolYear = year.StartYear;
        Term = TermOf(startsOn);
    }

    public bool Covers(DateOnly date) => date >= StartsOn && date <= EndsOn;

    public static int TermOf(DateOnly date) => date.Month is >= 2 and < 9 ? 2 : 1;
}

/// <summary>导入批次 — one imported file: who, when, which file (its SHA-256 refuses a second import).</summary>
public class ImportBatch
{
    private ImportBatch()
    {
    }

    public ImportBatch(int schoolId, string fileName, string sha256, int rows, string importedBy, DateTimeOffset importedAt)
    {
        SchoolId = schoolId;
        FileName = fileName.Length > 200 ? fileName[..200] : fileName;
        Sha256 = sha256;
        Rows = rows;
        ImportedBy = importedBy;
        ImportedAt = importedAt;
    }

    public long Id { get; private set; }

    public int SchoolId { get; private set; }

    public string FileName { get; private set; } = "";

    public string Sha256 { get; private set; } = "";

    public int Rows { get; private set; }

    public string ImportedBy { get; private set; } = "";

    public DateTimeOffset ImportedAt { get; private set; }
}
