using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// 演示数据 — support teams, follow-ups, crisis events and emergency plans, so the support, crisis and
/// to-do pages show real work. Every student whose tier a counsellor confirmed or overrode to 1–3 gets
/// an assignment of that tier with a team from the school's own staff (skipped when the school cannot
/// fill the tier); ~80% of the active ones are reviewed on time and ~20% are overdue; a few were
/// escalated or de-escalated (the history kept) and a few closed. 九江市双峰小学 always has active
/// assignments of all three tiers, an overdue tier-1 and tier-2 review, open crisis events at
/// different steps (评估, 绿色通道转介 to 九江市第五人民医院, 医院反馈) and a closed one.
/// ~85% of schools have a current emergency plan.
/// </summary>
/// <remarks>
/// Deterministic (an integer hash, no randomness) and seeded only when <c>support_assignments</c> is
/// empty. Everything is built through the domain (<see cref="SupportAssignment"/>, <see cref="SupportTeam.Check"/>,
/// <see cref="CrisisEvent"/>, <see cref="EmergencyPlan"/>) and written with binary COPY.
/// Dates are never after today (China time).
/// </remarks>
public static class DemoSupport
{
    public const string FixtureSchool = DemoStudents.FixtureSchool;
    public const string Hospital = "九江市第五人民医院";
    public const string Department = "儿童青少年心理科";

    internal const string SystemUser = "system";

    internal const string ClosureReason = "情绪稳定，连续随访及复评无异常";
    internal const string ClosureOutcome = "好转，转为常规关注";
    internal const string CrisisEscalation = "发生心理危机事件，立即升级为一级帮扶（三包一）";
    internal const string Escalation = "复评后情绪波动加重，升级帮扶";
    internal const string Deescalation = "连续随访情况好转，复评后降级帮扶";

    // The columns each row writer below writes, in order; the scale seeder puts an explicit id in front.
    internal const string AssignmentColumns = "student_id, school_id, tier, status, started_on, last_follow_up_on, closed_on, closure_reason, outcome, signed_off_by";

    internal const string MemberColumns = "assignment_id, staff_member_id, role";

    internal const string ChangeColumns = "assignment_id, \"on\", from_tier, to_tier, kind, reason, \"by\", team";

    internal const string FollowUpColumns = "assignment_id, staff_member_id, \"on\", kind, summary, next_step, \"by\"";

    internal const string CrisisColumns = "student_id, school_id, opened_on, screening_result_id";

    internal const string StepColumns = "crisis_event_id, step, \"on\", \"by\", notes, not_applicable, hospital, department, referred_on";

    private const string AssignmentCopy = $"COPY support_assignments ({AssignmentColumns}) FROM STDIN (FORMAT BINARY)";

    private const string MemberCopy = $"COPY support_members ({MemberColumns}) FROM STDIN (FORMAT BINARY)";

    private const string ChangeCopy = $"COPY support_changes ({ChangeColumns}) FROM STDIN (FORMAT BINARY)";

    private const string FollowUpCopy = $"COPY follow_ups ({FollowUpColumns}) FROM STDIN (FORMAT BINARY)";

    private const string CrisisCopy = $"COPY crisis_events ({CrisisColumns}) FROM STDIN (FORMAT BINARY)";

    private const string StepCopy = $"COPY crisis_steps ({StepColumns}) FROM STDIN (FORMAT BINARY)";

    private const string PlanCopy = "COPY emergency_plans (school_id, version, approved_on, last_reviewed_on) FROM STDIN (FORMAT BINARY)";

    private static readonly string[] LeaderSummaries =
    [
        "校领导重点谈：了解近况，协调班级和家庭共同关注",
        "校领导约谈学生和家长，明确家校分工，每周反馈",
    ];

    private static readonly string[] HeadTeacherSummaries =
    [
        "班主任谈心：情绪较平稳，能按时完成作业，继续关注",
        "班主任谈心：与同学偶有矛盾，已调解，安排同伴陪伴",
        "班主任谈心：自述睡眠改善，上课注意力有所提高",
        "与家长电话沟通在家表现，家长表示会多陪伴少批评",
    ];

    private static readonly string[] HomeVisitSummaries =
    [
        "家访：了解家庭情况，与家长商定每周沟通一次",
        "家访：孩子由祖辈照料，建议父母每周视频联系",
    ];

    private static readonly string[] CounsellorSummaries =
    [
        "个体辅导一次：情绪评估较上次好转，继续每周辅导",
        "个体辅导：练习放松训练，学生愿意主动求助",
        "沙盘辅导一次，表达较多孤独感，约定下次继续",
        "复评面谈：无自伤想法，已更新安全计划并告知班主任",
    ];

    private static readonly string[] NextSteps =
    [
        "下周继续谈心",
        "两周后复评",
        "与家长保持沟通",
        "关注课堂表现和同伴关系",
    ];

    /// <summary>Adds the demo support data when no assignment exists yet; returns how many assignments it added.</summary>
    public static async Task<int> SeedAsync(AppDbContext db, SchoolYear thisYear, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.SupportAssignments.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var added = await SeedInTransactionAsync(db, thisYear, now.ToUniversalTime(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return added;
        });
    }

    private static async Task<int> SeedInTransactionAsync(AppDbContext db, SchoolYear thisYear, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.SupportAssignments.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).DateTime);
        var cadence = new ReviewCadence();
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var staff = await LoadStaffAsync(db, today, cancellationToken);

        // The decided tier of each student (the most serious one when several results were decided).
        var decided = (await db.ScreeningResults.AsNoTracking()
                .Where(r => !r.IsSuperseded && (r.DecisionState == TierDecisionState.Confirmed || r.DecisionState == TierDecisionState.Overridden)
                            && r.DecidedTier >= 1 && r.DecidedTier <= 3)
                .Join(db.Students, r => r.StudentId, s => s.Id, (r, s) => new { r.StudentId, s.SchoolId, s.ClassId, Tier = r.DecidedTier!.Value, r.DecidedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.StudentId)
            .Select(g => g.OrderBy(r => r.Tier).First())
            .ToDictionary(r => r.StudentId, r => new Decision(r.StudentId, r.SchoolId, r.ClassId, r.Tier,
                Min(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.DecidedAt ?? now, ChinaTime.Zone).DateTime), today)));

        // Crisis events: four at the fixture school (one per phase), and one in a few other schools.
        var crises = await PlanCrisesAsync(db, schools.Select(s => (s.Id, s.Name)).ToList(), decided, thisYear, today, cancellationToken);
        var crisisByStudent = crises.ToDictionary(c => c.StudentId);
        var decidedBySchool = decided.Values.ToLookup(d => d.SchoolId);

        var assignments = new List<SupportAssignment>();
        var events = new List<CrisisEvent>();
        foreach (var school in schools)
        {
            if (!staff.TryGetValue(school.Id, out var people))
            {
                continue;
            }

            var fixtureSchool = school.Name == FixtureSchool;
            var leaderUser = DemoSeeder.AccountFor(school.Name, Roles.SchoolLeader) ?? people.LeaderName;
            var by = DemoSeeder.AccountFor(school.Name, Roles.Counsellor) ?? SystemUser;
            var forcedOverdueTier2 = !fixtureSchool;
            var keep = decidedBySchool[school.Id].GroupBy(d => d.Tier).Select(g => g.Min(d => d.StudentId)).ToHashSet();
            var students = decidedBySchool[school.Id].Select(d => d.StudentId)
                .Concat(crises.Where(c => c.SchoolId == school.Id).Select(c => c.StudentId))
                .Distinct().Order().ToList();
            foreach (var studentId in students)
            {
                var h = Hash(studentId, 1);
                var decision = decided.GetValueOrDefault(studentId);
                var crisis = crisisByStudent.GetValueOrDefault(studentId);
                var classId = decision?.ClassId ?? crisis!.ClassId;
                SupportAssignment? assignment = null;

                if (crisis is not null)
                {
                    var tier1 = Team(people, 1, school.Id, classId, h);
                    if (tier1 is null)
                    {
                        continue;
                    }

                    // A crisis puts the student on tier 1 at once: escalated if already supported, else started.
                    var crisisEvent = BuildCrisis(crisis, by, today);
                    if (decision is not null && decision.Tier != 1 && decision.DecidedOn < crisis.OpenedOn
                        && Team(people, decision.Tier, school.Id, classId, h) is { } earlier)
                    {
                        assignment = SupportAssignment.Start(studentId, school.Id, decision.Tier, earlier, decision.DecidedOn, by, "测评结果确认");
                        LogFollowUps(assignment, decision.DecidedOn, crisis.OpenedOn.AddDays(-1), cadence.DaysFor(decision.Tier), by, h, today);
                        assignment.Reassess(1, tier1, crisis.OpenedOn, by, CrisisEscalation);
                    }
                    else
                    {
                        assignment = SupportAssignment.Start(studentId, school.Id, 1, tier1, crisis.OpenedOn, by, "心理危机事件：立即纳入一级帮扶");
                    }

                    var last = crisis.Overdue ? today.AddDays(-cadence.Tier1Days - 3) : today.AddDays(-(int)(h % 4));
                    LogFollowUps(assignment, crisis.OpenedOn, Max(last, crisis.OpenedOn), cadence.Tier1Days - 2, by, h, today);
                    assignments.Add(assignment);
                    events.Add(crisisEvent);
                    continue;
                }

                var tier = decision!.Tier;
                var team = Team(people, tier, school.Id, classId, h);
                if (team is null)
                {
                    continue;
                }

                var start = decision.DecidedOn;
                assignment = SupportAssignment.Start(studentId, school.Id, tier, team, start, by, "测评结果确认");
                var roll = h % 100;
                // At the fixture school the first student of each tier stays on it, and one tier-2 review is overdue.
                var force = fixtureSchool && tier == 2 && !forcedOverdueTier2;
                var steady = force || (fixtureSchool && keep.Contains(studentId));
                var closed = !steady && roll < 5 && start < today.AddDays(-10);
                var reassess = !steady && roll is >= 5 and < 13 && start < today.AddDays(-10);
                var overdue = roll >= 80 || force;
                var finalTier = tier;
                if (reassess)
                {
                    // Escalate one step or de-escalate one step, whichever the school can staff.
                    var up = tier == 3 || (tier == 2 && roll % 2 == 0);
                    var newTier = up ? tier - 1 : tier + 1;
                    if (Team(people, newTier, school.Id, classId, h) is { } newTeam)
                    {
                        var on = start.AddDays((today.DayNumber - start.DayNumber) / 2);
                        LogFollowUps(assignment, start, on.AddDays(-1), cadence.DaysFor(tier), by, h, today);
                        assignment.Reassess(newTier, newTeam, on, by, up ? Escalation : Deescalation);
                        finalTier = newTier;
                        start = on;
                    }
                }

                var days = cadence.DaysFor(finalTier);
                var lastOn = LastFollowUpOn(start, days, overdue, h, today);
                LogFollowUps(assignment, start, lastOn, days, by, h, today);
                forcedOverdueTier2 |= fixtureSchool && assignment.Tier == 2 && assignment.IsOverdue(today, cadence);
                if (closed)
                {
                    var closedOn = Min(today, Max(lastOn, assignment.LastFollowUpOn ?? start).AddDays(1 + (int)(h % 5)));
                    assignment.Close(ClosureReason, ClosureOutcome, closedOn, by, assignment.WasEverTier1 ? leaderUser : null);
                }

                assignments.Add(assignment);
            }
        }

        var plans = new List<EmergencyPlan>();
        for (var i = 0; i < schools.Count; i++)
        {
            var school = schools[i];
            var h = Hash(school.Id, 7);
            var kind = school.Name == FixtureSchool ? 3 : (i % 20) switch { 0 => 0, 1 or 2 => 1, _ => 3 };
            if (kind == 0)
            {
                continue; // no plan recorded
            }

            var plan = new EmergencyPlan(school.Id);
            if (kind == 1)
            {
                var approved = today.AddDays(-(800 + (int)(h % 400)));
                plan.Record($"{approved.Year}版", approved, today.AddDays(-(400 + (int)(h % 200))), today);
            }
            else
            {
                var approved = today.AddDays(-(200 + (int)(h % 700)));
                plan.Record($"{approved.Year}版", approved, Max(approved, today.AddDays(-(10 + (int)(h % 300)))), today);
            }

            plans.Add(plan);
        }

        await WriteAsync(db, assignments, events, plans, cancellationToken);
        return assignments.Count;
    }

    /// <summary>Which students have a crisis event, from when, and how far it got.</summary>
    private static async Task<List<CrisisPlan>> PlanCrisesAsync(
        AppDbContext db, List<(int Id, string Name)> schools, Dictionary<int, Decision> decided, SchoolYear thisYear, DateOnly today, CancellationToken cancellationToken)
    {
        var plans = new List<CrisisPlan>();
        var fixture = schools.FirstOrDefault(s => s.Name == FixtureSchool);
        if (fixture.Id != 0)
        {
            var students = await db.Students.AsNoTracking().Where(s => s.SchoolId == fixture.Id)
                .Join(db.SchoolClasses, s => s.ClassId, c => c.Id, (s, c) => new { s.Id, s.ClassId, c.Section, c.EntryYear, c.Number })
                .OrderBy(s => s.Id).ToListAsync(cancellationToken);
            var flagged = await db.ScreeningResults.AsNoTracking()
                .Where(r => r.SchoolId == fixture.Id && r.Crisis && !r.IsSuperseded)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.StudentId, r.TakenOn }).ToListAsync(cancellationToken);

            // The head teacher's class (三年级(1)班): its first two students keep their pending suggestions;
            // the third has a crisis at 评估 — the head teacher sees the student, never the crisis.
            var fixtureClass = students.Where(s => s.Section == SchoolSection.Primary && s.EntryYear == thisYear.StartYear - 2 && s.Number == 1).ToList();
            var taken = fixtureClass.Take(2).Select(s => s.Id).ToHashSet();
            var picks = new List<(int StudentId, int ClassId, long? ResultId, DateOnly? FlaggedOn)>();
            if (fixtureClass.Count > 2)
            {
                picks.Add((fixtureClass[2].Id, fixtureClass[2].ClassId, null, null));
                taken.Add(fixtureClass[2].Id);
            }

            foreach (var result in flagged.Where(r => !taken.Contains(r.StudentId)).Take(1))
            {
                picks.Add((result.StudentId, students.First(s => s.Id == result.StudentId).ClassId, result.Id, result.TakenOn));
                taken.Add(result.StudentId);
            }

            // Then students on tier 3, then anyone — keeping at least one decided tier-2 and tier-3 student on their tier.
            var keep = decided.Values.Where(d => d.SchoolId == fixture.Id).GroupBy(d => d.Tier).Select(g => g.Min(d => d.StudentId)).ToHashSet();
            foreach (var s in students.Where(s => !taken.Contains(s.Id) && !keep.Contains(s.Id))
                         .OrderBy(s => decided.TryGetValue(s.Id, out var d) ? d.Tier == 3 ? 0 : d.Tier == 2 ? 1 : 2 : 3).ThenBy(s => s.Id))
            {
                if (picks.Count == 4)
                {
                    break;
                }

                picks.Add((s.Id, s.ClassId, null, null));
                taken.Add(s.Id);
            }

            // 评估 (overdue tier-1 review), 转介, 医院反馈, 结案.
            CrisisStep[] reached = [CrisisStep.Assessed, CrisisStep.Referred, CrisisStep.HospitalFeedback, CrisisStep.Closed];
            int[] ages = [12, 20, 40, 75];
            for (var i = 0; i < picks.Count; i++)
            {
                var opened = today.AddDays(-ages[i]);
                if (picks[i].FlaggedOn is { } flaggedOn && flaggedOn <= today && flaggedOn > opened.AddDays(-30))
                {
                    opened = Max(opened, flaggedOn);
                }

                plans.Add(new CrisisPlan(picks[i].StudentId, fixture.Id, picks[i].ClassId, opened, reached[i], picks[i].ResultId, Overdue: i == 0, Referral: i != 3));
            }
        }

        // Elsewhere: one event in every 25th school (by code) with a tier-1 student, at varying steps.
        CrisisStep[] cycle = [CrisisStep.GuardianInformed, CrisisStep.Referred, CrisisStep.HospitalFeedback, CrisisStep.ReturnAssessment, CrisisStep.Closed, CrisisStep.Assessed];
        var firstTier1 = decided.Values.Where(d => d.Tier == 1).GroupBy(d => d.SchoolId).ToDictionary(g => g.Key, g => g.MinBy(d => d.StudentId)!);
        var n = 0;
        var withTier1 = schools.Where(s => s.Name != FixtureSchool && firstTier1.ContainsKey(s.Id)).ToList();
        for (var i = 3; i < withTier1.Count; i += 25)
        {
            var student = firstTier1[withTier1[i].Id];

            var opened = Max(student.DecidedOn, today.AddDays(-(14 + 6 * n)));
            plans.Add(new CrisisPlan(student.StudentId, student.SchoolId, student.ClassId, opened, cycle[n % cycle.Length], null, Overdue: false, Referral: n % 2 == 0));
            n++;
        }

        return plans;
    }

    /// <summary>
    /// When an active assignment that starts (or last changed) on <paramref name="start"/> was last followed up:
    /// within its cadence, or — when <paramref name="overdue"/> — a few days past it (or never since the start).
    /// </summary>
    internal static DateOnly LastFollowUpOn(DateOnly start, int days, bool overdue, uint h, DateOnly today)
    {
        var lastOn = Max(start, today.AddDays(-(int)(h % (uint)Math.Max(1, days - 2))));
        if (overdue && today.AddDays(-days - 1 - (int)(h % 6)) >= start)
        {
            lastOn = today.AddDays(-days - 1 - (int)(h % 6));
        }
        else if (overdue && start.AddDays(days) < today)
        {
            lastOn = start.AddDays(-1); // started, then no follow-up within the cadence
        }

        return lastOn;
    }

    /// <summary>
    /// Records the steps in order up to the planned one, spread between the opening and <paramref name="until"/>
    /// (today unless the event lies in the past).
    /// </summary>
    internal static CrisisEvent BuildCrisis(CrisisPlan plan, string by, DateOnly today, DateOnly? until = null)
    {
        var opened = plan.OpenedOn;
        var crisis = CrisisEvent.Open(plan.StudentId, plan.SchoolId, opened, by,
            plan.ResultId is null ? "班主任发现学生情绪异常，有自伤言语，立即报告心理老师" : "PHQ-9第9题阳性，心理老师当日面谈确认", plan.ResultId, today);
        var end = until is { } u && u < today ? u : today;
        var span = Math.Max(0, end.DayNumber - opened.DayNumber - 2);
        var steps = (int)plan.Reached - 1;
        var on = opened;
        for (var step = CrisisStep.Assessed; step <= plan.Reached; step++)
        {
            var offset = step switch
            {
                CrisisStep.Assessed or CrisisStep.GuardianInformed => 1,
                _ => Math.Max(1, span / Math.Max(1, steps)),
            };
            on = Min(on.AddDays(step == CrisisStep.GuardianInformed ? 0 : offset), end);
            switch (step)
            {
                case CrisisStep.Assessed:
                    crisis.Record(step, on, by, "心理老师评估：中度风险，无具体计划，已签订安全约定", null, today);
                    break;
                case CrisisStep.GuardianInformed:
                    crisis.Record(step, on, by, "已电话并当面告知监护人，监护人同意配合就医", null, today);
                    break;
                case CrisisStep.Referred when plan.Referral:
                    crisis.Record(step, on, by, "经绿色通道转介就诊，班主任陪同", new Referral(Hospital, Department, on), today);
                    break;
                case CrisisStep.Referred:
                    crisis.MarkNotApplicable(step, on, by, "复评为低风险，家长同意在校观察，无需转介", today);
                    break;
                case CrisisStep.HospitalFeedback when plan.Referral:
                    crisis.Record(step, on, by, "医院反馈：建议门诊随访，可在校就读，注意观察情绪", null, today);
                    break;
                case CrisisStep.HospitalFeedback:
                    crisis.MarkNotApplicable(step, on, by, "未转介医院，无医院反馈", today);
                    break;
                case CrisisStep.ReturnAssessment:
                    crisis.Record(step, on, by, "复学评估：情绪平稳，可正常上课，继续一级帮扶", null, today);
                    break;
                case CrisisStep.Closed:
                    crisis.Record(step, on, by, "危机解除，转入常规帮扶跟进", null, today);
                    break;
            }
        }

        return crisis;
    }

    /// <summary>Follow-ups from <paramref name="from"/> to <paramref name="last"/>, about one per cadence, by the team in turn.</summary>
    internal static void LogFollowUps(SupportAssignment assignment, DateOnly from, DateOnly last, int days, string by, uint h, DateOnly today)
    {
        if (last < from || last > today)
        {
            return;
        }

        var step = Math.Max(3, days - (int)(h % 3));
        var dates = new List<DateOnly>();
        for (var on = last; on >= from && dates.Count < 8; on = on.AddDays(-step))
        {
            dates.Add(on);
        }

        dates.Reverse();
        var members = assignment.Members.ToList();
        for (var i = 0; i < dates.Count; i++)
        {
            var member = members[(int)((h + (uint)i) % (uint)members.Count)];
            var k = (int)(Hash(h, i) % 4);
            var (kind, summary) = member.Role switch
            {
                TeamRole.SchoolLeader => (nameof(TalkKind.LeaderTalk), LeaderSummaries[k % LeaderSummaries.Length]),
                TeamRole.PsychologyTeacher => (k == 0 ? "Counselling" : nameof(TalkKind.CounsellorTalk), CounsellorSummaries[k]),
                _ => k == 0 ? (nameof(TalkKind.HomeVisit), HomeVisitSummaries[(int)(h % 2)]) : (nameof(TalkKind.HeadTeacherTalk), HeadTeacherSummaries[k]),
            };
            assignment.LogFollowUp(member.StaffMemberId, dates[i], kind, summary, NextSteps[(k + i) % NextSteps.Length], by, today);
        }
    }

    /// <summary>A team for the tier from the school's staff, checked by the domain rule; null when the school cannot fill it.</summary>
    internal static IReadOnlyList<TeamSeat>? Team(SchoolStaff people, int tier, int schoolId, int classId, uint h)
    {
        var headTeacher = people.Members.FirstOrDefault(m => m.ClassIds.Contains(classId));
        if (headTeacher is null)
        {
            return null;
        }

        var psychology = people.Members.Where(m => m.Post == PsychologyPost.FullTime && m.Id != headTeacher.Id).ToList();
        if (psychology.Count == 0)
        {
            psychology = people.Members.Where(m => m.Post == PsychologyPost.PartTime && m.Id != headTeacher.Id).ToList();
        }

        var leader = people.Members.FirstOrDefault(m => m.IsLeader && m.Id != headTeacher.Id);
        var psych = psychology.Count == 0 ? null : psychology[(int)(h % (uint)psychology.Count)];
        TeamCandidate Candidate(StaffRow m) =>
            new(m.Id, m.Name, schoolId, true, m.IsLeader, m.ClassIds.Contains(classId), m.Post != PsychologyPost.None, m.IsKeyTeacher);
        var seats = new List<(TeamRole, TeamCandidate?)>
        {
            (TeamRole.SchoolLeader, leader is null ? null : Candidate(leader)),
            (TeamRole.HeadTeacher, Candidate(headTeacher)),
            (TeamRole.PsychologyTeacher, psych is null ? null : Candidate(psych)),
        };
        try
        {
            return SupportTeam.Check(tier, schoolId, seats);
        }
        catch (DomainRuleException)
        {
            return null;
        }
    }

    internal static async Task<Dictionary<int, SchoolStaff>> LoadStaffAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.StaffMembers.AsNoTracking()
            .Where(m => (m.LeftOn == null || m.LeftOn > today) && (m.JoinedOn == null || m.JoinedOn <= today))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.SchoolId, m.Name, m.IsSchoolLeader, m.IsKeyTeacher, m.PsychologyPost, Classes = m.Classes.Select(c => c.ClassId).ToList() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SchoolId).ToDictionary(g => g.Key, g => new SchoolStaff(
            g.Select(r => new StaffRow(r.Id, r.Name, r.IsSchoolLeader, r.IsKeyTeacher, r.PsychologyPost, r.Classes.ToHashSet())).ToList()));
    }

    private static async Task WriteAsync(AppDbContext db, List<SupportAssignment> assignments, List<CrisisEvent> events, List<EmergencyPlan> plans, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(AssignmentCopy, cancellationToken))
        {
            foreach (var a in assignments)
            {
                writer.StartRow();
                WriteAssignment(writer, a);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // One assignment per student in the demo: the student tells the new id.
        var assignmentIds = await db.SupportAssignments.AsNoTracking().Select(a => new { a.StudentId, a.Id }).ToDictionaryAsync(a => a.StudentId, a => a.Id, cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(MemberCopy, cancellationToken))
        {
            foreach (var a in assignments)
            {
                foreach (var m in a.Members)
                {
                    writer.StartRow();
                    WriteMember(writer, assignmentIds[a.StudentId], m);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(ChangeCopy, cancellationToken))
        {
            foreach (var a in assignments)
            {
                foreach (var c in a.Changes)
                {
                    writer.StartRow();
                    WriteChange(writer, assignmentIds[a.StudentId], c);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(FollowUpCopy, cancellationToken))
        {
            foreach (var a in assignments)
            {
                foreach (var f in a.FollowUps)
                {
                    writer.StartRow();
                    WriteFollowUp(writer, assignmentIds[a.StudentId], f);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(CrisisCopy, cancellationToken))
        {
            foreach (var e in events)
            {
                writer.StartRow();
                WriteCrisis(writer, e);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var eventIds = await db.CrisisEvents.AsNoTracking().Select(e => new { e.StudentId, e.Id }).ToDictionaryAsync(e => e.StudentId, e => e.Id, cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(StepCopy, cancellationToken))
        {
            foreach (var e in events)
            {
                foreach (var s in e.Steps)
                {
                    writer.StartRow();
                    WriteStep(writer, eventIds[e.StudentId], s);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        if (!await db.EmergencyPlans.AnyAsync(cancellationToken))
        {
            await using var writer = await connection.BeginBinaryImportAsync(PlanCopy, cancellationToken);
            foreach (var p in plans)
            {
                writer.StartRow();
                writer.Write(p.SchoolId, NpgsqlDbType.Integer);
                writer.Write(p.Version, NpgsqlDbType.Varchar);
                writer.Write(p.ApprovedOn, NpgsqlDbType.Date);
                writer.WriteNullable(p.LastReviewedOn, NpgsqlDbType.Date);
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    internal static void WriteAssignment(NpgsqlBinaryImporter writer, SupportAssignment a)
    {
        writer.Write(a.StudentId, NpgsqlDbType.Integer);
        writer.Write(a.SchoolId, NpgsqlDbType.Integer);
        writer.Write(a.Tier, NpgsqlDbType.Integer);
        writer.Write(a.Status.ToString(), NpgsqlDbType.Varchar);
        writer.Write(a.StartedOn, NpgsqlDbType.Date);
        writer.WriteNullable(a.LastFollowUpOn, NpgsqlDbType.Date);
        writer.WriteNullable(a.ClosedOn, NpgsqlDbType.Date);
        writer.WriteNullable(a.ClosureReason);
        writer.WriteNullable(a.Outcome);
        writer.WriteNullable(a.SignedOffBy);
    }

    internal static void WriteMember(NpgsqlBinaryImporter writer, long assignmentId, SupportMember m)
    {
        writer.Write(assignmentId, NpgsqlDbType.Bigint);
        writer.Write(m.StaffMemberId, NpgsqlDbType.Integer);
        writer.Write(m.Role.ToString(), NpgsqlDbType.Varchar);
    }

    internal static void WriteChange(NpgsqlBinaryImporter writer, long assignmentId, SupportChange c)
    {
        writer.Write(assignmentId, NpgsqlDbType.Bigint);
        writer.Write(c.On, NpgsqlDbType.Date);
        writer.WriteNullable(c.FromTier, NpgsqlDbType.Integer);
        writer.WriteNullable(c.ToTier, NpgsqlDbType.Integer);
        writer.Write(c.Kind, NpgsqlDbType.Varchar);
        writer.WriteNullable(c.Reason);
        writer.Write(c.By, NpgsqlDbType.Varchar);
        writer.Write(c.Team, NpgsqlDbType.Array | NpgsqlDbType.Text);
    }

    internal static void WriteFollowUp(NpgsqlBinaryImporter writer, long assignmentId, FollowUp f)
    {
        writer.Write(assignmentId, NpgsqlDbType.Bigint);
        writer.Write(f.StaffMemberId, NpgsqlDbType.Integer);
        writer.Write(f.On, NpgsqlDbType.Date);
        writer.Write(f.Kind, NpgsqlDbType.Varchar);
        writer.Write(f.Summary, NpgsqlDbType.Varchar);
        writer.WriteNullable(f.NextStep);
        writer.Write(f.By, NpgsqlDbType.Varchar);
    }

    internal static void WriteCrisis(NpgsqlBinaryImporter writer, CrisisEvent e)
    {
        writer.Write(e.StudentId, NpgsqlDbType.Integer);
        writer.Write(e.SchoolId, NpgsqlDbType.Integer);
        writer.Write(e.OpenedOn, NpgsqlDbType.Date);
        writer.WriteNullable(e.ScreeningResultId, NpgsqlDbType.Bigint);
    }

    internal static void WriteStep(NpgsqlBinaryImporter writer, long crisisEventId, CrisisStepRecord s)
    {
        writer.Write(crisisEventId, NpgsqlDbType.Bigint);
        writer.Write(s.Step.ToString(), NpgsqlDbType.Varchar);
        writer.Write(s.On, NpgsqlDbType.Date);
        writer.Write(s.By, NpgsqlDbType.Varchar);
        writer.Write(s.Notes, NpgsqlDbType.Varchar);
        writer.Write(s.NotApplicable, NpgsqlDbType.Boolean);
        writer.WriteNullable(s.Hospital);
        writer.WriteNullable(s.Department);
        writer.WriteNullable(s.ReferredOn, NpgsqlDbType.Date);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static uint Hash(int value, int salt) => SeedHash.Of(value, salt);

    private static uint Hash(uint value, int salt) => SeedHash.Of(value, salt);

    private sealed record Decision(int StudentId, int SchoolId, int ClassId, int Tier, DateOnly DecidedOn);

    internal sealed record CrisisPlan(int StudentId, int SchoolId, int ClassId, DateOnly OpenedOn, CrisisStep Reached, long? ResultId, bool Overdue, bool Referral);

    internal sealed record StaffRow(int Id, string Name, bool IsLeader, bool IsKeyTeacher, PsychologyPost Post, HashSet<int> ClassIds);

    internal sealed class SchoolStaff(List<StaffRow> members)
    {
        public List<StaffRow> Members { get; } = members;

        public string LeaderName => Members.FirstOrDefault(m => m.IsLeader)?.Name ?? SystemUser;
    }
}
