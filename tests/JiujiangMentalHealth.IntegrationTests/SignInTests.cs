using System.Net;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_a_Chinese_sign_in_page()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await client.FollowAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("zh-CN", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("登录", page.Document.Title, StringComparison.Ordinal);
        Assert.Contains("用户名", page.Text, StringComparison.Ordinal);
        Assert.Contains("密码", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "系统管理员", "全市")]
    [InlineData("city", "市教育局（基教科）", "全市")]
    [InlineData("xunyang", "县（市、区）教育局", "浔阳区")]
    [InlineData("leader", "校级领导", "浔阳区 · 九江市双峰小学")]
    [InlineData("counsellor", "心理健康教师", "浔阳区 · 九江市双峰小学")]
    [InlineData("headteacher", "班主任", "浔阳区 · 九江市双峰小学 · 三年级(1)班")]
    [InlineData("counsellor2", "心理健康教师", "浔阳区 · 九江一中")]
    [InlineData("centre", "市未成年人心理健康辅导中心", "全市")]
    public async Task Each_demo_account_lands_on_a_home_page_showing_its_role_and_scope_in_Chinese(string userName, string role, string scope)
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync(userName);

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("/", home.Url);
        Assert.Equal(role, home.TestId("roles"));
        Assert.Equal(scope, home.TestId("scope"));
        var account = DemoSeeder.Accounts.Single(a => a.UserName == userName);
        Assert.Equal(account.DisplayName, home.TestId("current-user"));
    }

    [Fact]
    public async Task School_user_sees_the_figures_of_its_own_school_only()
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync("counsellor");

        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Include(s => s.Enrolments).SingleAsync(s => s.Name == "九江市双峰小学");
        var latest = school.Enrolments.MaxBy(e => e.SchoolYear)!;
        Assert.Equal(latest.Students.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), home.TestId("figure-students"));
        Assert.Null(home.TestId("figure-schools"));
    }

    [Fact]
    public async Task District_user_sees_the_school_count_of_its_district()
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync("xunyang");

        await using var db = factory.CreateDbContext();
        var schools = await db.Schools.CountAsync(s => s.District!.Name == "浔阳区");
        Assert.Equal(schools.ToString(System.Globalization.CultureInfo.InvariantCulture), home.TestId("figure-schools"));
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_Chinese_message()
    {
        using var client = factory.CreatePortalClient();
        var page = await client.SignInAsync("leader", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("用户名或密码不正确", page.Text, StringComparison.Ordinal);
        Assert.Null(page.TestId("current-user"));
    }

    [Fact]
    public async Task Post_without_antiforgery_token_gets_400()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.Http.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = DemoSeeder.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("jmh.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signed_in_post_without_antiforgery_token_gets_400_and_changes_nothing()
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");
        await using var before = factory.CreateDbContext();
        var count = await before.Schools.CountAsync();

        var response = await client.Http.PostAsync("/Admin/Schools/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "2136049999",
            ["Input.Name"] = "没有令牌的学校",
            ["Input.DistrictId"] = "1",
            ["Input.Stage"] = "Primary",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var after = factory.CreateDbContext();
        Assert.Equal(count, await after.Schools.CountAsync());
    }

    [Fact]
    public async Task Sign_in_cookie_is_HttpOnly_Secure_and_SameSite()
    {
        using var client = factory.CreatePortalClient();
        var page = await client.GetAsync("/Account/SignIn");
        var response = await client.Http.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.Document.QuerySelector("form:not([action]) input[name=__RequestVerificationToken], main input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.UserName"] = "admin",
            ["Input.Password"] = DemoSeeder.DemoPassword,
        }));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("jmh.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync("leader");
        var signOutForm = home.Document.QuerySelector("form[action='/Account/SignOut']");
        Assert.NotNull(signOutForm);

        var page = await client.SubmitAsync(home, new Dictionary<string, string>(), "form[action='/Account/SignOut']");
        Assert.Contains("/Account/SignIn", page.Url, StringComparison.Ordinal);
        var again = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
    }
}
