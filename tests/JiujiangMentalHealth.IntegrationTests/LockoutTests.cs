using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>Its own class (and database): locking counsellor out must not disturb other tests.</summary>
public class LockoutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Sixth_wrong_password_finds_counsellor_locked_out_and_even_the_right_password_is_then_refused()
    {
        using var client = factory.CreatePortalClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var refused = await client.SignInAsync("counsellor", $"wrong-password-{attempt}");
            Assert.Contains(attempt < 5 ? "用户名或密码不正确" : "账号已被锁定", refused.Text, StringComparison.Ordinal);
        }

        var sixth = await client.SignInAsync("counsellor", "wrong-password-6");
        Assert.Contains("账号已被锁定15分钟", sixth.Text, StringComparison.Ordinal);

        var right = await client.SignInAsync("counsellor");
        Assert.Contains("账号已被锁定", right.Text, StringComparison.Ordinal);
        Assert.Null(right.TestId("current-user"));

        await using var db = factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "counsellor");
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }
}
