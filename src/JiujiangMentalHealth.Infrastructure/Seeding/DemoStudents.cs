using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// 演示数据 — students with a school year of screening, so no page is empty in a demo: two students
/// per class in session (six in 九江市双峰小学 三年级(1)班, the demo head teacher's class), their
/// key-population flags and family situation, one provincial screening campaign per school
/// (赣鄱心理测评系统 import: ~85% 无预警, ~9% 三级, ~4% 二级, ~2% 一级), hand-entered PHQ-9 follow-ups
/// (some with item 9 > 0), tier decisions and talks/home visits.
/// </summary>
/// <remarks>
/// Deterministic (a small integer hash, no randomness) and seeded only when <c>students</c> is
/// empty, in one transaction. Every value goes through the domain (<see cref="Student"/>,
/// <see cref="ScreeningResult.Record"/>, <see cref="Talk"/>) and is then written with PostgreSQL
/// binary COPY, because EF change tracking of ~80,000 rows would take far too long.
/// Fixtures other code relies on: 九江市双峰小学 三年级(1)班 has six students, the first with a
/// pending 一级 suggestion and the second with a pending 二级 suggestion.
/// </remarks>
public static class DemoStudents
{
    public const string FixtureSchool = "九江市双峰小学";

    private const int StudentsPerClass = 2;
    private const int FixtureClassStudents = 6;
    private const string SystemUser = "system";

    // The columns each row writer below writes, in order; the scale seeder puts an explicit id in front.
    internal const string StudentColumns =
        "school_id, class_id, student_number, name, gender, birth_date, key_populations, " +
        "parent_child_relationship, family_changes, guardian_name, guardian_phone";

    internal const string CampaignColumns = "school_id, name, instrument, starts_on, ends_on, school_year, term";

    internal const string BatchColumns = "school_id, file_name, sha256, rows, imported_by, imported_at";

    internal const string ResultColumns =
        "student_id, school_id, campaign_id, import_batch_id, instrument, taken_on, source, " +
        "answers, total, subscales, band, warning, crisis, invalid, flags, suggested_tier, decision_state, decided_tier, " +
        "decision_reason, decided_by, decided_at, corrects_id, is_superseded, correction_reason, recorded_by, recorded_at";

    internal const string TalkColumns =
        "student_id, school_id, kind, occurred_on, by_name, with_whom, summary, follow_up_needed, recorded_by, recorded_at";

    private const string StudentCopy = $"COPY students ({StudentColumns}) FROM STDIN (FORMAT BINARY)";

    private const string CampaignCopy = $"COPY screening_campaigns ({CampaignColumns}) FROM STDIN (FORMAT BINARY)";

    private const string BatchCopy = $"COPY import_batches ({BatchColumns}) FROM STDIN (FORMAT BINARY)";

    private const string ResultCopy = $"COPY screening_results ({ResultColumns}) FROM STDIN (FORMAT BINARY)";

    private const string TalkCopy = $"COPY talks ({TalkColumns}) FROM STDIN (FORMAT BINARY)";

    // Common surnames appear more than once, as they do in a class list; 帅, 涂, 喻, 舒, 冷 are typical of Jiangxi.
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "杨", "黄", "吴",
        "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
        "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁",
        "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
        "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯",
        "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文",
        "涂", "喻", "舒", "帅", "冷", "柯", "桂", "付", "饶", "聂", "左", "占", "游", "胡", "刘", "熊", "万", "徐",
    ];

    private static readonly string[] BoyChars =
    [
        "浩", "宇", "轩", "博", "文", "俊", "杰", "涛", "鑫", "磊", "晨", "然", "哲", "睿", "泽", "铭", "翔", "宸",
        "昊", "毅", "凯", "烨", "航", "远", "嘉", "彬", "志", "强", "阳", "鹏", "瑞", "乐", "子", "梓", "一", "明",
        "天", "思", "宏", "家", "俊", "皓", "逸", "辰", "煜", "豪", "霖", "锦", "恒", "诚", "旭", "峻", "晟", "楷",
    ];

    private static readonly string[] GirlChars =
    [
        "雨", "欣", "怡", "婷", "涵", "萱", "梓", "诗", "琪", "佳", "悦", "彤", "妍", "馨", "雪", "蕾", "静", "思",
        "语", "晴", "可", "心", "月", "瑶", "紫", "嘉", "蕊", "晗", "菲", "玥", "若", "依", "一", "子", "芷", "沐",
        "安", "宁", "诺", "媛", "颖", "洁", "琳", "慧", "婧", "淑", "艺", "楠", "梦", "昕", "雅", "舒", "晓", "丹",
    ];

    private static readonly string[] FatherChars =
        ["建", "国", "军", "华", "明", "平", "强", "伟", "勇", "峰", "林", "斌", "辉", "波", "春", "海", "涛", "刚", "志", "荣"];

    private static readonly string[] MotherChars =
        ["芳", "丽", "娟", "霞", "红", "梅", "英", "琴", "燕", "萍", "玲", "敏", "艳", "慧", "莉", "兰", "秀", "凤", "娜", "静"];

    private static readonly string[] ElderChars =
        ["德", "福", "金", "水", "根", "发", "桂", "秀", "兰", "珍", "财", "仁", "香", "春", "生", "贵", "忠", "菊", "莲", "义"];

    private static readonly string[] PhonePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
        "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187", "188", "189",
    ];

    private static readonly string[] HeadTeacherSummaries =
    [
        "谈及学习压力，情绪较低落，约定下周再谈",
        "近期上课注意力不集中，了解到与同桌有矛盾，已做疏导并调整座位",
        "作业完成情况较差，自述对考试感到焦虑，鼓励其制定每周学习计划",
        "课间常独处，谈话中表示想家，已安排同学多陪伴，继续关注",
        "情绪较前稳定，能主动参与班级活动，约定有困难随时找老师",
    ];

    private static readonly string[] RoutineSummaries =
    [
        "学期初全面谈心，学习生活适应良好",
        "全面谈心：与同学相处融洽，学习态度端正",
        "全面谈心：作息规律，兴趣是篮球和画画，无明显困扰",
        "全面谈心：成绩中等，希望提高英语，已给出学习建议",
    ];

    private static readonly string[] CounsellorSummaries =
    [
        "个体辅导一次，评估情绪状态，睡眠欠佳，建议规律作息，两周后复谈",
        "复测后面谈，自述近期心情好转，能主动与同学交流",
        "谈及家庭变故带来的困扰，进行情绪疏导，已告知班主任加强关注",
        "存在自我否定的想法，无自伤计划，已制定安全计划并与家长沟通",
        "沙盘辅导一次，表达较多孤独感，约定每周固定时间来开心驿站",
    ];

    private static readonly string[] LeaderSummaries =
    [
        "校领导约谈，了解在校生活情况，鼓励其参加社团活动",
        "校领导重点谈：了解家庭困难，协调落实生活补助，叮嘱班主任每周反馈",
    ];

    private static readonly string[] SubjectTeacherSummaries =
    [
        "课后谈心，数学成绩下滑，约定每周答疑一次",
        "语文老师谈心：作文中流露出消极情绪，已转告班主任和心理老师",
    ];

    private static readonly string[] PeerSummaries =
    [
        "心理委员课间陪伴交流，反映其近期愿意参加集体活动",
        "同桌反映其最近常说“很累”，心理委员已陪同到开心驿站",
    ];

    private static readonly string[] ParentSummaries =
    [
        "与家长电话沟通，家长表示孩子在家沉默寡言，建议多陪伴少批评",
        "家长会后面谈，家长同意减少对成绩的苛责，每周与孩子谈心一次",
        "与家长沟通孩子的测评结果，家长表示理解，同意配合学校关注",
    ];

    private static readonly string[] HomeVisitSummaries =
    [
        "家访：孩子由祖辈抚养，生活照料尚可，亲子沟通较少，建议父母每周视频联系",
        "家访：家庭经济较困难，已协助申请资助，孩子学习态度端正",
        "家访：单亲家庭，家长工作繁忙，约定每月与班主任沟通一次",
        "家访：了解到家中近期变故，孩子情绪受影响，已与家长商定共同关注",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds the demo students, screenings and talks when the database has no student yet; returns how many students it added.</summary>
    public static async Task<int> SeedAsync(AppDbContext db, SchoolYear thisYear, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Students.AnyAsync(cancellationToken))
        {
            return 0;
        }

        now = now.ToUniversalTime();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var added = await SeedInTransactionAsync(db, thisYear, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return added;
        });
    }

    private static async Task<int> SeedInTransactionAsync(AppDbContext db, SchoolYear thisYear, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Students.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).DateTime);
        var districtCodes = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Name, s.DistrictId })
            .ToListAsync(cancellationToken);
        var classes = (await db.SchoolClasses.AsNoTracking().Where(SchoolClassQueries.InSession(thisYear))
                .Select(c => new ClassRow(c.Id, c.SchoolId, c.Section, c.EntryYear, c.Number))
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.SchoolId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number).ToList());
        var people = await LoadPeopleAsync(db, today, cancellationToken);
        var counsellorAccounts = DemoSeeder.Accounts
            .Where(a => a.SchoolName is not null && a.Roles.Contains(Roles.Counsellor))
            .GroupBy(a => a.SchoolName!)
            .ToDictionary(g => g.Key, g => g.First().UserName);
        var headTeacherAccount = DemoSeeder.Accounts.FirstOrDefault(a => a.SchoolName == FixtureSchool && a.Roles.Contains(Roles.HeadTeacher))?.UserName;

        var (campaignName, startsOn, endsOn) = AutumnScreening(LatestScreeningYear(thisYear, today), today);

        // 1. Students, planned in a fixed order (school code, section, entry year, class number).
        var plans = new List<StudentPlan>();
        var numbers = new StudentNumbers([]);
        var serial = 0;
        foreach (var school in schools)
        {
            if (!classes.TryGetValue(school.Id, out var schoolClasses))
            {
                continue;
            }

            var area = districtCodes[school.DistrictId];
            var setting = SettingOf(area);
            var fixtureSchool = school.Name == FixtureSchool;
            var inSchool = 0;
            foreach (var schoolClass in schoolClasses)
            {
                var fixtureClass = fixtureSchool && schoolClass.Section == SchoolSection.Primary
                    && schoolClass.EntryYear == thisYear.StartYear - 2 && schoolClass.Number == 1;
                var count = fixtureClass ? FixtureClassStudents : StudentsPerClass;
                var grade = SchoolClass.GradeOf(schoolClass.Section, schoolClass.EntryYear, thisYear)!.Value;
                for (var i = 0; i < count; i++)
                {
                    serial++;
                    var plan = PlanStudent(serial, school.Id, schoolClass.Id, area, setting, grade, thisYear, numbers);
                    plan.IndexInSchool = inSchool++;
                    plan.Fixture = fixtureClass && i < 2 ? (i == 0 ? WarningLevel.Level1 : WarningLevel.Level2) : null;
                    plan.InFixtureClass = fixtureClass;
                    plans.Add(plan);
                }
            }
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(StudentCopy, cancellationToken))
        {
            foreach (var plan in plans)
            {
                writer.StartRow();
                WriteStudent(writer, plan.Student);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var ids = await db.Students.AsNoTracking().Select(s => new { s.Id, s.StudentNumber }).ToDictionaryAsync(s => s.StudentNumber, s => s.Id, cancellationToken);
        foreach (var plan in plans)
        {
            plan.Id = ids[plan.Student.StudentNumber];
        }

        // 2. One campaign and one import batch per school that has students.
        var schoolNames = schools.ToDictionary(s => s.Id, s => s.Name);
        var bySchool = plans.GroupBy(p => p.Student.SchoolId).ToList();
        var importedAt = Min(At(endsOn.AddDays(1), 9, (int)(Hash(endsOn.DayNumber, 1) % 50)), now);
        var campaigns = new Dictionary<int, ScreeningCampaign>();
        var batches = new Dictionary<int, ImportBatch>();
        foreach (var group in bySchool)
        {
            var schoolId = group.Key;
            var recorder = counsellorAccounts.GetValueOrDefault(schoolNames[schoolId], SystemUser);
            var campaign = new ScreeningCampaign(schoolId, campaignName, Instrument.Provincial, startsOn, endsOn);
            var rows = group.Count(TakesProvincial);
            var fileName = $"赣鄱心理测评系统_{campaignName}_导出.xlsx";
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"demo|{schoolId}|{campaignName}")));
            var batch = new ImportBatch(schoolId, fileName, sha, rows, recorder, importedAt);
            campaigns[schoolId] = campaign;
            batches[schoolId] = batch;
        }

        await using (var writer = await connection.BeginBinaryImportAsync(CampaignCopy, cancellationToken))
        {
            foreach (var c in campaigns.Values)
            {
                writer.StartRow();
                WriteCampaign(writer, c);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(BatchCopy, cancellationToken))
        {
            foreach (var b in batches.Values)
            {
                writer.StartRow();
                WriteBatch(writer, b);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // Read back the ids: one campaign and one batch per school (by name and start date, by file hash).
        var campaignIds = await db.ScreeningCampaigns.AsNoTracking().Where(c => c.Name == campaignName && c.StartsOn == startsOn)
            .GroupBy(c => c.SchoolId).Select(g => new { SchoolId = g.Key, Id = g.Max(c => c.Id) })
            .ToDictionaryAsync(c => c.SchoolId, c => c.Id, cancellationToken);
        var batchShas = batches.Values.Select(b => b.Sha256).ToList();
        var batchIds = await db.ImportBatches.AsNoTracking().Where(b => batchShas.Contains(b.Sha256))
            .Select(b => new { b.SchoolId, b.Id })
            .ToDictionaryAsync(b => b.SchoolId, b => b.Id, cancellationToken);

        // 3. Results: the provincial import for ~95%, hand-entered PHQ-9 follow-ups for ~5%.
        var results = new List<ScreeningResult>();
        var talks = new List<Talk>();
        var confirmBefore = today.AddDays(-14);
        foreach (var group in bySchool)
        {
            var schoolId = group.Key;
            var recorder = counsellorAccounts.GetValueOrDefault(schoolNames[schoolId], SystemUser);
            var staff = people.GetValueOrDefault(schoolId) ?? SchoolPeople.Empty;
            foreach (var plan in group)
            {
                var h = plan.Hash;
                WarningLevel? provincialWarning = null;
                DateOnly? provincialOn = null;
                if (TakesProvincial(plan))
                {
                    var warning = plan.Fixture ?? ProvincialWarning(plan);
                    var total = ProvincialTotal(warning, Hash(h, 11));
                    var takenOn = Pick(startsOn, endsOn, Hash(h, 12));
                    var result = ScreeningResult.Record(plan.Id, schoolId, QuestionnaireScoring.Provincial(warning, total), takenOn, null,
                        ResultSource.Imported, recorder, importedAt, today, campaignIds[schoolId], batchIds[schoolId]);
                    if (plan.Fixture is null)
                    {
                        Decide(result, takenOn, confirmBefore, Hash(h, 13), recorder, now);
                    }

                    results.Add(result);
                    provincialWarning = warning;
                    provincialOn = takenOn;
                }

                if (TakesPhq9(plan, provincialWarning))
                {
                    var warned = provincialWarning is { } w && w != WarningLevel.None;
                    var takenOn = warned
                        ? Min(provincialOn!.Value.AddDays(3 + (int)(Hash(h, 21) % 25)), today)
                        : Pick(startsOn, today, Hash(h, 21));
                    var answers = Phq9Answers(Hash(h, 22), warned);
                    var recordedAt = Min(At(takenOn, 8 + (int)(Hash(h, 23) % 9), (int)(Hash(h, 24) % 60)), now);
                    var result = ScreeningResult.Record(plan.Id, schoolId, QuestionnaireScoring.Phq9(answers), takenOn, answers,
                        ResultSource.Manual, recorder, recordedAt, today);
                    if (!result.Crisis)
                    {
                        Decide(result, takenOn, confirmBefore, Hash(h, 25), recorder, now);
                    }

                    results.Add(result);
                    provincialWarning = MoreSerious(provincialWarning ?? WarningLevel.None, result.Warning);
                    provincialOn ??= takenOn;
                }

                var talkRecorder = plan.InFixtureClass && headTeacherAccount is not null ? headTeacherAccount : recorder;
                AddTalks(talks, plan, staff, provincialWarning ?? WarningLevel.None, provincialOn, startsOn, today, now, talkRecorder, recorder);
            }
        }

        await WriteResultsAsync(connection, results, cancellationToken);
        await WriteTalksAsync(connection, talks, cancellationToken);
        db.ChangeTracker.Clear();
        return plans.Count;
    }

    /// <summary>A student of a class in grade <paramref name="grade"/>, everything derived from <paramref name="serial"/>.</summary>
    internal static StudentPlan PlanStudent(
        int serial, int schoolId, int classId, string area, Setting setting, int grade, SchoolYear thisYear, StudentNumbers numbers)
    {
        var h = Hash(serial, 0);
        var gender = (serial + (int)(Hash(h, 1) % 5 == 0 ? 1 : 0)) % 2 == 1 ? Gender.Male : Gender.Female;

        // Grade g in school year Y: born between 1 September of Y-g-6 and 31 August of Y-g-5.
        var bornFrom = new DateOnly(thisYear.StartYear - grade - 6, 9, 1);
        var bornTo = new DateOnly(thisYear.StartYear - grade - 5, 8, 31);
        var birth = Pick(bornFrom, bornTo, Hash(h, 2));

        var surname = Surnames[Hash(h, 3) % (uint)Surnames.Length];
        var chars = gender == Gender.Male ? BoyChars : GirlChars;
        var first = chars[Hash(h, 4) % (uint)chars.Length];
        var name = surname + first;
        if (Hash(h, 5) % 4 != 0)
        {
            var second = chars[Hash(h, 6) % (uint)chars.Length];
            name += second == first && gender == Gender.Male ? chars[(Hash(h, 6) + 1) % (uint)chars.Length] : second;
        }

        var number = numbers.Next(area, birth, gender);

        var (flags, relationship, changes, guardianRelation) = Family(h, setting);
        string? guardianName = null;
        string? guardianPhone = null;
        if (relationship != ParentChildRelationship.Unknown || Hash(h, 30) % 3 != 0)
        {
            var oneChar = Hash(h, 32) % 3 == 0;
            guardianName = guardianRelation switch
            {
                "父亲" => surname + GivenName(FatherChars, FatherChars, Hash(h, 31), oneChar),
                "祖父" => surname + GivenName(ElderChars, ElderChars, Hash(h, 31), false),
                "祖母" => Surnames[Hash(h, 34) % (uint)Surnames.Length] + GivenName(ElderChars, MotherChars, Hash(h, 31), false),
                _ => Surnames[Hash(h, 34) % (uint)Surnames.Length] + GivenName(MotherChars, MotherChars, Hash(h, 31), oneChar),
            };
            guardianPhone = PhonePrefixes[Hash(h, 35) % (uint)PhonePrefixes.Length] + (Hash(h, 36) % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        }

        var student = new Student(schoolId, classId, new StudentProfile(number, name, gender, birth, flags, relationship, changes, guardianName, guardianPhone));
        return new StudentPlan(student, h, guardianRelation);
    }

    /// <summary>One or two given-name characters, never the same one twice.</summary>
    private static string GivenName(string[] firstChars, string[] secondChars, uint h, bool oneChar)
    {
        var first = firstChars[h % (uint)firstChars.Length];
        if (oneChar)
        {
            return first;
        }

        var second = secondChars[Hash(h, 1) % (uint)secondChars.Length];
        return second == first ? first + secondChars[(Hash(h, 1) + 1) % (uint)secondChars.Length] : first + second;
    }

    /// <summary>Key populations (~12%, more in the counties: 留守儿童 and 单亲家庭子女 most often) and the family situation.</summary>
    internal static (KeyPopulations Flags, ParentChildRelationship Relationship, string? Changes, string GuardianRelation) Family(uint h, Setting setting)
    {
        var threshold = setting switch
        {
            Setting.Rural => 160u,
            Setting.Town => 120u,
            _ => 80u,
        };
        var flags = KeyPopulations.None;
        if (Hash(h, 40) % 1000 < threshold)
        {
            flags = PickFlag(Hash(h, 41), setting);
            if (Hash(h, 42) % 10 < 3)
            {
                flags |= PickFlag(Hash(h, 43), setting);
            }
        }

        string? changes = null;
        var guardian = Hash(h, 44) % 5 < 3 ? "母亲" : "父亲";
        if (flags.HasFlag(KeyPopulations.LeftBehind))
        {
            guardian = Hash(h, 45) % 2 == 0 ? "祖母" : "祖父";
            changes = (Hash(h, 46) % 3) switch
            {
                0 => "父母外出务工，祖辈抚养",
                1 => "父亲外出务工",
                _ => "祖辈抚养",
            };
        }

        if (flags.HasFlag(KeyPopulations.SingleParent))
        {
            var divorce = Hash(h, 47) % 5 != 0;
            changes = divorce ? "父母离异" : "父亲病故";
            guardian = divorce ? (Hash(h, 48) % 3 == 0 ? "父亲" : "母亲") : "母亲";
            if (flags.HasFlag(KeyPopulations.LeftBehind))
            {
                changes += "，祖辈抚养";
                guardian = "祖母";
            }
        }
        else if (flags == KeyPopulations.None && Hash(h, 49) % 100 == 0)
        {
            changes = Hash(h, 50) % 2 == 0 ? "祖父去世" : "父亲外出务工";
        }

        var roll = Hash(h, 51) % 100;
        var strained = flags != KeyPopulations.None;
        var relationship = roll switch
        {
            < 2 => ParentChildRelationship.Unknown,
            _ when strained && roll < 14 => ParentChildRelationship.Strained,
            _ when strained && roll < 22 => ParentChildRelationship.Distant,
            _ when !strained && roll < 6 => ParentChildRelationship.Strained,
            _ when !strained && roll < 8 => ParentChildRelationship.Distant,
            _ when roll < (strained ? 60u : 62u) => ParentChildRelationship.Good,
            _ => ParentChildRelationship.Fair,
        };
        return (flags, relationship, changes, guardian);
    }

    private static KeyPopulations PickFlag(uint h, Setting setting)
    {
        var roll = h % 100;
        return setting == Setting.Urban
            ? roll switch
            {
                < 15 => KeyPopulations.LeftBehind,
                < 40 => KeyPopulations.SingleParent,
                < 58 => KeyPopulations.MigrantChild,
                < 70 => KeyPopulations.EconomicHardship,
                < 82 => KeyPopulations.LearningDifficulty,
                < 93 => KeyPopulations.EmotionalDistress,
                _ => KeyPopulations.UnusualBehaviour,
            }
            : roll switch
            {
                < 42 => KeyPopulations.LeftBehind,
                < 64 => KeyPopulations.SingleParent,
                < 76 => KeyPopulations.EconomicHardship,
                < 86 => KeyPopulations.LearningDifficulty,
                < 91 => KeyPopulations.MigrantChild,
                < 97 => KeyPopulations.EmotionalDistress,
                _ => KeyPopulations.UnusualBehaviour,
            };
    }

    /// <summary>~95% of the students sit the school's screening; the fixtures always do.</summary>
    private static bool TakesProvincial(StudentPlan plan) => plan.Fixture is not null || Hash(plan.Hash, 10) % 20 != 0;

    /// <summary>
    /// The provincial system's total score of a sheet at a warning level (its scale runs to about 160): a
    /// score band per level, so totals and levels agree on every list.
    /// </summary>
    internal static int ProvincialTotal(WarningLevel warning, uint h) => warning switch
    {
        WarningLevel.Level1 => 130 + (int)(h % 31),
        WarningLevel.Level2 => 115 + (int)(h % 26),
        WarningLevel.Level3 => 100 + (int)(h % 26),
        _ => 30 + (int)(h % 81),
    };

    /// <summary>~2% 一级, ~4% 二级, ~9% 三级, the rest none; key populations somewhat more often.</summary>
    private static WarningLevel ProvincialWarning(StudentPlan plan)
    {
        var roll = Hash(plan.Hash, 14) % 1000;
        if (plan.Student.KeyPopulations != KeyPopulations.None)
        {
            roll = roll * 3 / 4;
        }

        return roll switch
        {
            < 20 => WarningLevel.Level1,
            < 60 => WarningLevel.Level2,
            < 150 => WarningLevel.Level3,
            _ => WarningLevel.None,
        };
    }

    /// <summary>A PHQ-9 follow-up for a quarter of the warned students and ~1% of the others (~5% in all).</summary>
    internal static bool TakesPhq9(StudentPlan plan, WarningLevel? provincial) => plan.Fixture is null && TakesPhq9(plan.Hash, provincial);

    internal static bool TakesPhq9(uint h, WarningLevel? provincial) =>
        provincial is { } w && w != WarningLevel.None ? Hash(h, 20) % 4 == 0 : Hash(h, 20) % 90 == 0;

    /// <summary>The school year whose autumn screening is the latest: this one once it is under way, else last year's.</summary>
    internal static SchoolYear LatestScreeningYear(SchoolYear thisYear, DateOnly today)
    {
        var year = thisYear;
        while (new DateOnly(year.StartYear, 10, 15) > today)
        {
            year = year.Previous;
        }

        return year;
    }

    /// <summary>A school year's term-1 screening (秋季学期心理普测): 8–31 October, not past today.</summary>
    internal static (string Name, DateOnly StartsOn, DateOnly EndsOn) AutumnScreening(SchoolYear year, DateOnly today) =>
        ($"{year.StartYear}年秋季学期心理普测", new DateOnly(year.StartYear, 10, 8), Min(new DateOnly(year.StartYear, 10, 31), today));

    /// <summary>Nine answers 0–3; a warned student's total is higher, and one in twenty of them answers item 9 above 0.</summary>
    internal static int[] Phq9Answers(uint h, bool warned)
    {
        var answers = new int[QuestionnaireScoring.Phq9Items];
        var total = warned ? 6 + (int)(h % 15) : (int)(h % 10);
        if (warned && Hash(h, 1) % 20 == 0)
        {
            answers[8] = 1 + (int)(Hash(h, 2) % 2);
            total = Math.Max(0, total - answers[8]);
        }

        Spread(answers, total, 8, h);
        return answers;
    }

    /// <summary>Seven GAD-7 answers 0–3; a warned student's total is higher.</summary>
    internal static int[] Gad7Answers(uint h, bool warned)
    {
        var answers = new int[QuestionnaireScoring.Gad7Items];
        Spread(answers, warned ? 6 + (int)(h % 13) : (int)(h % 9), answers.Length, h);
        return answers;
    }

    /// <summary>Hands out <paramref name="total"/> points one at a time to the first <paramref name="items"/> answers, none above 3.</summary>
    private static void Spread(int[] answers, int total, int items, uint h)
    {
        for (var point = 0; point < total; point++)
        {
            var item = (int)(Hash(h, 100 + point) % (uint)items);
            for (var tries = 0; tries < items && answers[item] == 3; tries++)
            {
                item = (item + 1) % items;
            }

            if (answers[item] < 3)
            {
                answers[item]++;
            }
        }
    }

    /// <summary>Most suggestions older than two weeks are decided: ~60% confirmed, a few overridden; the rest wait.</summary>
    private static void Decide(ScreeningResult result, DateOnly takenOn, DateOnly confirmBefore, uint h, string by, DateTimeOffset now)
    {
        if (!result.AwaitsDecision || takenOn > confirmBefore)
        {
            return;
        }

        var roll = h % 100;
        var decidedAt = Min(Max(result.RecordedAt, At(takenOn.AddDays(3 + (int)(Hash(h, 1) % 10)), 10, (int)(Hash(h, 2) % 60))), now);
        if (roll < 60)
        {
            result.Confirm(by, decidedAt);
        }
        else if (roll < 68)
        {
            var (tier, reason) = result.SuggestedTier switch
            {
                1 => (2, "经复评并与家长沟通，无自伤计划，先按二级帮扶"),
                2 => (3, "复评后情绪有所好转，班主任一对一跟进"),
                _ => (0, "班主任反映近期情绪稳定，先观察"),
            };
            result.Override(tier, reason, by, decidedAt);
        }
    }

    internal static void AddTalks(
        List<Talk> talks, StudentPlan plan, SchoolPeople staff, WarningLevel warning, DateOnly? warnedOn, DateOnly startsOn,
        DateOnly today, DateTimeOffset now, string recorder, string counsellorRecorder)
    {
        var h = Hash(plan.Hash, 60);
        var flags = plan.Student.KeyPopulations;
        var headTeacher = staff.HeadTeachers.GetValueOrDefault(plan.Student.ClassId) ?? staff.AnyTeacher(h) ?? "班主任";
        var counsellor = staff.Counsellor ?? headTeacher;
        var leader = staff.Leader ?? headTeacher;
        var guardian = plan.GuardianRelation;
        var windowStart = startsOn.AddDays(-30);

        void Add(TalkKind kind, DateOnly on, string by, string? with, string summary, bool followUp, string recordedBy)
        {
            on = Min(on, today);
            var recordedAt = Min(At(on, 9 + (int)(Hash(h, (int)kind + on.DayNumber) % 8), (int)(Hash(h, on.DayNumber) % 60)), now);
            talks.Add(new Talk(plan.Id, plan.Student.SchoolId, kind, on, by, with, summary, followUp, recordedBy, recordedAt, today));
        }

        if (warning != WarningLevel.None && warnedOn is { } screenedOn)
        {
            var first = screenedOn.AddDays(2 + (int)(Hash(h, 1) % 10));
            if (warning == WarningLevel.Level3)
            {
                Add(TalkKind.HeadTeacherTalk, first, headTeacher, null, HeadTeacherSummaries[Hash(h, 2) % (uint)HeadTeacherSummaries.Length], Hash(h, 3) % 2 == 0, recorder);
            }
            else
            {
                Add(TalkKind.CounsellorTalk, first, counsellor, null, CounsellorSummaries[Hash(h, 2) % (uint)CounsellorSummaries.Length], true, counsellorRecorder);
            }

            if (warning != WarningLevel.Level3 || Hash(h, 4) % 3 == 0)
            {
                var second = first.AddDays(5 + (int)(Hash(h, 5) % 14));
                var kind = warning == WarningLevel.Level1 && Hash(h, 6) % 3 == 0 ? TalkKind.LeaderTalk
                    : Hash(h, 6) % 2 == 0 ? TalkKind.ParentTalk : TalkKind.HeadTeacherTalk;
                switch (kind)
                {
                    case TalkKind.LeaderTalk:
                        Add(kind, second, leader, null, LeaderSummaries[0], true, recorder);
                        break;
                    case TalkKind.ParentTalk:
                        Add(kind, second, headTeacher, guardian, ParentSummaries[Hash(h, 7) % (uint)ParentSummaries.Length], warning == WarningLevel.Level1, recorder);
                        break;
                    default:
                        Add(kind, second, headTeacher, null, HeadTeacherSummaries[Hash(h, 7) % (uint)HeadTeacherSummaries.Length], warning != WarningLevel.Level3, recorder);
                        break;
                }
            }
        }

        if (flags != KeyPopulations.None)
        {
            var visitOn = Pick(windowStart, today, Hash(h, 10));
            if (flags.HasFlag(KeyPopulations.LeftBehind) || flags.HasFlag(KeyPopulations.SingleParent) || flags.HasFlag(KeyPopulations.EconomicHardship))
            {
                var summary = flags.HasFlag(KeyPopulations.LeftBehind) ? HomeVisitSummaries[0]
                    : flags.HasFlag(KeyPopulations.EconomicHardship) ? HomeVisitSummaries[1]
                    : flags.HasFlag(KeyPopulations.SingleParent) ? HomeVisitSummaries[2]
                    : HomeVisitSummaries[3];
                Add(TalkKind.HomeVisit, visitOn, headTeacher, guardian, summary, Hash(h, 11) % 4 == 0, recorder);
            }
            else
            {
                var kind = (Hash(h, 12) % 3) switch
                {
                    0 => TalkKind.SubjectTeacherTalk,
                    1 => TalkKind.PeerTalk,
                    _ => TalkKind.HeadTeacherTalk,
                };
                var (by, summary) = kind switch
                {
                    TalkKind.SubjectTeacherTalk => (staff.AnyTeacher(Hash(h, 13)) ?? headTeacher, SubjectTeacherSummaries[Hash(h, 14) % (uint)SubjectTeacherSummaries.Length]),
                    TalkKind.PeerTalk => (headTeacher, PeerSummaries[Hash(h, 14) % (uint)PeerSummaries.Length]),
                    _ => (headTeacher, HeadTeacherSummaries[Hash(h, 14) % (uint)HeadTeacherSummaries.Length]),
                };
                Add(kind, visitOn, by, null, summary, Hash(h, 15) % 3 == 0, recorder);
            }

            if (Hash(h, 16) % 3 == 0 && flags.HasFlag(KeyPopulations.EconomicHardship))
            {
                Add(TalkKind.LeaderTalk, Pick(windowStart, today, Hash(h, 17)), leader, null, LeaderSummaries[1], false, recorder);
            }
        }

        // 班主任全面谈: every head teacher talks with all students; the demo shows about one in six,
        // and at least the first two students of every school.
        if (plan.IndexInSchool < 2 || Hash(h, 20) % 6 == 0)
        {
            Add(TalkKind.HeadTeacherTalk, Pick(windowStart, today, Hash(h, 21)), headTeacher, null,
                RoutineSummaries[Hash(h, 22) % (uint)RoutineSummaries.Length], false, recorder);
        }
    }

    private static async Task WriteResultsAsync(NpgsqlConnection connection, List<ScreeningResult> results, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(ResultCopy, cancellationToken);
        foreach (var r in results)
        {
            writer.StartRow();
            WriteResult(writer, r);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteTalksAsync(NpgsqlConnection connection, List<Talk> talks, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(TalkCopy, cancellationToken);
        foreach (var t in talks)
        {
            writer.StartRow();
            WriteTalk(writer, t);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    internal static void WriteStudent(NpgsqlBinaryImporter writer, Student s)
    {
        writer.Write(s.SchoolId, NpgsqlDbType.Integer);
        writer.Write(s.ClassId, NpgsqlDbType.Integer);
        writer.Write(s.StudentNumber, NpgsqlDbType.Varchar);
        writer.Write(s.Name, NpgsqlDbType.Varchar);
        writer.Write(s.Gender.ToString(), NpgsqlDbType.Varchar);
        writer.Write(s.BirthDate, NpgsqlDbType.Date);
        writer.Write((int)s.KeyPopulations, NpgsqlDbType.Integer);
        writer.Write(s.ParentChildRelationship.ToString(), NpgsqlDbType.Varchar);
        writer.WriteNullable(s.FamilyChanges);
        writer.WriteNullable(s.GuardianName);
        writer.WriteNullable(s.GuardianPhone);
    }

    internal static void WriteCampaign(NpgsqlBinaryImporter writer, ScreeningCampaign c)
    {
        writer.Write(c.SchoolId, NpgsqlDbType.Integer);
        writer.Write(c.Name, NpgsqlDbType.Varchar);
        writer.Write(c.Instrument.ToString(), NpgsqlDbType.Varchar);
        writer.Write(c.StartsOn, NpgsqlDbType.Date);
        writer.Write(c.EndsOn, NpgsqlDbType.Date);
        writer.Write(c.SchoolYear, NpgsqlDbType.Integer);
        writer.Write(c.Term, NpgsqlDbType.Integer);
    }

    internal static void WriteBatch(NpgsqlBinaryImporter writer, ImportBatch b)
    {
        writer.Write(b.SchoolId, NpgsqlDbType.Integer);
        writer.Write(b.FileName, NpgsqlDbType.Varchar);
        writer.Write(b.Sha256, NpgsqlDbType.Char);
        writer.Write(b.Rows, NpgsqlDbType.Integer);
        writer.Write(b.ImportedBy, NpgsqlDbType.Varchar);
        writer.Write(b.ImportedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    internal static void WriteResult(NpgsqlBinaryImporter writer, ScreeningResult r)
    {
        writer.Write(r.StudentId, NpgsqlDbType.Integer);
        writer.Write(r.SchoolId, NpgsqlDbType.Integer);
        writer.WriteNullable(r.CampaignId, NpgsqlDbType.Integer);
        writer.WriteNullable(r.ImportBatchId, NpgsqlDbType.Bigint);
        writer.Write(r.Instrument.ToString(), NpgsqlDbType.Varchar);
        writer.Write(r.TakenOn, NpgsqlDbType.Date);
        writer.Write(r.Source.ToString(), NpgsqlDbType.Varchar);
        if (r.Answers is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(r.Answers, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        }

        writer.WriteNullable(r.Total, NpgsqlDbType.Integer);
        // Only MHT sheets have subscales: the other million rows need no serializer.
        writer.Write(r.Subscales.Count == 0 ? "{}" : JsonSerializer.Serialize(r.Subscales, JsonOptions), NpgsqlDbType.Jsonb);
        writer.Write(r.Band, NpgsqlDbType.Varchar);
        writer.Write((int)r.Warning, NpgsqlDbType.Integer);
        writer.Write(r.Crisis, NpgsqlDbType.Boolean);
        writer.Write(r.Invalid, NpgsqlDbType.Boolean);
        writer.Write(r.Flags, NpgsqlDbType.Array | NpgsqlDbType.Text);
        writer.WriteNullable(r.SuggestedTier, NpgsqlDbType.Integer);
        writer.Write(r.DecisionState.ToString(), NpgsqlDbType.Varchar);
        writer.WriteNullable(r.DecidedTier, NpgsqlDbType.Integer);
        writer.WriteNullable(r.DecisionReason);
        writer.WriteNullable(r.DecidedBy);
        if (r.DecidedAt is { } decidedAt)
        {
            writer.Write(decidedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            writer.WriteNull();
        }

        writer.WriteNullable(r.CorrectsId, NpgsqlDbType.Bigint);
        writer.Write(r.IsSuperseded, NpgsqlDbType.Boolean);
        writer.WriteNullable(r.CorrectionReason);
        writer.Write(r.RecordedBy, NpgsqlDbType.Varchar);
        writer.Write(r.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    internal static void WriteTalk(NpgsqlBinaryImporter writer, Talk t)
    {
        writer.Write(t.StudentId, NpgsqlDbType.Integer);
        writer.Write(t.SchoolId, NpgsqlDbType.Integer);
        writer.Write(t.Kind.ToString(), NpgsqlDbType.Varchar);
        writer.Write(t.OccurredOn, NpgsqlDbType.Date);
        writer.Write(t.ByName, NpgsqlDbType.Varchar);
        writer.WriteNullable(t.WithWhom);
        writer.Write(t.Summary, NpgsqlDbType.Varchar);
        writer.Write(t.FollowUpNeeded, NpgsqlDbType.Boolean);
        writer.Write(t.RecordedBy, NpgsqlDbType.Varchar);
        writer.Write(t.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    /// <summary>The staff names talks are recorded under: leader, psychology teacher, head teacher of each class.</summary>
    internal static async Task<Dictionary<int, SchoolPeople>> LoadPeopleAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(m => m.LeftOn == null || m.LeftOn > today)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.SchoolId, m.Name, m.IsSchoolLeader, m.PsychologyPost })
            .ToListAsync(cancellationToken);
        var classesOf = (await db.StaffClasses.AsNoTracking().Select(c => new { c.StaffMemberId, c.ClassId }).ToListAsync(cancellationToken))
            .ToLookup(c => c.StaffMemberId, c => c.ClassId);
        var people = new Dictionary<int, SchoolPeople>();
        foreach (var member in staff)
        {
            if (!people.TryGetValue(member.SchoolId, out var school))
            {
                school = new SchoolPeople();
                people[member.SchoolId] = school;
            }

            if (member.IsSchoolLeader)
            {
                school.Leader ??= member.Name;
            }

            if (member.PsychologyPost == PsychologyPost.FullTime && (school.Counsellor is null || !school.CounsellorIsFullTime))
            {
                school.Counsellor = member.Name;
                school.CounsellorIsFullTime = true;
            }
            else if (member.PsychologyPost == PsychologyPost.PartTime)
            {
                school.Counsellor ??= member.Name;
            }

            foreach (var classId in classesOf[member.Id])
            {
                school.HeadTeachers.TryAdd(classId, member.Name);
            }

            if (!member.IsSchoolLeader)
            {
                school.Teachers.Add(member.Name);
            }
        }

        return people;
    }

    internal static DateOnly Pick(DateOnly from, DateOnly to, uint h) =>
        to < from ? to : from.AddDays((int)(h % (uint)(to.DayNumber - from.DayNumber + 1)));

    /// <summary>A China-time moment on a day, as UTC (PostgreSQL timestamptz takes UTC only).</summary>
    internal static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>一级 is more serious than 二级 and 三级; any level is more serious than none.</summary>
    internal static WarningLevel MoreSerious(WarningLevel a, WarningLevel b) =>
        a == WarningLevel.None ? b : b == WarningLevel.None ? a : (WarningLevel)Math.Min((int)a, (int)b);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static uint Hash(int value, int salt) => SeedHash.Of(value, salt);

    private static uint Hash(uint value, int salt) => SeedHash.Of(value, salt);

    internal enum Setting
    {
        Urban,
        Town,
        Rural,
    }

    /// <summary>Rural counties (3604 2x) and county-level cities (3604 8x) have more key-population students than the city districts.</summary>
    internal static Setting SettingOf(string area) => area[3..5] switch
    {
        "42" => Setting.Rural,
        "48" => Setting.Town,
        _ => Setting.Urban,
    };

    private sealed record ClassRow(int Id, int SchoolId, SchoolSection Section, int EntryYear, int Number);

    internal sealed class StudentPlan(Student student, uint hash, string guardianRelation)
    {
        public Student Student { get; } = student;

        public uint Hash { get; } = hash;

        public string GuardianRelation { get; } = guardianRelation;

        public int Id { get; set; }

        public int IndexInSchool { get; set; }

        /// <summary>The warning level a fixture student must have, left pending.</summary>
        public WarningLevel? Fixture { get; set; }

        public bool InFixtureClass { get; set; }
    }

    internal sealed class SchoolPeople
    {
        public static SchoolPeople Empty { get; } = new();

        public string? Leader { get; set; }

        public string? Counsellor { get; set; }

        public bool CounsellorIsFullTime { get; set; }

        public Dictionary<int, string> HeadTeachers { get; } = [];

        public List<string> Teachers { get; } = [];

        public string? AnyTeacher(uint h) => Teachers.Count == 0 ? null : Teachers[(int)(h % (uint)Teachers.Count)];
    }

    /// <summary>
    /// 学籍号 — G + a resident ID number: district code, birth date, a sequence (odd for boys, even for girls)
    /// and the ISO 7064 MOD 11-2 check character. Each (area, birth date, gender) has 499 sequences, taken from
    /// a hashed start in turn; numbers already in the database are skipped, so no number is given twice.
    /// </summary>
    internal sealed class StudentNumbers(IEnumerable<string> existing)
    {
        private const int SequencesPerDay = 499;

        private readonly Dictionary<(string Area, DateOnly Birth, Gender Gender), int> _next = [];
        private readonly HashSet<string> _taken = new(existing, StringComparer.Ordinal);

        public string Next(string area, DateOnly birth, Gender gender)
        {
            var key = (area, birth, gender);
            var start = (int)(Hash((uint)(birth.DayNumber * 31 + int.Parse(area, System.Globalization.CultureInfo.InvariantCulture)), 7) % SequencesPerDay);
            for (var k = _next.GetValueOrDefault(key); k < SequencesPerDay; k++)
            {
                var j = (start + k) % SequencesPerDay;
                var sequence = gender == Gender.Male ? 2 * j + 1 : 2 * j + 2;
                var body = FormattableString.Invariant($"{area}{birth:yyyyMMdd}{sequence:D3}");
                var number = "G" + body + Student.ResidentIdCheckCharacter(body);
                if (_taken.Add(number))
                {
                    _next[key] = k + 1;
                    return number;
                }
            }

            throw new InvalidOperationException($"No student number left for area {area}, born {birth:yyyy-MM-dd}, {gender}.");
        }
    }
}
