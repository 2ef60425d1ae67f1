using System.Net;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>The security stamp is checked on every request here (the portal's default is every 2 minutes).</summary>
public class ImmediateStampCheckFactory : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Security:SecurityStampCheckMinutes"] = "0" };
}

public class SessionTests(ImmediateStampCheckFactory factory) : IClassFixture<ImmediateStampCheckFactory>
{
    [Fact]
    public async Task Disabling_a_user_ends_their_open_session_and_refuses_new_sign_ins()
    {
        using var leader = factory.CreatePortalClient();
        Assert.Equal("校级领导", (await leader.SignInAsync("leader")).TestId("roles"));

        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var id = await db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync();
        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={id}");
        var done = await admin.SubmitAsync(edit, new Dictionary<string, string>(), "form[action*='handler=Disable']");
        Assert.Contains("已停用“王校长”的账号", done.Text, StringComparison.Ordinal);

        var kickedOut = await leader.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, kickedOut.StatusCode);
        Assert.Contains("/Account/SignIn", kickedOut.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var again = factory.CreatePortalClient();
        Assert.Contains("用户名或密码不正确", (await again.SignInAsync("leader")).Text, StringComparison.Ordinal);

        var enabled = await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/Edit?id={id}"), new Dictionary<string, string>(), "form[action*='handler=Enable']");
        Assert.Contains("已启用", enabled.Text, StringComparison.Ordinal);
        Assert.Equal("校级领导", (await again.SignInAsync("leader")).TestId("roles"));
    }

    [Fact]
    public async Task Admin_cannot_disable_their_own_account()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var id = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();

        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={id}");
        Assert.Null(edit.Document.QuerySelector("form[action*='handler=Disable']"));
        var token = edit.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await admin.Http.PostAsync($"/Admin/Users/Edit?id={id}&handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        await admin.FollowAsync(response);

        await using var check = factory.CreateDbContext();
        Assert.False(await check.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync());
    }
}

/// <summary>Three sign-in attempts a minute per IP, to see the limit bite.</summary>
public class TightSignInLimitFactory : PortalFactory
{
    protected override int SignInPermitsPerMinute => 3;
}

public class SignInRateLimitTests(TightSignInLimitFactory factory) : IClassFixture<TightSignInLimitFactory>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429()
    {
        using var client = factory.CreatePortalClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("nobody", "wrong-password-x")).Status);
        }

        var limited = await client.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("操作过于频繁", limited.Text, StringComparison.Ordinal);
    }
}

/// <summary>Sessions that end after 3 seconds without a request, to see the idle timeout bite.</summary>
public class ShortIdleTimeoutFactory : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Security:IdleTimeoutMinutes"] = "0.05" };
}

public class IdleTimeoutTests(ShortIdleTimeoutFactory shortFactory, PortalFactory factory) : IClassFixture<ShortIdleTimeoutFactory>, IClassFixture<PortalFactory>
{
    [Fact]
    public void Idle_timeout_is_at_most_30_minutes_and_sliding_by_default()
    {
        // The portal as configured out of the box (no Security:IdleTimeoutMinutes set).
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.True(options.ExpireTimeSpan <= TimeSpan.FromMinutes(30), $"idle timeout {options.ExpireTimeSpan}");
        Assert.True(options.SlidingExpiration);
    }

    [Fact]
    public async Task An_idle_session_ends_and_the_next_request_is_sent_to_sign_in()
    {
        using var client = shortFactory.CreatePortalClient();
        await client.SignInAsync("counsellor");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Students", follow: false)).Status);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var after = await client.GetAsync("/Students", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/Account/SignIn", after.Response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
