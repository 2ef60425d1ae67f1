using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;

namespace JiujiangMentalHealth.UnitTests.Screening;

public class MhtScoringTests
{
    /// <summary>A 100-item sheet with the given item numbers (1-based) answered 是 and the rest 否.</summary>
    private static int[] Sheet(IEnumerable<int> yes)
    {
        var answers = new int[MhtScoring.Items];
        foreach (var item in yes)
        {
            answers[item - 1] = 1;
        }

        return answers;
    }

    private static IReadOnlyList<int> ItemsOf(string scale) => MhtScoring.Scales.Single(s => s.Scale == scale).Items;

    /// <summary>
    /// Content items giving <paramref name="total"/>, spread round-robin over the eight scales with
    /// at most <paramref name="cap"/> per scale, so band tests do not trip a scale flag by accident.
    /// </summary>
    private static List<int> ContentItems(int total, int cap = 7)
    {
        var chosen = new List<int>();
        var taken = new int[MhtScoring.Scales.Count];
        while (chosen.Count < total)
        {
            var before = chosen.Count;
            for (var s = 0; s < MhtScoring.Scales.Count && chosen.Count < total; s++)
            {
                var items = MhtScoring.Scales[s].Items;
                if (taken[s] < Math.Min(cap, items.Count))
                {
                    chosen.Add(items[taken[s]++]);
                }
            }

            if (chosen.Count == before)
            {
                throw new ArgumentOutOfRangeException(nameof(total), "The cap leaves too few items.");
            }
        }

        return chosen;
    }

    [Fact]
    public void Every_item_belongs_to_exactly_one_scale()
    {
        var all = MhtScoring.Scales.SelectMany(s => s.Items).Concat(MhtScoring.LieItems).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 100), all);
    }

    [Fact]
    public void Scales_have_the_manuals_names_and_sizes()
    {
        Assert.Equal(
            ["学习焦虑", "对人焦虑", "孤独倾向", "自责倾向", "过敏倾向", "身体症状", "恐怖倾向", "冲动倾向"],
            MhtScoring.Scales.Select(s => s.Scale));
        Assert.Equal([15, 10, 10, 10, 10, 15, 10, 10], MhtScoring.Scales.Select(s => s.Items.Count));
        Assert.Equal(10, MhtScoring.LieItems.Count);
        Assert.Equal([82, 84, 86, 88, 90, 92, 94, 96, 98, 100], MhtScoring.LieItems);
        Assert.Equal([81, 83, 85, 87, 89, 91, 93, 95, 97, 99], ItemsOf("冲动倾向"));
        Assert.Equal(Enumerable.Range(56, 15), ItemsOf("身体症状"));
    }

    [Theory]
    [InlineData(0, "Mht_Normal", WarningLevel.None)]
    [InlineData(55, "Mht_Normal", WarningLevel.None)]
    [InlineData(56, "Mht_Attention", WarningLevel.Level3)]
    public void Totals_below_64_band_without_any_flag(int total, string band, WarningLevel warning)
    {
        var score = MhtScoring.Score(Sheet(ContentItems(total)));

        Assert.Equal((total, band, warning), (score.Total!.Value, score.Band, score.Warning));
        Assert.Empty(score.Flags);
        Assert.False(score.Invalid);
        Assert.False(score.Crisis);
    }

    // 8 scales × 7 = 56, so a total of 64 or more always has a flagged scale: the band decides.
    [Theory]
    [InlineData(64, "Mht_Attention", WarningLevel.Level3)]
    [InlineData(65, "Mht_GuidancePlan", WarningLevel.Level2)]
    [InlineData(90, "Mht_GuidancePlan", WarningLevel.Level2)]
    public void High_totals_band_by_total(int total, string band, WarningLevel warning)
    {
        var score = MhtScoring.Score(Sheet(ContentItems(total, cap: 15)));

        Assert.Equal((total, band, warning), (score.Total!.Value, score.Band, score.Warning));
        Assert.Equal((int)warning, score.SuggestedTier);
        Assert.False(score.Crisis);
    }

    [Fact]
    public void Lie_score_of_6_keeps_the_sheet_valid()
    {
        var answers = Sheet(MhtScoring.LieItems.Take(6).Concat(ContentItems(30)));

        var score = MhtScoring.Score(answers);

        Assert.Equal(6, MhtScoring.LieScore(answers));
        Assert.False(score.Invalid);
        Assert.Equal((30, "Mht_Normal"), (score.Total!.Value, score.Band));
        Assert.DoesNotContain("Mht_RetestAdvised", score.Flags);
    }

    [Fact]
    public void Lie_score_of_7_voids_the_sheet()
    {
        var answers = Sheet(MhtScoring.LieItems.Take(7).Concat(ContentItems(30)));

        var score = MhtScoring.Score(answers);

        Assert.Equal(7, MhtScoring.LieScore(answers));
        Assert.True(score.Invalid);
        Assert.Equal("Mht_Invalid", score.Band);
        Assert.Equal(WarningLevel.None, score.Warning);
        Assert.Equal(["Mht_RetestAdvised"], score.Flags);
        Assert.Null(score.Total);
        Assert.Empty(score.Subscales);
        Assert.Null(score.SuggestedTier);
        Assert.False(score.Crisis);
    }

    [Fact]
    public void A_void_sheet_is_not_interpreted_however_high_its_total()
    {
        var score = MhtScoring.Score(Sheet(Enumerable.Range(1, 100)));

        Assert.True(score.Invalid);
        Assert.Equal(WarningLevel.None, score.Warning);
        Assert.Equal(["Mht_RetestAdvised"], score.Flags);
        Assert.Equal(10, MhtScoring.LieScore(Sheet(Enumerable.Range(1, 100))));
    }

    [Theory]
    [InlineData("学习焦虑")]
    [InlineData("对人焦虑")]
    [InlineData("孤独倾向")]
    [InlineData("自责倾向")]
    [InlineData("过敏倾向")]
    [InlineData("身体症状")]
    [InlineData("恐怖倾向")]
    [InlineData("冲动倾向")]
    public void A_content_scale_is_flagged_from_8(string scale)
    {
        var seven = MhtScoring.Score(Sheet(ItemsOf(scale).Take(7)));
        Assert.Equal(7, seven.Subscales[scale]);
        Assert.Empty(seven.Flags);
        Assert.Equal((WarningLevel.None, "Mht_Normal"), (seven.Warning, seven.Band));

        var eight = MhtScoring.Score(Sheet(ItemsOf(scale).Take(8)));
        Assert.Equal(8, eight.Subscales[scale]);
        Assert.Equal(["Mht_Scale_" + scale], eight.Flags);
        // A normal total with one high scale still reaches a counsellor.
        Assert.Equal((WarningLevel.Level3, "Mht_Normal", 8), (eight.Warning, eight.Band, eight.Total!.Value));
    }

    [Fact]
    public void Subscales_hold_the_eight_raw_scores_and_leave_the_lie_scale_out()
    {
        // Items 81 (冲动倾向) and 82 (lie) sit side by side; only 81 counts towards the total.
        var score = MhtScoring.Score(Sheet([1, 2, 16, 70, 81, 82]));

        Assert.Equal(8, score.Subscales.Count);
        Assert.Equal(2, score.Subscales["学习焦虑"]);
        Assert.Equal(1, score.Subscales["对人焦虑"]);
        Assert.Equal(1, score.Subscales["身体症状"]);
        Assert.Equal(1, score.Subscales["冲动倾向"]);
        Assert.Equal(0, score.Subscales["恐怖倾向"]);
        Assert.Equal(5, score.Total);
        Assert.Equal(Instrument.Mht, score.Instrument);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(99)]
    [InlineData(101)]
    public void A_sheet_needs_exactly_100_answers(int count)
    {
        var e = Assert.Throws<DomainRuleException>(() => MhtScoring.Score(new int[count]));
        Assert.Equal("Screening_WrongItemCount", e.Code);
        Assert.Equal(100, e.Arguments[0]);
        Assert.Equal("Screening_WrongItemCount", Assert.Throws<DomainRuleException>(() => MhtScoring.LieScore(new int[count])).Code);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Answers_other_than_0_or_1_are_refused_with_the_item_number(int answer)
    {
        var answers = new int[100];
        answers[36] = answer;

        var e = Assert.Throws<DomainRuleException>(() => MhtScoring.Score(answers));

        Assert.Equal("Screening_AnswerOutOfRange", e.Code);
        Assert.Equal(37, e.Arguments[0]);
    }
}
