using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Auditing;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>Sign-ins, failures, lockouts and sign-outs in the audit trail (their own database: accounts get locked here).</summary>
public class SignInAuditTests(CapturingPortalFactory factory) : IClassFixture<CapturingPortalFactory>
{
    [Fact]
    public async Task A_sign_in_a_sign_out_wrong_passwords_the_lockout_and_an_attempt_while_locked_each_write_an_entry_with_user_outcome_IP_and_UTC_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync("leader");
        await client.SubmitAsync(home, new Dictionary<string, string>(), "form[action='/Account/SignOut']");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.SignInAsync("xunyang", $"wrong-password-{attempt}");
        }

        Assert.Contains("账号已被锁定", (await client.SignInAsync("xunyang")).Text, StringComparison.Ordinal);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        await using var db = factory.CreateDbContext();
        var ids = await db.Users.Where(u => u.UserName == "leader" || u.UserName == "xunyang").ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "account").OrderBy(a => a.Id).ToListAsync();

        var leader = entries.Where(a => a.UserName == "leader").ToList();
        Assert.Equal([("sign-in", "allowed"), ("sign-out", "allowed")], leader.Select(a => (a.Action, a.Outcome)));
        var xunyang = entries.Where(a => a.UserName == "xunyang").ToList();
        Assert.Equal(
            [.. Enumerable.Repeat(("sign-in", "denied"), 4), ("lockout", "denied"), ("sign-in-locked-out", "denied")],
            xunyang.Select(a => (a.Action, a.Outcome)));
        foreach (var entry in leader.Concat(xunyang))
        {
            Assert.Equal(ids[entry.UserName], entry.UserId);
            Assert.Equal(entry.UserId, entry.EntityId);
            Assert.Equal(entry.UserName == "leader" ? "SchoolLeader" : "DistrictBureau", entry.Roles);
            Assert.Equal(CapturingPortalFactory.ClientAddress.ToString(), entry.Ip);
            Assert.Equal(TimeSpan.Zero, entry.At.Offset);
            Assert.InRange(entry.At, before, after);
        }
    }

    [Fact]
    public async Task A_name_that_is_no_account_is_audited_without_the_name_and_a_disabled_account_is_refused_on_the_record()
    {
        const string typed = "zz-no-such-account-4q7";
        using var client = factory.CreatePortalClient();
        Assert.Contains("用户名或密码不正确", (await client.SignInAsync(typed, "wrong-password-x")).Text, StringComparison.Ordinal);

        await using var db = factory.CreateDbContext();
        await db.Users.Where(u => u.UserName == "counsellor2").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        Assert.Contains("用户名或密码不正确", (await client.SignInAsync("counsellor2")).Text, StringComparison.Ordinal);

        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "account").ToListAsync();
        var unknown = Assert.Single(entries, a => a.UserId == null);
        Assert.Equal(("sign-in", "denied", "", "", null), (unknown.Action, unknown.Outcome, unknown.UserName, unknown.Roles, unknown.EntityId));
        Assert.Equal(CapturingPortalFactory.ClientAddress.ToString(), unknown.Ip);
        Assert.DoesNotContain(await db.AuditEntries.AsNoTracking().ToListAsync(), a => Texts(a).Any(t => t?.Contains(typed, StringComparison.Ordinal) == true));

        var disabled = Assert.Single(entries, a => a.UserName == "counsellor2");
        Assert.Equal(("sign-in-disabled", "denied"), (disabled.Action, disabled.Outcome));
    }

    private static IEnumerable<string?> Texts(AuditEntry a) => [a.UserId, a.UserName, a.Roles, a.Action, a.Entity, a.EntityId, a.Outcome, a.Ip];
}

/// <summary>Refusals, admin actions and exports in the audit trail.</summary>
public class RefusalAndAdminAuditTests(CapturingPortalFactory factory) : IClassFixture<CapturingPortalFactory>
{
    [Fact]
    public async Task Every_403_writes_a_denied_page_entry_with_the_path_and_without_the_query_string()
    {
        const string typed = "zz-typed-into-a-search-8w2";
        using var headteacher = factory.CreatePortalClient();
        await headteacher.SignInAsync("headteacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await headteacher.GetAsync($"/Screenings/Queue?q={typed}", follow: false)).Status);

        // A post (with a valid token of the user's) refused by the folder's policy.
        using var counsellor = factory.CreatePortalClient();
        var home = await counsellor.SignInAsync("counsellor");
        var token = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await counsellor.Http.PostAsync("/Admin/Users/Edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        // A page's own Forbid(): the district may read its school's activity but not edit it.
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var activity = await db.Activities.Where(a => a.SchoolId == school).Select(a => a.Id).FirstAsync();
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        Assert.Equal(HttpStatusCode.Forbidden, (await xunyang.GetAsync($"/Activities/Edit?id={activity}", follow: false)).Status);

        var pages = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "page").ToListAsync();
        Assert.Contains(pages, a => (a.UserName, a.Roles, a.Action, a.EntityId, a.Outcome) == ("headteacher", "HeadTeacher", "view", "/Screenings/Queue", "denied")
                                    && a.Ip == CapturingPortalFactory.ClientAddress.ToString());
        Assert.Contains(pages, a => (a.UserName, a.Action, a.EntityId, a.Outcome) == ("counsellor", "change", "/Admin/Users/Edit", "denied"));
        Assert.Contains(pages, a => (a.UserName, a.Action, a.EntityId, a.Outcome) == ("xunyang", "view", "/Activities/Edit", "denied"));
        Assert.DoesNotContain(pages, a => a.EntityId!.Contains('?', StringComparison.Ordinal) || a.EntityId.Contains(typed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_the_page_records_itself_is_not_recorded_twice()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var report = await xunyang.GetAsync($"/Reports/Report?schoolId={school}");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        var token = report.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var since = await db.AuditEntries.MaxAsync(a => a.Id);

        // Only a school files its report: the district's forged save is refused by the page, which says which report.
        var saved = await xunyang.Http.PostAsync($"/Reports/Report?schoolId={school}&handler=Save",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, saved.StatusCode);

        var refusals = await db.AuditEntries.AsNoTracking().Where(a => a.Id > since && a.Outcome == "denied").ToListAsync();
        var refusal = Assert.Single(refusals);
        Assert.Equal(("report-save", "report"), (refusal.Action, refusal.Entity));
    }

    [Fact]
    public async Task Admin_changes_to_a_user_a_district_and_the_staffing_policy_are_audited()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var id = await db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync();

        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={id}");
        var saved = await admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.DisplayName"] = "王校长（已改）" }, "form.col-lg-7");
        Assert.Empty(saved.Errors);
        await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/Edit?id={id}"), new Dictionary<string, string>(), "form[action*='handler=Disable']");
        await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/Edit?id={id}"), new Dictionary<string, string>(), "form[action*='handler=Enable']");
        const string password = "落霞与孤鹜齐飞秋水共长天一色";
        await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/ResetPassword?id={id}"),
            new Dictionary<string, string> { ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password });

        var district = await db.Districts.Where(d => d.Name == "浔阳区").Select(d => d.Id).SingleAsync();
        await admin.SubmitAsync(await admin.GetAsync($"/Admin/Districts/Edit?id={district}"), new Dictionary<string, string>());

        var policy = await admin.SubmitAsync(await admin.GetAsync("/Admin/StaffingPolicy"), new Dictionary<string, string>
        {
            ["Input.StudentsPerTeacher"] = "700", ["Input.MinimumPerSchool"] = "1", ["Input.Note"] = "审计测试",
        }, "#add-policy-form");
        Assert.Empty(policy.Errors);
        var policyId = await db.StaffingPolicies.Where(p => p.Note == "审计测试").Select(p => p.Id).SingleAsync();

        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.UserName == "admin").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [("change", "user", id), ("disable", "user", id), ("enable", "user", id), ("reset-password", "user", id), ("change", "district", district.ToString(CultureInfo.InvariantCulture)),
             ("create", "staffing-policy", policyId.ToString(CultureInfo.InvariantCulture))],
            entries.Where(a => a.Entity is "user" or "district" or "staffing-policy").Select(a => (a.Action, a.Entity, a.EntityId!)));
        Assert.All(entries, a => Assert.Equal(("Admin", "allowed"), (a.Roles, a.Outcome)));
    }

    [Fact]
    public async Task A_refusal_with_an_overlong_id_is_still_refused_and_audited_and_typed_text_is_not_kept()
    {
        using var headTeacher = factory.CreatePortalClient();
        await headTeacher.SignInAsync("headteacher");
        var longPath = "/Activities/Activity/" + new string('0', 60) + "1";
        Assert.Equal(HttpStatusCode.Forbidden, (await headTeacher.GetAsync(longPath, follow: false)).Status);

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/Students/Screening?studentId=" + new string('张', 50), follow: false)).Status);

        await using var db = factory.CreateDbContext();
        var page = await db.AuditEntries.AsNoTracking().Where(a => a.UserName == "headteacher" && a.Entity == "page").OrderBy(a => a.Id).LastAsync();
        Assert.StartsWith("/Activities/Activity/000", page.EntityId, StringComparison.Ordinal);
        Assert.Equal(40, page.EntityId!.Length);
        var student = await db.AuditEntries.AsNoTracking().Where(a => a.UserName == "city" && a.Entity == "student").OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("?", "denied"), (student.EntityId, student.Outcome));
    }

    [Fact]
    public async Task A_staffing_export_is_audited()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var export = await city.Http.GetAsync("/Staffing?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);

        await using var db = factory.CreateDbContext();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.UserName == "city" && a.Action == "export");
        Assert.Equal(("staffing", ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "CityBureau", "allowed"),
            (entry.Entity, entry.EntityId, entry.Roles, entry.Outcome));
    }
}
