using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// 演示数据 — the psychology workforce of the demo city, reproducing the figures of the bureau's
/// 2024 letter: 468 full-time and 1,170 part-time psychology teachers, 529 schools with a
/// standardized counselling room, 68 city / 5 provincial / 1 national featured schools, and
/// training attendances of 55 (national 2023), 12,900 (provincial 2023) and 290 (municipal 2024).
/// Every school gets a leader and a head teacher per class. Deterministic: no randomness.
/// </summary>
public static class DemoWorkforce
{
    public const int FullTimeTeachers = 468;
    public const int PartTimeTeachers = 1170;
    public const int StandardizedRooms = 529;
    public const int CityFeatured = 68;
    public const int NationalTraining2023 = 55;
    public const int ProvincialTraining2023 = 12_900;
    public const int MunicipalTraining2024 = 290;

    public static readonly string[] ProvincialFeatured = ["九江市双峰小学", "九江小学", "九江市同文中学", "九江外国语学校", "修水县第一中学"];
    public const string NationalFeatured = "九江一中";

    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "熊", "邹"];

    private static readonly string[] GivenChars =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玲", "红", "文", "辉", "建", "国", "云", "慧", "琴", "燕", "鹏", "俊", "斌", "梅", "兰", "晨", "欣", "婷", "雪", "琳", "宇", "浩", "凯", "佳", "思", "雨"];

    /// <summary>Adds the workforce when the database has no staff yet; otherwise leaves everything alone.</summary>
    public static async Task SeedAsync(AppDbContext db, SchoolYear thisYear, CancellationToken cancellationToken)
    {
        if (await db.StaffMembers.AnyAsync(cancellationToken))
        {
            return;
        }

        var demoCodes = DemoCity.Schools.Select(s => s.Code).ToHashSet();
        var schools = (await db.Schools.AsNoTracking()
                .Select(s => new
                {
                    s.Id, s.Code, s.Name, s.DistrictId, s.IsTownshipCentralOrAbove,
                    Enrolment = s.Enrolments.Where(e => e.SchoolYear == thisYear.StartYear).Select(e => e.Students).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .Where(s => demoCodes.Contains(s.Code))
            .OrderByDescending(s => s.Enrolment).ThenBy(s => s.Code)
            .ToList();
        var classes = (await db.SchoolClasses.AsNoTracking().Where(SchoolClassQueries.InSession(thisYear))
                .Select(c => new { c.Id, c.SchoolId, c.Section, c.EntryYear, c.Number })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.SchoolId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number).ToList());

        // 专职: one each for the 400 largest schools, then a second for the largest schools that need one.
        var fullTime = schools.ToDictionary(s => s.Id, _ => 0);
        var assigned = 0;
        for (var round = 1; assigned < FullTimeTeachers && round <= 10; round++)
        {
            foreach (var school in schools.Take(round == 1 ? 400 : schools.Count))
            {
                if (assigned == FullTimeTeachers)
                {
                    break;
                }

                if ((school.Enrolment + 799) / 800 >= round)
                {
                    fullTime[school.Id]++;
                    assigned++;
                }
            }
        }

        // 兼职: one head teacher per school takes the role, then a second one in the largest schools.
        var partTime = schools.ToDictionary(s => s.Id, s => 1);
        foreach (var school in schools.Take(PartTimeTeachers - schools.Count))
        {
            partTime[school.Id]++;
        }

        var serial = 0;
        var joined = new DateOnly(thisYear.StartYear - 8, 9, 1);
        var staff = new List<StaffMember>();
        foreach (var school in schools)
        {
            staff.Add(new StaffMember(school.Id, Details(ref serial, leader: true, post: PsychologyPost.None, classIds: [], joined)));
            for (var i = 0; i < fullTime[school.Id]; i++)
            {
                staff.Add(new StaffMember(school.Id, Details(ref serial, leader: false, post: PsychologyPost.FullTime, classIds: [], joined, major: i % 3 != 2)));
            }

            var schoolClasses = classes.GetValueOrDefault(school.Id) ?? [];
            for (var i = 0; i < schoolClasses.Count; i++)
            {
                var post = i < partTime[school.Id] ? PsychologyPost.PartTime : PsychologyPost.None;
                staff.Add(new StaffMember(school.Id, Details(ref serial, leader: false, post, [schoolClasses[i].Id], joined)));
            }

            // A school too small to have a class this year still has its part-time teachers.
            for (var i = schoolClasses.Count; i < partTime[school.Id]; i++)
            {
                staff.Add(new StaffMember(school.Id, Details(ref serial, leader: false, PsychologyPost.PartTime, [], joined)));
            }
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.StaffMembers.AddRange(staff);
        await db.SaveChangesAsync(cancellationToken);

        SeedRooms(db, schools.Where(s => s.IsTownshipCentralOrAbove).Select(s => s.Id).Take(StandardizedRooms).ToList(), thisYear);
        await SeedFeaturedAsync(db, schools.Select(s => (s.Id, s.Name, s.DistrictId)).ToList(), cancellationToken);
        SeedTraining(db, staff);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
    }

    private static StaffDetails Details(ref int serial, bool leader, PsychologyPost post, IReadOnlyCollection<int> classIds, DateOnly joined, bool major = false)
    {
        serial++;
        var surname = Surnames[(serial * 7) % Surnames.Length];
        var given = GivenChars[(serial * 13) % GivenChars.Length] + (serial % 3 == 0 ? "" : GivenChars[(serial * 31 + 5) % GivenChars.Length]);
        return new StaffDetails(
            surname + given,
            serial % 5 < 3 ? Gender.Female : Gender.Male,
            $"T{serial:D5}",
            leader,
            IsKeyTeacher: classIds.Count > 0 && serial % 6 == 0,
            IsSubjectTeacher: !leader && post != PsychologyPost.FullTime,
            post,
            major,
            post == PsychologyPost.FullTime ? "心理健康教育教师资格证（C证）" : null,
            joined.AddDays(-(serial % 2000)),
            null,
            classIds);
    }

    private static void SeedRooms(AppDbContext db, List<int> schoolIds, SchoolYear thisYear)
    {
        for (var i = 0; i < schoolIds.Count; i++)
        {
            var room = new CounsellingRoom(schoolIds[i]);
            var rooms = FunctionalRooms.Individual | FunctionalRooms.Group | FunctionalRooms.Relaxation;
            if (i < 200)
            {
                rooms |= FunctionalRooms.SandTable | FunctionalRooms.Assessment;
            }

            if (i < 80)
            {
                rooms |= FunctionalRooms.Catharsis | FunctionalRooms.Reception;
            }

            room.Record(true, rooms, new DateOnly(thisYear.StartYear - 1 - (i % 6), 6, 1 + (i % 28)), thisYear.FirstDay);
            db.CounsellingRooms.Add(room);
        }
    }

    private static async Task SeedFeaturedAsync(AppDbContext db, IReadOnlyList<(int Id, string Name, int DistrictId)> schools, CancellationToken cancellationToken)
    {
        if (await db.FeaturedSchools.AnyAsync(cancellationToken))
        {
            return;
        }

        var byName = schools.ToDictionary(s => s.Name, s => s.Id);
        db.FeaturedSchools.Add(new FeaturedSchool(byName[NationalFeatured], FeaturedLevel.National, 2021));
        for (var i = 0; i < ProvincialFeatured.Length; i++)
        {
            db.FeaturedSchools.Add(new FeaturedSchool(byName[ProvincialFeatured[i]], FeaturedLevel.Provincial, 2019 + i));
        }

        // City titles spread over the districts: the largest schools of each district in turn.
        var queues = schools.GroupBy(s => s.DistrictId).OrderBy(g => g.Key).Select(g => new Queue<int>(g.Select(s => s.Id))).ToList();
        var named = 0;
        while (named < CityFeatured)
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (named == CityFeatured)
                {
                    break;
                }

                db.FeaturedSchools.Add(new FeaturedSchool(queue.Dequeue(), FeaturedLevel.City, 2018 + (named % 7)));
                named++;
            }
        }
    }

    private static void SeedTraining(AppDbContext db, IReadOnlyList<StaffMember> staff)
    {
        var psychology = staff.Where(s => s.PsychologyPost == PsychologyPost.FullTime).Select(s => s.Id).ToList();
        var national = new TrainingCourse(TrainingLevel.National, "2023年全国中小学心理健康教育教师网络培训示范班", new DateOnly(2023, 7, 10), 50, "教育部");
        national.Enrol(psychology.Take(NationalTraining2023));
        var provincial = new TrainingCourse(TrainingLevel.Provincial, "2023年全省中小学幼儿园教师心理健康教育辅导能力培训", new DateOnly(2023, 9, 15), 24, "江西省教育厅");
        provincial.Enrol(staff.OrderBy(s => s.PsychologyPost == PsychologyPost.None).ThenBy(s => s.Id).Select(s => s.Id).Take(ProvincialTraining2023));
        var municipal = new TrainingCourse(TrainingLevel.Municipal, "九江市2024年中小学心理健康教师培训", new DateOnly(2024, 4, 20), 32, "九江市教育局");
        municipal.Enrol(psychology.Skip(20).Take(MunicipalTraining2024));
        db.TrainingCourses.AddRange(national, provincial, municipal);

        var nominees = psychology.Where((_, i) => i % 37 == 0).Take(12).ToList();
        for (var i = 0; i < nominees.Count; i++)
        {
            var nomination = new ExpertNomination(nominees[i], 2024, i % 2 == 0 ? "心理健康教育" : "心理咨询与辅导");
            if (i < 5)
            {
                nomination.Decide(NominationStatus.Selected);
            }

            db.ExpertNominations.Add(nomination);
        }
    }
}
