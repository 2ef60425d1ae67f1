using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// Demo outreach (R9): a year of activities across the city — every school's 5·25 and 10·10 days,
/// the activity month and themed work, the bureaus' own campaigns and the centre's outreach — the
/// counselling centre's 18 staff and 15 volunteers with a year of anonymous consultations, and the
/// 52 family-education lecturers with their touring lectures. Deterministic (fixed seed); each
/// part is skipped when it already has data.
/// </summary>
public static class DemoOutreach
{
    public const int CentreStaff = 18;
    public const int CentreVolunteers = 15;
    public const int LecturerCount = 52;

    internal const string Recorder = "demo";

    private static readonly string[] CentreNames =
        ["周晓燕", "吴建华", "黄丽萍", "徐志刚", "江婷", "邹文静", "胡海燕", "殷俊", "曹敏", "罗雪梅", "汪洋", "蔡晓丽", "万芳", "熊志强", "程琳", "付小红", "聂晨", "喻佳"];

    private static readonly string[] SchoolActivityTitles =
        ["心理健康主题班会", "“阳光心态”团体辅导", "生命教育主题讲座", "挫折教育主题活动", "亲情教育·感恩父母", "家长学校专题讲座", "心理委员培训", "考前减压团体辅导", "“万师润万心”谈心周"];

    private static readonly ActivityType[] SchoolActivityTypes =
        [ActivityType.ThemedLecture, ActivityType.GroupCounselling, ActivityType.LifeEducation, ActivityType.LifeEducation, ActivityType.LifeEducation,
         ActivityType.ParentLecture, ActivityType.ThemedLecture, ActivityType.GroupCounselling, ActivityType.TalkCampaign];

    private static readonly string[] LectureTopics =
        ["如何与青春期孩子有效沟通", "做情绪稳定的父母", "家校共育，护航成长", "帮助孩子应对学业压力", "合理使用手机与网络", "留守儿童的亲情陪伴", "发现孩子的心理求助信号", "好习惯成就好未来"];

    private static readonly string[] Specialities = ["亲子沟通", "青春期家庭教育", "家校共育", "学习习惯养成", "留守儿童关爱", "心理危机识别"];

    public static async Task SeedAsync(AppDbContext db, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SchoolRow(s.Id, s.DistrictId, s.Name, s.Enrolments.OrderByDescending(e => e.SchoolYear).Select(e => e.Students).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        if (schools.Count == 0)
        {
            return;
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        if (!await db.Activities.AnyAsync(cancellationToken))
        {
            var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
            AddActivities(db, schools, districts.Select(d => (d.Id, d.Name)).ToList(), today, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.CentreMembers.AnyAsync(cancellationToken))
        {
            await AddCentreAsync(db, schools, today, now, cancellationToken);
        }

        if (!await db.Lecturers.AnyAsync(cancellationToken))
        {
            await AddLecturersAsync(db, schools, today, cancellationToken);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
    }

    internal sealed record SchoolRow(int Id, int DistrictId, string Name, int Students);

    /// <summary>The year before today: each school marks 5·25 and 10·10, most hold activity-month events and a few themed activities.</summary>
    private static void AddActivities(AppDbContext db, List<SchoolRow> schools, List<(int Id, string Name)> districts, DateOnly today, DateTimeOffset now)
    {
        var random = new Random(20240525);
        var from = today.AddYears(-1).AddDays(1);
        DateOnly RandomDay() => from.AddDays(random.Next(today.DayNumber - from.DayNumber + 1));
        void Add(OrganiserLevel level, int? districtId, int? schoolId, ActivityDetails details) =>
            db.Activities.Add(new Activity(level, districtId, schoolId, details, Recorder, now, today));

        foreach (var school in schools)
        {
            foreach (var details in SchoolActivities(school, from, today, random))
            {
                Add(OrganiserLevel.School, school.DistrictId, school.Id, details);
            }
        }

        foreach (var (districtId, name) in districts)
        {
            Add(OrganiserLevel.District, districtId, null, new ActivityDetails(ActivityType.ThemedLecture, $"{name}心理健康教育巡讲", RandomDay(),
                Audience.Teachers | Audience.Parents, random.Next(150, 600), Organiser: "基础教育股", Partners: Partners.HealthCommission, PartnerNames: "县卫健委"));
            Add(OrganiserLevel.District, districtId, null, new ActivityDetails(ActivityType.GroupCounselling, $"{name}心理健康教师团辅技能培训", RandomDay(),
                Audience.Teachers, random.Next(40, 120), Organiser: "教研室"));
        }

        Add(OrganiserLevel.City, null, null, new ActivityDetails(ActivityType.ThemedLecture, "“拥抱阳光 自主成长”学生心理护航公益讲座（线上）", RandomDay(),
            Audience.Students | Audience.Parents, 48_000, Organiser: "市教育局基础教育科", Partners: Partners.University, PartnerNames: "南昌大学"));
        Add(OrganiserLevel.City, null, null, new ActivityDetails(ActivityType.IntoCommunity, "心理健康教育进社区、进学校、进课堂", RandomDay(),
            Audience.Students | Audience.Parents, 3_200, Partners: Partners.HealthCommission | Partners.WomensFederation, PartnerNames: "市卫健委、市妇联"));
        Add(OrganiserLevel.City, null, null, new ActivityDetails(ActivityType.ThemedLecture, "中小学生心理普查的组织与实施专题培训", RandomDay(),
            Audience.Teachers, 290, Partners: Partners.University, PartnerNames: "南昌大学"));

        // The centre's volunteers go out about twice a month: 送课到校 and 走进社区.
        for (var day = from; day <= today; day = day.AddDays(random.Next(10, 20)))
        {
            var toSchool = random.NextDouble() < 0.6;
            var school = schools[random.Next(schools.Count)];
            Add(OrganiserLevel.Centre, null, null, toSchool
                ? new ActivityDetails(ActivityType.LessonsToSchools, $"送课到校·{school.Name}", day, Audience.Students, random.Next(40, 200), Organiser: "志愿服务队")
                : new ActivityDetails(ActivityType.IntoCommunity, "心理健康走进社区", day, Audience.Parents | Audience.Students, random.Next(30, 120), Organiser: "志愿服务队",
                    Partners: Partners.Community, PartnerNames: "浔阳区白水湖街道社区"));
        }
    }

    /// <summary>
    /// One school's activities from <paramref name="from"/> to <paramref name="to"/>: the 5·25 and 10·10 days in
    /// between (a few not recorded), the May activity month when it falls inside (most schools), and up to three
    /// themed activities (lectures, group counselling, life education, parent lectures …) on random days.
    /// </summary>
    internal static List<ActivityDetails> SchoolActivities(SchoolRow school, DateOnly from, DateOnly to, Random random)
    {
        var activities = new List<ActivityDetails>();
        var size = Math.Max(school.Students, 200);
        var marked = Enumerable.Range(from.Year, to.Year - from.Year + 1)
            .SelectMany(OutreachCalendar.MarkedSpans)
            .Where(s => s.From == s.To && s.From >= from && s.From <= to);
        foreach (var day in marked)
        {
            // A few schools have not recorded every day: the lists and figures are not all alike.
            if (random.NextDouble() < 0.08)
            {
                continue;
            }

            var title = day.SuggestedType == ActivityType.MentalHealthDay ? "“5·25”心理健康日主题活动" : "“10·10”世界精神卫生日宣传活动";
            activities.Add(new ActivityDetails(day.SuggestedType, title, day.From,
                Audience.Students | (random.NextDouble() < 0.4 ? Audience.Parents : Audience.None), (int)(size * (0.6 + random.NextDouble() * 0.35)),
                Organiser: "心理健康教育中心组", Grades: "全校"));
        }

        var month = OutreachCalendar.MarkedSpans(to.Month >= 5 ? to.Year : to.Year - 1)[0];
        if (month.To <= to && month.From >= from && random.NextDouble() < 0.7)
        {
            activities.Add(new ActivityDetails(ActivityType.ActivityMonth, "心理健康教育活动月系列活动",
                month.From.AddDays(random.Next(0, 20)), Audience.Students | Audience.Teachers, (int)(size * 0.8), Organiser: "德育处"));
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var pick = random.Next(SchoolActivityTitles.Length);
            var type = SchoolActivityTypes[pick];
            var audience = type == ActivityType.ParentLecture ? Audience.Parents : Audience.Students;
            var partners = random.NextDouble() < 0.15 ? Partners.Hospital : random.NextDouble() < 0.1 ? Partners.WomensFederation : Partners.None;
            activities.Add(new ActivityDetails(type, SchoolActivityTitles[pick], from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1)), audience,
                random.Next(30, Math.Max(31, size / 3)), Partners: partners,
                PartnerNames: partners == Partners.Hospital ? "九江市第五人民医院" : partners == Partners.WomensFederation ? "区妇联" : null));
        }

        return activities;
    }

    private static async Task AddCentreAsync(AppDbContext db, List<SchoolRow> schools, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var random = new Random(8866353);
        var founded = new DateOnly(2020, 9, 1);
        for (var i = 0; i < CentreStaff; i++)
        {
            db.CentreMembers.Add(new CentreMember(CentreNames[i], i < 6 ? CentreRole.FullTimeStaff : CentreRole.PartTimeStaff, null,
                i % 3 == 0 ? "国家二级心理咨询师" : "心理健康教育教师资格", founded.AddDays(i * 30)));
        }

        // The volunteer team: 15 psychology teachers of the schools directly under the city (the 浔阳、濂溪 schools first).
        var cityIds = schools.Where(s => s.DistrictId == schools[0].DistrictId).Select(s => s.Id).ToHashSet();
        var volunteers = await db.StaffMembers.AsNoTracking()
            .Where(m => m.PsychologyPost == PsychologyPost.FullTime && m.LeftOn == null)
            .OrderBy(m => m.SchoolId).ThenBy(m => m.Id)
            .Select(m => new { m.Name, m.SchoolId })
            .ToListAsync(cancellationToken);
        foreach (var v in volunteers.OrderBy(v => cityIds.Contains(v.SchoolId) ? 0 : 1).DistinctBy(v => v.SchoolId).Take(CentreVolunteers))
        {
            db.CentreMembers.Add(new CentreMember(v.Name, CentreRole.Volunteer, v.SchoolId, "专职心理健康教师", new DateOnly(2021, 3, 1)));
        }

        await db.SaveChangesAsync(cancellationToken);
        var answerers = await db.CentreMembers.AsNoTracking().Select(m => m.Id).OrderBy(id => id).ToListAsync(cancellationToken);

        // A year of consultations: the hotline busiest, then 浔庐心语, face to face, and lectures; busier in exam months.
        var channels = new (ConsultationChannel Channel, int PerMonth)[]
        {
            (ConsultationChannel.Hotline, 26), (ConsultationChannel.Online, 18), (ConsultationChannel.FaceToFace, 10), (ConsultationChannel.Lecture, 3),
        };
        var topics = Enum.GetValues<ConsultationTopic>();
        for (var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-11); month <= today; month = month.AddMonths(1))
        {
            var busy = month.Month is 5 or 6 or 11 or 12 ? 1.3 : month.Month is 2 or 8 ? 0.6 : 1.0;
            var last = month.AddMonths(1).AddDays(-1) < today ? month.AddMonths(1).AddDays(-1) : today;
            foreach (var (channel, perMonth) in channels)
            {
                var count = (int)Math.Round(perMonth * busy * (last.Day / (double)DateTime.DaysInMonth(month.Year, month.Month)));
                for (var i = 0; i < count; i++)
                {
                    var client = random.NextDouble() switch { < 0.55 => ClientKind.Student, < 0.9 => ClientKind.Parent, < 0.97 => ClientKind.Teacher, _ => ClientKind.Other };
                    var band = client == ClientKind.Student ? (AgeBand)random.Next(1, 4) : client == ClientKind.Parent || client == ClientKind.Teacher ? AgeBand.Adult : AgeBand.Unknown;
                    var topic = topics[random.Next(topics.Length)];
                    var referral = topic == ConsultationTopic.Crisis ? (random.NextDouble() < 0.6 ? ConsultationReferral.Hospital : ConsultationReferral.School)
                        : random.NextDouble() < 0.03 ? ConsultationReferral.School : ConsultationReferral.None;
                    var school = client == ClientKind.Student && random.NextDouble() < 0.4 ? schools[random.Next(schools.Count)] : null;
                    db.Consultations.Add(new Consultation(new ConsultationDetails(channel, month.AddDays(random.Next(last.Day)), client, topic,
                        channel == ConsultationChannel.Lecture ? 90 : random.Next(15, 75), band, school?.Id, answerers[random.Next(answerers.Count)], referral,
                        referral == ConsultationReferral.Hospital ? "九江市第五人民医院" : referral == ConsultationReferral.School ? school?.Name ?? "来访者所在学校" : null),
                        Recorder, now, today));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>52 lecturers, four per district (two school leaders, two head teachers), each with a few touring lectures in the past year.</summary>
    private static async Task AddLecturersAsync(AppDbContext db, List<SchoolRow> schools, DateOnly today, CancellationToken cancellationToken)
    {
        var random = new Random(52);
        var candidates = await db.StaffMembers.AsNoTracking()
            .Where(m => m.LeftOn == null && (m.IsSchoolLeader || m.Classes.Any()))
            .OrderBy(m => m.SchoolId).ThenBy(m => m.Id)
            .Select(m => new { m.Name, m.SchoolId, m.IsSchoolLeader })
            .ToListAsync(cancellationToken);
        var districtOf = schools.ToDictionary(s => s.Id, s => s.DistrictId);
        var lecturers = new List<Lecturer>();
        foreach (var district in schools.Select(s => s.DistrictId).Distinct())
        {
            var inDistrict = candidates.Where(c => districtOf[c.SchoolId] == district).ToList();
            var leaders = inDistrict.Where(c => c.IsSchoolLeader).DistinctBy(c => c.SchoolId).Take(2);
            var heads = inDistrict.Where(c => !c.IsSchoolLeader).DistinctBy(c => c.SchoolId).Reverse().Take(2);
            foreach (var c in leaders.Concat(heads))
            {
                var post = c.IsSchoolLeader ? (lecturers.Count % 3 == 0 ? LecturerPost.VicePrincipal : LecturerPost.Principal) : LecturerPost.HeadTeacher;
                lecturers.Add(new Lecturer(c.Name, post, c.SchoolId, Specialities[lecturers.Count % Specialities.Length]));
            }
        }

        db.Lecturers.AddRange(lecturers.Take(LecturerCount));
        await db.SaveChangesAsync(cancellationToken);

        var from = today.AddYears(-1).AddDays(1);
        foreach (var lecturer in lecturers.Take(LecturerCount))
        {
            for (var i = random.Next(2, 6); i > 0; i--)
            {
                // Mostly in the lecturer's own district, sometimes touring another one.
                var own = random.NextDouble() < 0.7;
                var pool = schools.Where(s => own == (s.DistrictId == districtOf[lecturer.SchoolId])).ToList();
                var host = pool[random.Next(pool.Count)];
                db.FamilyLectures.Add(new FamilyLecture(lecturer.Id, host.Id, from.AddDays(random.Next(today.DayNumber - from.DayNumber + 1)),
                    LectureTopics[random.Next(LectureTopics.Length)], Audience.Parents, random.Next(60, 400), today));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
