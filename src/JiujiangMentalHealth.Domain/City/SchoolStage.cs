namespace JiujiangMentalHealth.Domain.City;

/// <summary>办学类型 — which sections (学段) a school teaches.</summary>
public enum SchoolStage
{
    /// <summary>小学</summary>
    Primary = 1,

    /// <summary>初中</summary>
    Junior = 2,

    /// <summary>高中</summary>
    Senior = 3,

    /// <summary>九年一贯制学校 (小学 + 初中)</summary>
    NineYear = 4,

    /// <summary>完全中学 (初中 + 高中)</summary>
    Complete = 5,

    /// <summary>十二年一贯制学校 (小学 + 初中 + 高中)</summary>
    TwelveYear = 6,
}

/// <summary>学段 — the section a class belongs to; grades are numbered 1–12 across sections.</summary>
public enum SchoolSection
{
    /// <summary>小学, grades 1–6</summary>
    Primary = 1,

    /// <summary>初中, grades 7–9</summary>
    Junior = 2,

    /// <summary>高中, grades 10–12</summary>
    Senior = 3,
}

public static class SchoolStageRules
{
    public static IReadOnlyList<SchoolSection> Sections(this SchoolStage stage) => stage switch
    {
        SchoolStage.Primary => [SchoolSection.Primary],
        SchoolStage.Junior => [SchoolSection.Junior],
        SchoolStage.Senior => [SchoolSection.Senior],
        SchoolStage.NineYear => [SchoolSection.Primary, SchoolSection.Junior],
        SchoolStage.Complete => [SchoolSection.Junior, SchoolSection.Senior],
        SchoolStage.TwelveYear => [SchoolSection.Primary, SchoolSection.Junior, SchoolSection.Senior],
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>The first grade (1–12) of a section: 小学 1, 初中 7, 高中 10.</summary>
    public static int FirstGrade(this SchoolSection section) => section switch
    {
        SchoolSection.Primary => 1,
        SchoolSection.Junior => 7,
        SchoolSection.Senior => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// <summary>How many years a section lasts: 小学 6, 初中 3, 高中 3.</summary>
    public static int Years(this SchoolSection section) => section == SchoolSection.Primary ? 6 : 3;
}
