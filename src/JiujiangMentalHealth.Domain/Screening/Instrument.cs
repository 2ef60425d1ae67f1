namespace JiujiangMentalHealth.Domain.Screening;

/// <summary>量表 — the screening instruments the portal scores or imports.</summary>
public enum Instrument
{
    /// <summary>PHQ-9 患者健康问卷（抑郁）</summary>
    Phq9 = 1,

    /// <summary>GAD-7 广泛性焦虑量表</summary>
    Gad7 = 2,

    /// <summary>MHT 心理健康诊断测验（周步成）</summary>
    Mht = 3,

    /// <summary>赣鄱心理测评系统 result: the warning level comes from the provincial system's export.</summary>
    Provincial = 4,
}

/// <summary>
/// 预警等级 — 一级 is the most serious. The numeric value is the support tier it suggests
/// (一级 → 一级帮扶 三包一); None suggests no tier.
/// </summary>
public enum WarningLevel
{
    /// <summary>无预警</summary>
    None = 0,

    /// <summary>一级预警 (most serious) → tier 1</summary>
    Level1 = 1,

    /// <summary>二级预警 → tier 2</summary>
    Level2 = 2,

    /// <summary>三级预警 → tier 3</summary>
    Level3 = 3,
}

/// <summary>
/// The outcome of scoring one sheet. <see cref="Band"/> is a resource key (e.g. "Phq9_Moderate"),
/// <see cref="Flags"/> are resource keys of things the counsellor must see (e.g. "Mht_Scale_学习焦虑").
/// </summary>
public sealed record ScreeningScore(
    Instrument Instrument,
    int? Total,
    IReadOnlyDictionary<string, int> Subscales,
    string Band,
    WarningLevel Warning,
    bool Crisis,
    bool Invalid,
    IReadOnlyList<string> Flags)
{
    /// <summary>The support tier the result suggests (1–3), or null for none.</summary>
    public int? SuggestedTier => Invalid || Warning == WarningLevel.None ? null : (int)Warning;
}
