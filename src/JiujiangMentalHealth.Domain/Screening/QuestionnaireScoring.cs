using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Screening;

/// <summary>
/// PHQ-9 and GAD-7: items scored 0–3, bands by total (Kroenke 2001; Spitzer 2006). How a band
/// maps to the portal's warning levels is the portal's rule (docs/decisions/0005): a screening
/// is positive from "moderate" (total ≥ 10), as in the instruments' validation studies.
/// </summary>
public static class QuestionnaireScoring
{
    public const int Phq9Items = 9;
    public const int Gad7Items = 7;

    /// <summary>
    /// PHQ-9: 5/10/15/20 = mild/moderate/moderately severe/severe. Item 9 (thoughts that you would
    /// be better off dead or of hurting yourself) above 0 raises the crisis flag at once and a
    /// 一级 warning, whatever the total.
    /// </summary>
    public static ScreeningScore Phq9(IReadOnlyList<int> answers)
    {
        var total = Total(answers, Phq9Items);
        var (band, warning) = total switch
        {
            >= 20 => ("Phq9_Severe", WarningLevel.Level1),
            >= 15 => ("Phq9_ModeratelySevere", WarningLevel.Level2),
            >= 10 => ("Phq9_Moderate", WarningLevel.Level3),
            >= 5 => ("Phq9_Mild", WarningLevel.None),
            _ => ("Phq9_Minimal", WarningLevel.None),
        };
        var crisis = answers[8] > 0;
        return new ScreeningScore(
            Instrument.Phq9, total, new Dictionary<string, int>(), band,
            crisis ? WarningLevel.Level1 : warning, crisis, Invalid: false,
            crisis ? ["Phq9_Item9Crisis"] : []);
    }

    /// <summary>GAD-7: 5/10/15 = mild/moderate/severe.</summary>
    public static ScreeningScore Gad7(IReadOnlyList<int> answers)
    {
        var total = Total(answers, Gad7Items);
        var (band, warning) = total switch
        {
            >= 15 => ("Gad7_Severe", WarningLevel.Level2),
            >= 10 => ("Gad7_Moderate", WarningLevel.Level3),
            >= 5 => ("Gad7_Mild", WarningLevel.None),
            _ => ("Gad7_Minimal", WarningLevel.None),
        };
        return new ScreeningScore(Instrument.Gad7, total, new Dictionary<string, int>(), band, warning, false, false, []);
    }

    /// <summary>
    /// A result of the provincial system (赣鄱心理测评系统): its warning level is taken as given;
    /// the total score, when the export has one, is kept for reference.
    /// </summary>
    public static ScreeningScore Provincial(WarningLevel level, int? total)
    {
        if (total is < 0 or > 1000)
        {
            throw new DomainRuleException("Screening_TotalOutOfRange");
        }

        return new ScreeningScore(Instrument.Provincial, total, new Dictionary<string, int>(), "Provincial_" + level, level, false, false, []);
    }

    private static int Total(IReadOnlyList<int> answers, int items)
    {
        if (answers.Count != items)
        {
            throw new DomainRuleException("Screening_WrongItemCount", items);
        }

        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is < 0 or > 3)
            {
                throw new DomainRuleException("Screening_AnswerOutOfRange", i + 1);
            }
        }

        return answers.Sum();
    }
}
