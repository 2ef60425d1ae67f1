using System.Net;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;

namespace JiujiangMentalHealth.IntegrationTests;

public class AccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string> NonAdminsOnAdminPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in new[] { "city", "counsellor", "xunyang", "leader", "headteacher", "centre" })
        {
            foreach (var page in new[] { "/Admin/Schools", "/Admin/Schools/Edit", "/Admin/Districts", "/Admin/Users", "/Admin/Users/Edit" })
            {
                data.Add(user, page);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonAdminsOnAdminPages))]
    public async Task Non_admins_get_403_with_a_Chinese_page_on_admin_pages(string user, string path)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var page = await client.GetAsync(path, follow: false);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("没有权限", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_admin_cannot_post_to_an_admin_page_either()
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync("counsellor");
        var token = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.Http.PostAsync("/Admin/Schools/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = "2136040999",
            ["Input.Name"] = "越权创建的学校",
            ["Input.DistrictId"] = "1",
            ["Input.Stage"] = "Primary",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.DoesNotContain(db.Schools, s => s.Code == "2136040999");
    }

    [Theory]
    [InlineData("city")]
    [InlineData("counsellor")]
    public async Task Navigation_shows_admin_links_only_to_admins(string user)
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync(user);
        Assert.Null(home.Document.QuerySelector("nav a[href='/Admin/Users']"));

        using var admin = factory.CreatePortalClient();
        var adminHome = await admin.SignInAsync("admin");
        Assert.NotNull(adminHome.Document.QuerySelector("nav a[href='/Admin/Users']"));
    }

    [Theory]
    [InlineData("/Admin/Schools")]
    [InlineData("/Account/ChangePassword")]
    [InlineData("/")]
    public async Task Anonymous_requests_are_sent_to_sign_in(string path)
    {
        using var client = factory.CreatePortalClient();
        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_gets_a_friendly_404_in_Chinese()
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");
        var page = await client.GetAsync("/Admin/Schools/Details?id=999999", follow: false);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("页面不存在", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_pages_are_not_cached()
    {
        using var client = factory.CreatePortalClient();
        var page = await client.GetAsync("/Account/SignIn");

        var headers = page.Response.Headers;
        var csp = string.Join(";", headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
    }
}
