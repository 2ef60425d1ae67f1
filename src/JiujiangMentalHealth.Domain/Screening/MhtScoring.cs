using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Screening;

/// <summary>
/// MHT 心理健康诊断测验 (周步成 1991, adapted from 铃木清's 不安倾向诊断检查): 100 yes/no items,
/// A (是) = 1, B (否) = 0; eight content scales plus a ten-item lie scale (效度量表).
/// </summary>
/// <remarks>
/// <para>
/// Raw and standard scores. The manual turns each content-scale raw score into a standard score
/// (标准分, 1–10) with norm tables by grade and gender, and reads its cut-offs on that scale. The
/// portal does not hold those tables, so EVERY score here is a RAW score (number of 是 answers):
/// the eight content scales (0–15 / 0–10), the lie scale (0–10) and the total anxiety tendency
/// (总焦虑倾向, the sum of the eight content scales, 0–90). The cut-offs (lie ≥ 7, scale ≥ 8,
/// total ≥ 56 / ≥ 65) are applied to raw scores, which is how schools commonly score the MHT by
/// hand and what PRODUCT.md R3 asks for; a counsellor comparing with a printed report must know
/// that a printed 标准分 is not the same number.
/// </para>
/// <para>
/// Item assignment. Content scales are consecutive blocks 1–15, 16–25, 26–35, 36–45, 46–55,
/// 56–70, 71–80; the last twenty items alternate: odd 81–99 are 冲动倾向, even 82–100 are the lie
/// scale. Checked against:
/// http://www.yxjyw.cn/lxjk/xljk/31753.html (lie items 第82、84…100项, 7 分以上作废重测, total =
/// all items minus the lie items) and the scoring engine of github.com/houqingchun/mht,
/// backend/app/scale_engine/engine.py (`dimension_for_question`: the same blocks and
/// 冲动倾向 = 81, 83 … 99; validity = 82, 84 … 100). The published item texts agree: items 1–8
/// are all about lessons and exams (学习焦虑). No source found disagrees.
/// </para>
/// </remarks>
public static class MhtScoring
{
    public const int Items = 100;

    /// <summary>效度量表 raw score from which the sheet is void (the manual: "7分以上…作废").</summary>
    public const int LieInvalidFrom = 7;

    /// <summary>A content scale is flagged from this raw score ("8分以上" is a high score).</summary>
    public const int ScaleFlagFrom = 8;

    /// <summary>总焦虑倾向 from which the student needs attention (56–64).</summary>
    public const int AttentionFrom = 56;

    /// <summary>总焦虑倾向 from which the student needs a personal guidance plan (个人指导计划).</summary>
    public const int GuidancePlanFrom = 65;

    /// <summary>The eight content scales in the manual's order, with their 1-based item numbers.</summary>
    public static IReadOnlyList<(string Scale, IReadOnlyList<int> Items)> Scales { get; } =
    [
        ("学习焦虑", Block(1, 15)),
        ("对人焦虑", Block(16, 25)),
        ("孤独倾向", Block(26, 35)),
        ("自责倾向", Block(36, 45)),
        ("过敏倾向", Block(46, 55)),
        ("身体症状", Block(56, 70)),
        ("恐怖倾向", Block(71, 80)),
        ("冲动倾向", [81, 83, 85, 87, 89, 91, 93, 95, 97, 99]),
    ];

    /// <summary>效度量表 (lie scale) item numbers, 1-based.</summary>
    public static IReadOnlyList<int> LieItems { get; } = [82, 84, 86, 88, 90, 92, 94, 96, 98, 100];

    /// <summary>
    /// Scores one sheet: <paramref name="answers"/> holds item 1 … 100 in order, each 1 (是) or 0 (否).
    /// A void sheet (lie ≥ 7) carries no total and no subscales, because nothing on it may be read;
    /// otherwise Subscales are the eight raw content-scale scores and Total the raw 总焦虑倾向.
    /// MHT never raises a crisis: it measures anxiety tendency, with no item on self-harm.
    /// </summary>
    public static ScreeningScore Score(IReadOnlyList<int> answers)
    {
        Validate(answers);

        if (Sum(answers, LieItems) >= LieInvalidFrom)
        {
            return new ScreeningScore(
                Instrument.Mht, null, new Dictionary<string, int>(), "Mht_Invalid", WarningLevel.None,
                Crisis: false, Invalid: true, ["Mht_RetestAdvised"]);
        }

        var subscales = new Dictionary<string, int>();
        var flags = new List<string>();
        foreach (var (scale, items) in Scales)
        {
            var raw = Sum(answers, items);
            subscales.Add(scale, raw);
            if (raw >= ScaleFlagFrom)
            {
                flags.Add("Mht_Scale_" + scale);
            }
        }

        var total = subscales.Values.Sum();
        var (band, warning) = total switch
        {
            >= GuidancePlanFrom => ("Mht_GuidancePlan", WarningLevel.Level2),
            >= AttentionFrom => ("Mht_Attention", WarningLevel.Level3),
            // A normal total can still hide one high scale; it should reach a counsellor.
            _ => ("Mht_Normal", flags.Count > 0 ? WarningLevel.Level3 : WarningLevel.None),
        };

        return new ScreeningScore(
            Instrument.Mht, total, subscales.AsReadOnly(), band, warning,
            Crisis: false, Invalid: false, flags.AsReadOnly());
    }

    /// <summary>The raw 效度量表 score (0–10) of a sheet, for display next to a void result.</summary>
    public static int LieScore(IReadOnlyList<int> answers)
    {
        Validate(answers);
        return Sum(answers, LieItems);
    }

    private static void Validate(IReadOnlyList<int> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);

        // A partial sheet cannot be scored: an unanswered item would silently count as 否.
        if (answers.Count != Items)
        {
            throw new DomainRuleException("Screening_WrongItemCount", Items);
        }

        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is not (0 or 1))
            {
                throw new DomainRuleException("Screening_AnswerOutOfRange", i + 1);
            }
        }
    }

    private static int Sum(IReadOnlyList<int> answers, IReadOnlyList<int> items) =>
        items.Sum(item => answers[item - 1]);

    private static IReadOnlyList<int> Block(int first, int last) => [.. Enumerable.Range(first, last - first + 1)];
}
