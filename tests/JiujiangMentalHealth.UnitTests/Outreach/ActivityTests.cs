using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;

namespace JiujiangMentalHealth.UnitTests.Outreach;

public class ActivityTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static ActivityDetails Details(DateOnly? heldOn = null, int participants = 300, Audience audience = Audience.Students, string title = "“5·25”心理健康日主题活动") =>
        new(ActivityType.MentalHealthDay, title, heldOn ?? new DateOnly(2026, 5, 25), audience, participants, Grades: "  全校 ", PartnerNames: " ");

    private static string Refused(Func<object> action) => Assert.Throws<DomainRuleException>(action).Code;

    [Fact]
    public void A_school_activity_keeps_its_school_and_district_and_cleans_its_text()
    {
        var activity = new Activity(OrganiserLevel.School, 3, 17, Details(), "counsellor", Now, Today);

        Assert.Equal((3, 17), (activity.DistrictId, activity.SchoolId));
        Assert.Equal("全校", activity.Grades);
        Assert.Null(activity.PartnerNames);
        Assert.False(activity.IsPlanned(Today));
    }

    [Theory]
    [InlineData(OrganiserLevel.School, 3, null)]
    [InlineData(OrganiserLevel.School, null, 17)]
    [InlineData(OrganiserLevel.District, 3, 17)]
    [InlineData(OrganiserLevel.City, 3, null)]
    [InlineData(OrganiserLevel.Centre, null, 17)]
    public void An_organiser_names_exactly_its_own_units(OrganiserLevel level, int? district, int? school) =>
        Assert.Throws<ArgumentException>(() => new Activity(level, district, school, Details(), "x", Now, Today));

    [Fact]
    public void Bad_input_is_refused_with_a_rule_the_user_can_read()
    {
        Assert.Equal("Activity_TitleInvalid", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(title: "  "), "x", Now, Today)));
        Assert.Equal("Activity_TitleInvalid", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(title: new string('活', 101)), "x", Now, Today)));
        Assert.Equal("Activity_AudienceRequired", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(audience: Audience.None), "x", Now, Today)));
        Assert.Equal("Activity_AudienceRequired", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(audience: (Audience)8), "x", Now, Today)));
        Assert.Equal("Activity_ParticipantsOutOfRange", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(participants: -1), "x", Now, Today)));
        Assert.Equal("Activity_ParticipantsOutOfRange", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(participants: Activity.MaxParticipants + 1), "x", Now, Today)));
        Assert.Equal("Activity_DateOutOfRange", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(heldOn: Today.AddYears(1).AddDays(1)), "x", Now, Today)));
        Assert.Equal("Activity_DateOutOfRange", Refused(() => new Activity(OrganiserLevel.City, null, null, Details(heldOn: new DateOnly(1999, 5, 25)), "x", Now, Today)));
    }

    [Fact]
    public void A_planned_activity_has_no_participants_until_it_took_place()
    {
        var nextMay = new DateOnly(2027, 5, 25);
        Assert.Equal("Activity_PlannedHasNoParticipants", Refused(() => new Activity(OrganiserLevel.School, 1, 1, Details(heldOn: nextMay, participants: 10), "x", Now, Today)));

        var planned = new Activity(OrganiserLevel.School, 1, 1, Details(heldOn: nextMay, participants: 0), "x", Now, Today);
        Assert.True(planned.IsPlanned(Today));

        // Afterwards the school fills in how many took part.
        var later = new DateOnly(2027, 5, 26);
        planned.Change(Details(heldOn: nextMay, participants: 820), Now.AddMonths(6), later);
        Assert.Equal(820, planned.Participants);
        Assert.False(planned.IsPlanned(later));
    }

    [Fact]
    public void Grades_are_kept_only_for_an_audience_of_students()
    {
        var parents = new Activity(OrganiserLevel.School, 1, 1, Details(audience: Audience.Parents), "x", Now, Today);
        Assert.Null(parents.Grades);
    }
}

public class OutreachCalendarTests
{
    [Fact]
    public void Every_year_marks_525_1010_and_the_activity_month()
    {
        var marks = OutreachCalendar.MarkedSpans(2027);

        Assert.Contains(marks, m => m.From == new DateOnly(2027, 5, 25) && m.To == m.From && m.SuggestedType == ActivityType.MentalHealthDay);
        Assert.Contains(marks, m => m.From == new DateOnly(2027, 10, 10) && m.SuggestedType == ActivityType.WorldMentalHealthDay);
        Assert.Contains(marks, m => m.From == new DateOnly(2027, 5, 1) && m.To == new DateOnly(2027, 5, 31) && m.SuggestedType == ActivityType.ActivityMonth);
    }

    [Fact]
    public void On_525_the_day_comes_before_the_month_it_falls_in()
    {
        var marks = OutreachCalendar.MarksOn(new DateOnly(2026, 5, 25));

        Assert.Equal(["Calendar_Day525", "Calendar_ActivityMonth"], marks.Select(m => m.Key));
        Assert.Empty(OutreachCalendar.MarksOn(new DateOnly(2026, 6, 1)));
    }

    [Theory]
    [InlineData(2026, 5, 4, 5)]   // 1 May 2026 is a Friday: four blanks, five weeks
    [InlineData(2026, 2, 6, 5)]   // 1 Feb 2026 is a Sunday
    [InlineData(2027, 2, 0, 4)]   // 1 Feb 2027 is a Monday, 28 days: exactly four weeks
    public void A_month_is_laid_out_in_weeks_from_Monday(int year, int month, int blanks, int weeks)
    {
        var layout = OutreachCalendar.Weeks(year, month);

        Assert.Equal(weeks, layout.Count);
        Assert.All(layout, w => Assert.Equal(7, w.Count));
        Assert.Equal(blanks, layout[0].TakeWhile(d => d is null).Count());
        Assert.Equal(new DateOnly(year, month, 1), layout[0][blanks]);
        Assert.Equal(DateTime.DaysInMonth(year, month), layout.SelectMany(w => w).Count(d => d is not null));
        Assert.All(layout.SelectMany(w => w.Take(1)).OfType<DateOnly>(), d => Assert.Equal(DayOfWeek.Monday, d.DayOfWeek));
    }
}
