using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;

namespace JiujiangMentalHealth.UnitTests.Outreach;

public class ConsultationTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static ConsultationDetails Call(ConsultationReferral referral = ConsultationReferral.None, string? to = null, int minutes = 30, DateOnly? on = null) =>
        new(ConsultationChannel.Hotline, on ?? Today, ClientKind.Parent, ConsultationTopic.ParentChild, minutes, AgeBand.Adult, Referral: referral, ReferredTo: to, Notes: "  ");

    [Fact]
    public void A_hotline_call_needs_no_student_and_no_school()
    {
        var call = new Consultation(Call(), "centre", Now, Today);

        Assert.Null(call.SchoolId);
        Assert.Null(call.Notes);
        Assert.Equal(ConsultationChannel.Hotline, call.Channel);
        Assert.DoesNotContain(typeof(Consultation).GetProperties(), p => p.Name.Contains("Student", StringComparison.Ordinal) || p.Name.Contains("Name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_referral_says_where_to_and_no_referral_keeps_no_destination()
    {
        Assert.Equal("Consultation_ReferralNeedsPlace", Assert.Throws<DomainRuleException>(() => new Consultation(Call(ConsultationReferral.Hospital, " "), "c", Now, Today)).Code);

        var referred = new Consultation(Call(ConsultationReferral.Hospital, "九江市第五人民医院"), "c", Now, Today);
        Assert.Equal("九江市第五人民医院", referred.ReferredTo);

        referred.Change(Call(ConsultationReferral.None, "九江市第五人民医院"), Today);
        Assert.Null(referred.ReferredTo);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Consultation.MaxMinutes + 1)]
    public void Minutes_are_between_one_and_ten_hours(int minutes) =>
        Assert.Equal("Consultation_MinutesOutOfRange", Assert.Throws<DomainRuleException>(() => new Consultation(Call(minutes: minutes), "c", Now, Today)).Code);

    [Fact]
    public void A_consultation_cannot_be_logged_ahead_of_time() =>
        Assert.Equal("Consultation_DateOutOfRange", Assert.Throws<DomainRuleException>(() => new Consultation(Call(on: Today.AddDays(1)), "c", Now, Today)).Code);

    [Fact]
    public void A_member_leaves_after_joining_and_is_then_no_longer_active()
    {
        var member = new CentreMember("周晓燕", CentreRole.FullTimeStaff, null, null, new DateOnly(2020, 9, 1));
        Assert.True(member.IsStaff);
        Assert.Equal("Centre_LeftBeforeJoined", Assert.Throws<DomainRuleException>(() => member.Leave(new DateOnly(2020, 8, 31))).Code);

        member.Leave(new DateOnly(2026, 7, 1));
        Assert.True(member.IsActiveOn(new DateOnly(2026, 6, 30)));
        Assert.False(member.IsActiveOn(new DateOnly(2026, 7, 1)));
        Assert.False(new CentreMember("王老师", CentreRole.Volunteer, 5, null, Today).IsStaff);
    }

    [Fact]
    public void A_touring_lecture_has_a_topic_an_audience_and_no_participants_before_it_is_held()
    {
        Assert.Equal("FamilyLecture_TopicInvalid", Assert.Throws<DomainRuleException>(() => new FamilyLecture(1, 2, Today, " ", Audience.Parents, 10, Today)).Code);
        Assert.Equal("Activity_AudienceRequired", Assert.Throws<DomainRuleException>(() => new FamilyLecture(1, 2, Today, "家校共育", Audience.None, 10, Today)).Code);
        Assert.Equal("Activity_PlannedHasNoParticipants", Assert.Throws<DomainRuleException>(() => new FamilyLecture(1, 2, Today.AddDays(3), "家校共育", Audience.Parents, 10, Today)).Code);
        Assert.Equal(120, new FamilyLecture(1, 2, Today, "家校共育", Audience.Parents, 120, Today).Participants);
    }
}

public class ActivityPhotoTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Fact]
    public void The_type_comes_from_the_files_own_bytes()
    {
        Assert.Equal("image/png", ActivityPhoto.Sniff(Png));
        Assert.Equal("image/jpeg", ActivityPhoto.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal("image/webp", ActivityPhoto.Sniff("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Null(ActivityPhoto.Sniff("<svg onload=alert(1)>"u8));
        Assert.Null(ActivityPhoto.Sniff("GIF89a"u8));
    }

    [Fact]
    public void A_photo_is_an_image_of_at_most_two_megabytes_and_six_per_activity()
    {
        Assert.Equal("ActivityPhoto_NotAnImage", Assert.Throws<DomainRuleException>(() => ActivityPhoto.Create(1, "a.jpg", "not a photo"u8.ToArray(), 0, "x", Now)).Code);
        Assert.Equal("ActivityPhoto_TooLarge", Assert.Throws<DomainRuleException>(() => ActivityPhoto.Create(1, "a.png", [.. Png, .. new byte[ActivityPhoto.MaxBytes]], 0, "x", Now)).Code);
        Assert.Equal("ActivityPhoto_TooMany", Assert.Throws<DomainRuleException>(() => ActivityPhoto.Create(1, "a.png", Png, ActivityPhoto.MaxPerActivity, "x", Now)).Code);

        var photo = ActivityPhoto.Create(1, "../../etc/合影.png", Png, 5, "x", Now);
        Assert.Equal(("合影.png", "image/png", Png.Length), (photo.FileName, photo.ContentType, photo.Size));
    }
}
