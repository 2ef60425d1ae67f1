using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// 演示数据 — fills an empty database with the demo city: the schools of <see cref="DemoSchools"/>
/// with enrolment for this and last school year, their classes, and the demo accounts. Running it
/// again adds only what is missing and never overwrites what users changed.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<ApplicationUser> userManager, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "JiujiangDemo2024";

    /// <summary>Students per class used to derive the demo classes from enrolment.</summary>
    private const int StudentsPerClass = 45;

    public sealed record DemoAccount(string UserName, string DisplayName, string[] Roles, string? DistrictCode, string? SchoolName);

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", "平台管理员", [Roles.Admin], null, null),
        new("city", "市教育局基教科", [Roles.CityBureau], null, null),
        new("xunyang", "浔阳区教育局", [Roles.DistrictBureau], "360403", null),
        new("leader", "王校长", [Roles.SchoolLeader], null, "九江市双峰小学"),
        new("counsellor", "李老师（心理）", [Roles.Counsellor], null, "九江市双峰小学"),
        new("headteacher", "陈老师（班主任）", [Roles.HeadTeacher], null, "九江市双峰小学"),
        new("counsellor2", "刘老师（心理）", [Roles.Counsellor], null, "九江一中"),
        new("centre", "辅导中心 周老师", [Roles.CentreStaff], null, null),
    ];

    /// <summary>The demo account of a school holding a role (records the seeders write are in its name), if any.</summary>
    public static string? AccountFor(string schoolName, string role) =>
        Accounts.FirstOrDefault(a => a.SchoolName == schoolName && a.Roles.Contains(role))?.UserName;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var thisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var added = await SeedSchoolsAsync(thisYear, cancellationToken);
        await DemoWorkforce.SeedAsync(db, thisYear, cancellationToken);
        await DemoStudents.SeedAsync(db, thisYear, clock.GetUtcNow(), cancellationToken);
        await DemoSupport.SeedAsync(db, thisYear, clock.GetUtcNow(), cancellationToken);
        await DemoOutreach.SeedAsync(db, ChinaTime.Today(clock), clock.GetUtcNow(), cancellationToken);
        await DemoReports.SeedAsync(db, ChinaTime.Today(clock), clock.GetUtcNow(), cancellationToken);
        var accounts = await SeedAccountsAsync(thisYear, cancellationToken);
        logger.LogInformation("Demo data: {Schools} schools and {Accounts} accounts added in {Seconds:0.0} s",
            added, accounts, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<int> SeedSchoolsAsync(SchoolYear thisYear, CancellationToken cancellationToken)
    {
        var existing = (await db.Schools.Select(s => s.Code).ToListAsync(cancellationToken)).ToHashSet();
        var districtIds = await db.Districts.ToDictionaryAsync(d => d.Code, d => d.Id, cancellationToken);
        var added = 0;
        foreach (var entry in DemoCity.Schools.Where(e => !existing.Contains(e.Code)))
        {
            var school = new School(entry.Code, entry.Name, districtIds[entry.DistrictCode], entry.Stage, entry.IsTownshipCentralOrAbove);
            school.SetEnrolment(thisYear.Previous, (int)Math.Round(entry.Students * 0.97));
            school.SetEnrolment(thisYear, entry.Students);
            AddClasses(school, entry.Students, thisYear);
            db.Schools.Add(school);
            added++;
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
        return added;
    }

    /// <summary>Opens enough classes of about 45 students for every grade the school teaches this year.</summary>
    private static void AddClasses(School school, int students, SchoolYear thisYear)
    {
        var sections = school.Stage.Sections();
        var gradeCount = sections.Sum(s => s.Years());
        var classesPerGrade = Math.Max(1, (int)Math.Round(students / (double)gradeCount / StudentsPerClass));
        foreach (var section in sections)
        {
            for (var yearInSection = 0; yearInSection < section.Years(); yearInSection++)
            {
                for (var number = 1; number <= classesPerGrade; number++)
                {
                    school.AddClass(section, thisYear.StartYear - yearInSection, number);
                }
            }
        }
    }

    private async Task<int> SeedAccountsAsync(SchoolYear thisYear, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var account in Accounts)
        {
            if (await userManager.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }

            var user = new ApplicationUser { UserName = account.UserName, DisplayName = account.DisplayName };
            if (account.DistrictCode is not null)
            {
                user.ScopeLevel = ScopeLevel.District;
                user.DistrictId = await db.Districts.Where(d => d.Code == account.DistrictCode).Select(d => d.Id).SingleAsync(cancellationToken);
            }
            else if (account.SchoolName is not null)
            {
                user.ScopeLevel = ScopeLevel.School;
                user.SchoolId = await db.Schools.Where(s => s.Name == account.SchoolName).Select(s => s.Id).SingleAsync(cancellationToken);
                if (account.Roles.Contains(Roles.HeadTeacher))
                {
                    // 三年级(1)班 of the primary school: entered two years before this school year.
                    var classId = await db.SchoolClasses
                        .Where(c => c.SchoolId == user.SchoolId && c.Section == SchoolSection.Primary
                                    && c.EntryYear == thisYear.StartYear - 2 && c.Number == 1)
                        .Select(c => c.Id)
                        .SingleAsync(cancellationToken);
                    user.Classes.Add(new UserClass { ClassId = classId });
                }
            }

            var errors = UserScope.Validate(account.Roles, user.Scope);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo account {account.UserName}: {string.Join(", ", errors)}");
            }

            Check(await userManager.CreateAsync(user, DemoPassword), account.UserName);
            Check(await userManager.AddToRolesAsync(user, account.Roles), account.UserName);
            await LinkStaffAsync(user, account, cancellationToken);
            added++;
        }

        return added;
    }

    /// <summary>The school accounts are people on their school's staff roster.</summary>
    private async Task LinkStaffAsync(ApplicationUser user, DemoAccount account, CancellationToken cancellationToken)
    {
        if (user.SchoolId is not { } schoolId)
        {
            return;
        }

        var classId = user.Classes.Select(c => (int?)c.ClassId).FirstOrDefault();
        var staff = db.StaffMembers.Where(m => m.SchoolId == schoolId && m.UserId == null);
        staff = account.Roles.Contains(Roles.SchoolLeader) ? staff.Where(m => m.IsSchoolLeader)
            : account.Roles.Contains(Roles.HeadTeacher) ? staff.Where(m => m.Classes.Any(c => c.ClassId == classId))
            : staff.Where(m => m.PsychologyPost == Domain.Workforce.PsychologyPost.FullTime);
        var member = await staff.OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (member is not null)
        {
            member.LinkUser(user.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
