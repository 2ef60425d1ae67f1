using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;

namespace JiujiangMentalHealth.UnitTests.Screening;

public class QuestionnaireScoringTests
{
    /// <summary>A sheet with the given total spread over items 1–8 (item 9 stays 0 unless set).</summary>
    private static int[] Phq9(int total, int item9 = 0)
    {
        var answers = new int[9];
        answers[8] = item9;
        total -= item9;
        for (var i = 0; i < 8 && total > 0; i++)
        {
            answers[i] = Math.Min(3, total);
            total -= answers[i];
        }

        return answers;
    }

    private static int[] Gad7(int total)
    {
        var answers = new int[7];
        for (var i = 0; i < 7 && total > 0; i++)
        {
            answers[i] = Math.Min(3, total);
            total -= answers[i];
        }

        return answers;
    }

    [Theory]
    [InlineData(0, "Phq9_Minimal", WarningLevel.None)]
    [InlineData(4, "Phq9_Minimal", WarningLevel.None)]
    [InlineData(5, "Phq9_Mild", WarningLevel.None)]
    [InlineData(9, "Phq9_Mild", WarningLevel.None)]
    [InlineData(10, "Phq9_Moderate", WarningLevel.Level3)]
    [InlineData(14, "Phq9_Moderate", WarningLevel.Level3)]
    [InlineData(15, "Phq9_ModeratelySevere", WarningLevel.Level2)]
    [InlineData(19, "Phq9_ModeratelySevere", WarningLevel.Level2)]
    [InlineData(20, "Phq9_Severe", WarningLevel.Level1)]
    [InlineData(24, "Phq9_Severe", WarningLevel.Level1)]
    public void Phq9_bands_at_every_edge(int total, string band, WarningLevel warning)
    {
        var score = QuestionnaireScoring.Phq9(Phq9(total));
        Assert.Equal(total, score.Total);
        Assert.Equal(band, score.Band);
        Assert.Equal(warning, score.Warning);
        Assert.False(score.Crisis);
    }

    [Fact]
    public void Phq9_item_9_above_zero_raises_the_crisis_flag_whatever_the_total()
    {
        var score = QuestionnaireScoring.Phq9(Phq9(1, item9: 1));
        Assert.Equal(1, score.Total);
        Assert.Equal("Phq9_Minimal", score.Band);
        Assert.True(score.Crisis);
        Assert.Equal(WarningLevel.Level1, score.Warning);
        Assert.Equal(1, score.SuggestedTier);
        Assert.Contains("Phq9_Item9Crisis", score.Flags);
    }

    [Fact]
    public void Phq9_maximum_is_27()
    {
        var score = QuestionnaireScoring.Phq9([3, 3, 3, 3, 3, 3, 3, 3, 3]);
        Assert.Equal(27, score.Total);
        Assert.True(score.Crisis);
    }

    [Theory]
    [InlineData(0, "Gad7_Minimal", WarningLevel.None)]
    [InlineData(4, "Gad7_Minimal", WarningLevel.None)]
    [InlineData(5, "Gad7_Mild", WarningLevel.None)]
    [InlineData(9, "Gad7_Mild", WarningLevel.None)]
    [InlineData(10, "Gad7_Moderate", WarningLevel.Level3)]
    [InlineData(14, "Gad7_Moderate", WarningLevel.Level3)]
    [InlineData(15, "Gad7_Severe", WarningLevel.Level2)]
    [InlineData(21, "Gad7_Severe", WarningLevel.Level2)]
    public void Gad7_bands_at_every_edge(int total, string band, WarningLevel warning)
    {
        var score = QuestionnaireScoring.Gad7(Gad7(total));
        Assert.Equal((total, band, warning), (score.Total!.Value, score.Band, score.Warning));
        Assert.Equal(warning == WarningLevel.None ? null : (int)warning, score.SuggestedTier);
    }

    [Fact]
    public void Wrong_item_counts_and_answers_out_of_range_are_refused()
    {
        Assert.Equal("Screening_WrongItemCount", Assert.Throws<DomainRuleException>(() => QuestionnaireScoring.Phq9([1, 2, 3])).Code);
        var e = Assert.Throws<DomainRuleException>(() => QuestionnaireScoring.Gad7([0, 0, 4, 0, 0, 0, 0]));
        Assert.Equal("Screening_AnswerOutOfRange", e.Code);
        Assert.Equal(3, e.Arguments[0]);
        Assert.Throws<DomainRuleException>(() => QuestionnaireScoring.Phq9([0, 0, 0, 0, 0, 0, 0, 0, -1]));
    }

    [Theory]
    [InlineData(WarningLevel.Level1, 1)]
    [InlineData(WarningLevel.Level2, 2)]
    [InlineData(WarningLevel.Level3, 3)]
    [InlineData(WarningLevel.None, null)]
    public void A_provincial_level_suggests_its_tier(WarningLevel level, int? tier) =>
        Assert.Equal(tier, QuestionnaireScoring.Provincial(level, 42).SuggestedTier);
}
