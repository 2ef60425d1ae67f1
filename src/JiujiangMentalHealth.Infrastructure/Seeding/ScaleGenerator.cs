using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>One class in session this school year, as the generator needs it.</summary>
internal sealed record ScaleClass(int Id, SchoolSection Section, int EntryYear, int Number);

/// <summary>A student of a filled school: one the demo already had, or one the scale seeder adds.</summary>
internal sealed record ScaleStudent(DemoStudents.StudentPlan Plan, ScaleClass Class, bool IsNew);

/// <summary>A school being filled: what the generator reads about it, and the students it will have.</summary>
internal sealed class ScaleSchool(int id, string code, int index, string name, int districtId, string districtCode, int enrolment)
{
    public int Id { get; } = id;

    public string Code { get; } = code;

    /// <summary>Position in <see cref="DemoCity.Schools"/>: seeds everything generated for the school, whatever else is filled.</summary>
    public int Index { get; } = index;

    public string Name { get; } = name;

    public int DistrictId { get; } = districtId;

    public string DistrictCode { get; } = districtCode;

    public int Enrolment { get; } = enrolment;

    public List<ScaleClass> Classes { get; } = [];

    public List<ScaleStudent> Students { get; } = [];

    public DemoStudents.SchoolPeople People { get; set; } = DemoStudents.SchoolPeople.Empty;

    public DemoSupport.SchoolStaff? Staff { get; set; }

    /// <summary>The demo's campaign of this school year's autumn screening, when the school has one.</summary>
    public int? CurrentCampaignId { get; set; }

    /// <summary>Who records the school's screenings and support work: its demo counsellor account, else "system".</summary>
    public string Recorder { get; set; } = DemoSupport.SystemUser;

    /// <summary>Who signs off tier-1 closures: the demo leader account, else the school leader's name.</summary>
    public string LeaderUser { get; set; } = DemoSupport.SystemUser;
}

/// <summary>The next free id of each table the scale seeder writes with explicit ids.</summary>
internal sealed class ScaleIds(long student, long campaign, long batch, long result, long assignment, long crisis)
{
    private long _student = student;
    private long _campaign = campaign;
    private long _batch = batch;
    private long _result = result;
    private long _assignment = assignment;
    private long _crisis = crisis;

    public int NextStudent() => checked((int)++_student);

    public int NextCampaign() => checked((int)++_campaign);

    public long NextBatch() => ++_batch;

    public long NextResult() => ++_result;

    public long NextAssignment() => ++_assignment;

    public long NextCrisis() => ++_crisis;
}

/// <summary>
/// 规模数据 — turns a school of the demo city into two school years of records, with no database in
/// sight: the students its enrolment says (beside the demo's few per class), the provincial autumn
/// screening of last and of this school year, PHQ-9 follow-ups (some with a positive item 9), the
/// spring re-tests (PHQ-9 and GAD-7) of last year's warned students, the counsellors' tier decisions,
/// each supported student's story (started, escalated, eased, closed at the end of the year or carried
/// on, a crisis putting the student on tier 1 at once) with follow-ups by the team, crisis events with
/// their steps, talks and home visits, and the school's activities of the months the demo leaves out.
/// </summary>
/// <remarks>
/// Everything goes through the domain (<see cref="Student"/>, <see cref="ScreeningResult"/>,
/// <see cref="SupportAssignment"/>, <see cref="SupportTeam.Check"/>, <see cref="CrisisEvent"/>,
/// <see cref="Talk"/>, <see cref="Activity"/>), so its rules hold; variety comes from
/// <see cref="SeedHash"/> of each student's serial, so a school comes out the same whatever else is filled.
/// Warning levels: about 1.2% 一级, 2.8% 二级 and 7% 三级 per screening (key populations more often), a
/// student's risk lasting from one year to the next more often than not.
/// </remarks>
internal sealed class ScaleGenerator
{
    private const string MaintainReason = "已在帮扶中，维持现有帮扶等级";
    private const string CalmReason = "复测后面谈，情绪平稳，班主任继续关注";
    private const int Participation = 97;

    private readonly DateOnly _today;
    private readonly DateTimeOffset _now;
    private readonly SchoolYear _thisYear;
    private readonly Screening _previous;
    private readonly Screening _current;
    private readonly ScaleIds _ids;
    private readonly ReviewCadence _cadence = new();

    public ScaleGenerator(DateOnly today, DateTimeOffset now, ScaleIds ids)
    {
        _today = today;
        _now = now;
        _ids = ids;
        _thisYear = SchoolYear.Containing(today);
        var current = DemoStudents.LatestScreeningYear(_thisYear, today);
        _current = Screening.Of(current, today, today, 15);
        // Last school year's records stop when its second term ends (about 10 July).
        _previous = Screening.Of(current.Previous, Min(new DateOnly(current.StartYear, 7, 10), today), today, 9);
    }

    public string CurrentCampaignName => _current.Name;

    public DateOnly CurrentCampaignStart => _current.StartsOn;

    /// <summary>The earlier of the two school years generated.</summary>
    public SchoolYear FirstSchoolYear => _previous.Year;

    public List<(int Id, ScreeningCampaign Campaign)> Campaigns { get; } = [];

    public List<(long Id, ImportBatch Batch)> Batches { get; } = [];

    public List<Talk> Talks { get; } = [];

    public List<(long Id, SupportAssignment Assignment)> Assignments { get; } = [];

    public List<(long Id, CrisisEvent Crisis)> Crises { get; } = [];

    public List<Activity> Activities { get; } = [];

    /// <summary>The import batch that marks a school as filled: one a second run finds and skips.</summary>
    public static string Marker(string schoolCode) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("jiujiang-scale-seed|" + schoolCode)));

    /// <summary>
    /// Adds students to every class until the school reaches this school year's enrolment, spread evenly;
    /// the demo's students stay where they are and count.
    /// </summary>
    public void PlanStudents(ScaleSchool school, IReadOnlyDictionary<int, int> existingPerClass, DemoStudents.StudentNumbers numbers)
    {
        ArgumentNullException.ThrowIfNull(school);
        ArgumentNullException.ThrowIfNull(existingPerClass);
        var setting = DemoStudents.SettingOf(school.DistrictCode);
        var classes = school.Classes.Count;
        var serial = 10_000_000 + school.Index * 10_000;
        for (var c = 0; c < classes; c++)
        {
            var schoolClass = school.Classes[c];
            var wanted = school.Enrolment / classes + (c < school.Enrolment % classes ? 1 : 0);
            var grade = SchoolClass.GradeOf(schoolClass.Section, schoolClass.EntryYear, _thisYear)!.Value;
            for (var i = existingPerClass.GetValueOrDefault(schoolClass.Id); i < wanted; i++)
            {
                var plan = DemoStudents.PlanStudent(++serial, school.Id, schoolClass.Id, school.DistrictCode, setting, grade, _thisYear, numbers);
                plan.Id = _ids.NextStudent();
                // The demo gives the first two students of every school a routine talk; these are not those.
                plan.IndexInSchool = school.Students.Count + 2;
                school.Students.Add(new ScaleStudent(plan, schoolClass, IsNew: true));
            }
        }
    }

    /// <summary>Everything of the school but its students; its results go to <paramref name="results"/> (the caller streams them out).</summary>
    public void Generate(ScaleSchool school, List<(long Id, ScreeningResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(school);
        ArgumentNullException.ThrowIfNull(results);
        var previous = OpenScreening(school, _previous, null);
        var current = OpenScreening(school, _current, school.CurrentCampaignId);
        var firstResult = results.Count;
        foreach (var student in school.Students)
        {
            var story = new Story();
            var before = results.Count;
            if (InSession(student.Class, _previous.Year))
            {
                Screen(school, student, _previous, previous, story, results, retest: true);
            }

            var previousResults = results.Count;
            if (student.IsNew && InSession(student.Class, _current.Year))
            {
                Screen(school, student, _current, current, story, results, retest: false);
            }

            Support(school, student, story);
            if (student.IsNew && InSession(student.Class, _previous.Year))
            {
                AddTalks(school, student, _previous, Outcome(results, before, previousResults));
            }

            if (student.IsNew && InSession(student.Class, _current.Year))
            {
                AddTalks(school, student, _current, Outcome(results, previousResults, results.Count));
            }
        }

        AddBatch(school, previous, results, firstResult, evenIfEmpty: false);
        AddBatch(school, current, results, firstResult, evenIfEmpty: true);
        AddActivities(school);
    }

    private static (WarningLevel Warning, DateOnly? On) Outcome(List<(long Id, ScreeningResult Result)> results, int from, int to)
    {
        var warning = WarningLevel.None;
        DateOnly? on = null;
        for (var i = from; i < to; i++)
        {
            warning = DemoStudents.MoreSerious(warning, results[i].Result.Warning);
            on ??= results[i].Result.TakenOn;
        }

        return (warning, on);
    }

    private static bool InSession(ScaleClass schoolClass, SchoolYear year) => SchoolClass.GradeOf(schoolClass.Section, schoolClass.EntryYear, year) is not null;

    /// <summary>The school's campaign of a screening (the demo's when it has one) and the import batch of its file.</summary>
    private Batch OpenScreening(ScaleSchool school, Screening screening, int? existingCampaign)
    {
        var campaignId = existingCampaign ?? 0;
        if (existingCampaign is null)
        {
            campaignId = _ids.NextCampaign();
            Campaigns.Add((campaignId, new ScreeningCampaign(school.Id, screening.Name, Instrument.Provincial, screening.StartsOn, screening.EndsOn)));
        }

        // The current year's file carries the marker: it is written in the same transaction as everything else.
        var sha = screening == _current ? Marker(school.Code)
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"scale|{school.Code}|{screening.Name}")));
        var importedAt = Min(DemoStudents.At(screening.EndsOn.AddDays(1), screening.ImportHour, (int)(SeedHash.Of(school.Index, 3) % 60)), _now);
        return new Batch(campaignId, _ids.NextBatch(), sha, $"赣鄱心理测评系统_{screening.Name}_全校导出.xlsx", importedAt);
    }

    /// <summary>The batch with its row count; the marker batch is written even when the school got no new rows, so it is never filled twice.</summary>
    private void AddBatch(ScaleSchool school, Batch batch, List<(long Id, ScreeningResult Result)> results, int from, bool evenIfEmpty)
    {
        var rows = 0;
        for (var i = from; i < results.Count; i++)
        {
            rows += results[i].Result.ImportBatchId == batch.Id ? 1 : 0;
        }

        if (rows > 0 || evenIfEmpty)
        {
            Batches.Add((batch.Id, new ImportBatch(school.Id, batch.FileName, batch.Sha256, rows, school.Recorder, batch.ImportedAt)));
        }
    }

    /// <summary>One school year of a student: the provincial screening, a PHQ-9 follow-up now and then, and last year's spring re-tests.</summary>
    private void Screen(ScaleSchool school, ScaleStudent student, Screening screening, Batch batch, Story story, List<(long Id, ScreeningResult Result)> results, bool retest)
    {
        var plan = student.Plan;
        var h = SeedHash.Of(plan.Hash, screening.Year.StartYear);
        if (SeedHash.Of(h, 10) % 100 >= Participation)
        {
            return;
        }

        var mayWait = screening == _current;
        var warning = Warning(plan, screening.Year);
        var takenOn = DemoStudents.Pick(screening.StartsOn, screening.EndsOn, SeedHash.Of(h, 12));
        var provincial = ScreeningResult.Record(plan.Id, school.Id, QuestionnaireScoring.Provincial(warning, DemoStudents.ProvincialTotal(warning, SeedHash.Of(h, 11))),
            takenOn, null, ResultSource.Imported, school.Recorder, batch.ImportedAt, _today, batch.CampaignId, batch.Id);
        Decide(provincial, takenOn, SeedHash.Of(h, 13), school.Recorder, mayWait);
        results.Add((_ids.NextResult(), provincial));
        var decided = new List<ScreeningResult> { provincial };

        if (DemoStudents.TakesPhq9(h, warning))
        {
            var warned = warning != WarningLevel.None;
            var on = warned
                ? Min(takenOn.AddDays(3 + (int)(SeedHash.Of(h, 21) % 25)), screening.Until)
                : DemoStudents.Pick(screening.StartsOn, Min(screening.StartsOn.AddDays(60), screening.Until), SeedHash.Of(h, 21));
            var answers = DemoStudents.Phq9Answers(SeedHash.Of(h, 22), warned);
            var phq9 = Manual(school, plan, QuestionnaireScoring.Phq9(answers), on, answers, SeedHash.Of(h, 23));
            var id = _ids.NextResult();
            results.Add((id, phq9));
            if (phq9.Crisis)
            {
                // Item 9 above 0: the crisis is handled at once and the student is on tier 1 from that day.
                phq9.Confirm(school.Recorder, phq9.RecordedAt);
                story.Events.Add(new Event(on, Happening.Crisis, 1, id));
            }
            else
            {
                Decide(phq9, on, SeedHash.Of(h, 25), school.Recorder, mayWait);
                decided.Add(phq9);
            }
        }

        // The campaign's decision: the most serious tier a counsellor gave, from the day it was given.
        var tiered = decided.Where(r => r.DecidedTier is >= 1 and <= 3).OrderBy(r => r.DecidedTier).ThenBy(r => r.DecidedAt).FirstOrDefault();
        if (tiered is not null)
        {
            story.Events.Add(new Event(ChinaDay(tiered.DecidedAt!.Value), Happening.Decision, tiered.DecidedTier!.Value, 0));
        }

        if (retest && warning != WarningLevel.None)
        {
            // March: the warned students sit PHQ-9 and GAD-7 again; most who will be eased or closed have improved.
            var on = Min(new DateOnly(screening.Year.StartYear + 1, 3, 2).AddDays((int)(SeedHash.Of(h, 40) % 20)), screening.Until);
            var improving = Fate(plan) < 75;
            var phq9Answers = DemoStudents.Phq9Answers(SeedHash.Of(h, 41), !improving);
            var gad7Answers = DemoStudents.Gad7Answers(SeedHash.Of(h, 42), !improving);
            var phq9 = Manual(school, plan, QuestionnaireScoring.Phq9(phq9Answers), on, phq9Answers, SeedHash.Of(h, 43));
            var gad7 = Manual(school, plan, QuestionnaireScoring.Gad7(gad7Answers), on, gad7Answers, SeedHash.Of(h, 44));
            var phq9Id = _ids.NextResult();
            results.Add((phq9Id, phq9));
            results.Add((_ids.NextResult(), gad7));
            if (phq9.Crisis)
            {
                phq9.Confirm(school.Recorder, phq9.RecordedAt);
                story.Events.Add(new Event(on, Happening.Crisis, 1, phq9Id));
            }

            story.Retests.Add(phq9);
            story.Retests.Add(gad7);
            story.Events.Add(new Event(on.AddDays(2), Happening.Retest, 0, 0));
            if (Fate(plan) is >= 55 and < 75)
            {
                story.Events.Add(new Event(on.AddDays(7), Happening.Ease, 0, 0));
            }
        }

        if (screening == _previous)
        {
            story.Events.Add(new Event(Min(new DateOnly(screening.Year.StartYear + 1, 6, 20).AddDays((int)(SeedHash.Of(h, 50) % 20)), screening.Until),
                Happening.TermEnd, 0, 0));
        }
    }

    private ScreeningResult Manual(ScaleSchool school, DemoStudents.StudentPlan plan, ScreeningScore score, DateOnly on, int[] answers, uint h)
    {
        var recordedAt = Min(DemoStudents.At(on, 8 + (int)(h % 9), (int)(SeedHash.Of(h, 1) % 60)), _now);
        return ScreeningResult.Record(plan.Id, plan.Student.SchoolId, score, on, answers, ResultSource.Manual, school.Recorder, recordedAt, _today);
    }

    /// <summary>
    /// The counsellor's decision on a suggested tier: 一级 almost always confirmed; 二级 half confirmed, else
    /// eased to 三级 or to none; 三级 mostly "watch for now" (none), so about 5% of students have a team.
    /// This year about one in eight suggestions still waits in the queue.
    /// </summary>
    private void Decide(ScreeningResult result, DateOnly takenOn, uint h, string by, bool mayWait)
    {
        if (!result.AwaitsDecision || (mayWait && SeedHash.Of(h, 1) % 100 < 12))
        {
            return;
        }

        var decidedAt = Min(Max(result.RecordedAt, DemoStudents.At(takenOn.AddDays(3 + (int)(SeedHash.Of(h, 2) % 10)), 10, (int)(SeedHash.Of(h, 3) % 60))), _now);
        var roll = h % 100;
        switch (result.SuggestedTier)
        {
            case 1 when roll < 88:
            case 2 when roll < 50:
            case 3 when roll < 8:
                result.Confirm(by, decidedAt);
                break;
            case 1:
                result.Override(2, "经复评并与家长沟通，无自伤计划，先按二级帮扶", by, decidedAt);
                break;
            case 2 when roll < 65:
                result.Override(3, "复评后情绪有所好转，班主任一对一跟进", by, decidedAt);
                break;
            default:
                result.Override(0, "班主任反映近期情绪稳定，先观察", by, decidedAt);
                break;
        }
    }

    /// <summary>
    /// The student's support, event by event in date order: a decided tier starts or changes the assignment,
    /// a crisis moves it to tier 1 at once (with its crisis event), the spring re-tests are decided against
    /// the tier the student is on, some are eased after them, and most of last year's close when the year
    /// ends (the demo's own students' always do: this year is the demo's). Follow-ups in between, by the team.
    /// </summary>
    private void Support(ScaleSchool school, ScaleStudent student, Story story)
    {
        if (school.Staff is null || story.Events.Count == 0)
        {
            return;
        }

        var plan = student.Plan;
        var h = SeedHash.Of(plan.Hash, 71);
        var by = school.Recorder;
        SupportAssignment? active = null;
        var since = default(DateOnly);
        var lastCrisis = DateOnly.MinValue;

        void FollowUpsUntil(DateOnly on)
        {
            if (active is not null)
            {
                DemoSupport.LogFollowUps(active, since, on.AddDays(-1 - (int)(h % 3)), _cadence.DaysFor(active.Tier), by, SeedHash.Of(h, on.DayNumber), _today);
            }
        }

        bool MoveTo(int tier, DateOnly on, string startReason, string? changeReason)
        {
            if (active?.Tier == tier)
            {
                return true;
            }

            var team = DemoSupport.Team(school.Staff, tier, school.Id, student.Class.Id, h);
            if (team is null)
            {
                return false;
            }

            if (active is null)
            {
                active = SupportAssignment.Start(plan.Id, school.Id, tier, team, on, by, startReason);
                Assignments.Add((_ids.NextAssignment(), active));
            }
            else
            {
                FollowUpsUntil(on);
                active.Reassess(tier, team, on, by, changeReason ?? (tier < active.Tier ? DemoSupport.Escalation : DemoSupport.Deescalation));
            }

            since = on;
            return true;
        }

        foreach (var e in story.Events.Where(e => e.On <= _today).OrderBy(e => e.On).ThenBy(e => e.Kind))
        {
            // The demo's own students have this school year from the demo: only last year is theirs here.
            if (!student.IsNew && e.On > _previous.Until)
            {
                break;
            }

            switch (e.Kind)
            {
                case Happening.Decision:
                    MoveTo(e.Tier, e.On, "测评结果确认", null);
                    break;
                case Happening.Crisis:
                    // A crisis puts the student on tier 1 at once; a school that cannot staff tier 1 records none.
                    if (MoveTo(1, e.On, "心理危机事件：立即纳入一级帮扶", DemoSupport.CrisisEscalation))
                    {
                        lastCrisis = e.On;
                        AddCrisis(school, student, e, h, by);
                    }

                    break;
                case Happening.Retest:
                    foreach (var result in story.Retests.Where(r => r.AwaitsDecision))
                    {
                        var decidedAt = Min(Max(result.RecordedAt, DemoStudents.At(e.On, 15, (int)(h % 60))), _now);
                        if (active is null)
                        {
                            result.Override(0, CalmReason, by, decidedAt);
                        }
                        else if (result.SuggestedTier == active.Tier)
                        {
                            result.Confirm(by, decidedAt);
                        }
                        else
                        {
                            result.Override(active.Tier, MaintainReason, by, decidedAt);
                        }
                    }

                    break;
                case Happening.Ease when active is { Tier: < 3 } && lastCrisis < e.On.AddDays(-30):
                    MoveTo(active.Tier + 1, e.On, "", DemoSupport.Deescalation);
                    break;
                case Happening.TermEnd when active is not null && (!student.IsNew || (Fate(plan) < 55 && lastCrisis < e.On.AddDays(-45))):
                    FollowUpsUntil(e.On);
                    active.Close(DemoSupport.ClosureReason, DemoSupport.ClosureOutcome, e.On, by, active.WasEverTier1 ? school.LeaderUser : null);
                    active = null;
                    break;
            }
        }

        if (active is not null)
        {
            var days = _cadence.DaysFor(active.Tier);
            var lastOn = DemoSupport.LastFollowUpOn(since, days, overdue: SeedHash.Of(h, 77) % 100 >= 80, h, _today);
            DemoSupport.LogFollowUps(active, since, lastOn, days, by, h, _today);
        }
    }

    /// <summary>The crisis event, its steps as far as its age allows (closed after about five weeks); last year's all closed.</summary>
    private void AddCrisis(ScaleSchool school, ScaleStudent student, Event e, uint h, string by)
    {
        var age = _today.DayNumber - e.On.DayNumber;
        var lastYear = e.On <= _previous.Until;
        var reached = lastYear || age >= 35 ? CrisisStep.Closed
            : age >= 25 ? CrisisStep.ReturnAssessment
            : age >= 14 ? CrisisStep.HospitalFeedback
            : age >= 7 ? CrisisStep.Referred
            : age >= 3 ? CrisisStep.GuardianInformed
            : CrisisStep.Assessed;
        var plan = new DemoSupport.CrisisPlan(student.Plan.Id, school.Id, student.Class.Id, e.On, reached, e.ResultId, Overdue: false, Referral: h % 10 < 7);
        Crises.Add((_ids.NextCrisis(), DemoSupport.BuildCrisis(plan, by, _today, lastYear ? e.On.AddDays(42) : null)));
    }

    /// <summary>The demo's talks and home visits of one school year (after its screening), for a student the demo did not have.</summary>
    private void AddTalks(ScaleSchool school, ScaleStudent student, Screening screening, (WarningLevel Warning, DateOnly? On) outcome)
    {
        var source = student.Plan;
        var plan = screening == _current ? source
            : new DemoStudents.StudentPlan(source.Student, SeedHash.Of(source.Hash, screening.Year.StartYear), source.GuardianRelation)
            {
                Id = source.Id,
                IndexInSchool = source.IndexInSchool,
            };
        DemoStudents.AddTalks(Talks, plan, school.People, outcome.Warning, outcome.On, screening.StartsOn, screening.Until,
            Min(DemoStudents.At(screening.Until, 20, 0), _now), school.Recorder, school.Recorder);
    }

    /// <summary>The school's activities of the first months of last school year, which the demo's year of activities does not reach.</summary>
    private void AddActivities(ScaleSchool school)
    {
        var from = _previous.Year.FirstDay;
        var to = _today.AddYears(-1);
        if (to < from)
        {
            return;
        }

        var random = new Random((int)(SeedHash.Of(school.Index, 525) & 0x7FFF_FFFF));
        var row = new DemoOutreach.SchoolRow(school.Id, school.DistrictId, school.Name, school.Enrolment);
        foreach (var details in DemoOutreach.SchoolActivities(row, from, to, random))
        {
            Activities.Add(new Activity(OrganiserLevel.School, school.DistrictId, school.Id, details, DemoOutreach.Recorder, Min(DemoStudents.At(details.HeldOn, 18, 0), _now), _today));
        }
    }

    /// <summary>
    /// A student's warning level in a school year: 1.2% 一级, 2.8% 二级, 7% 三级. Four times in five the
    /// student's lasting risk decides (so last year's warned students are mostly warned again), else the year's own.
    /// </summary>
    private static WarningLevel Warning(DemoStudents.StudentPlan plan, SchoolYear year)
    {
        var lasting = SeedHash.Of(plan.Hash, 14) % 1000;
        var roll = SeedHash.Of(plan.Hash, 15 + year.StartYear) % 10 < 8 ? lasting : SeedHash.Of(plan.Hash, 16 + year.StartYear) % 1000;
        if (plan.Student.KeyPopulations != KeyPopulations.None)
        {
            roll = roll * 3 / 4;
        }

        return roll switch
        {
            < 12 => WarningLevel.Level1,
            < 40 => WarningLevel.Level2,
            < 110 => WarningLevel.Level3,
            _ => WarningLevel.None,
        };
    }

    /// <summary>How a supported student's year goes: under 55 better by the summer (closed), 55–74 eased in spring, the rest carried on.</summary>
    private static uint Fate(DemoStudents.StudentPlan plan) => SeedHash.Of(plan.Hash, 70) % 100;

    private static DateOnly ChinaDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>An autumn screening: its school year, name and window, the day its year's records end, and the hour its file was imported.</summary>
    private sealed record Screening(SchoolYear Year, string Name, DateOnly StartsOn, DateOnly EndsOn, DateOnly Until, int ImportHour)
    {
        public static Screening Of(SchoolYear year, DateOnly until, DateOnly today, int importHour)
        {
            var (name, startsOn, endsOn) = DemoStudents.AutumnScreening(year, today);
            return new Screening(year, name, startsOn, endsOn, until, importHour);
        }
    }

    private sealed record Batch(int CampaignId, long Id, string Sha256, string FileName, DateTimeOffset ImportedAt);

    private enum Happening
    {
        Decision,
        Crisis,
        Retest,
        Ease,
        TermEnd,
    }

    private readonly record struct Event(DateOnly On, Happening Kind, int Tier, long ResultId);

    private sealed class Story
    {
        public List<Event> Events { get; } = [];

        public List<ScreeningResult> Retests { get; } = [];
    }
}
