using System.Net;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests;

public class HealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Live_and_ready_answer_200_without_sign_in()
    {
        using var client = factory.CreatePortalClient();
        var live = await client.Http.GetAsync("/health/live");
        var ready = await client.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_says_unhealthy_when_a_migration_is_missing()
    {
        using var client = factory.CreatePortalClient();
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("ALTER TABLE __ef_migrations_history RENAME TO __ef_migrations_history_hidden", connection);
            await rename.ExecuteNonQueryAsync();
        }

        try
        {
            var ready = await client.Http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            await connection.OpenAsync();
            await using var restore = new NpgsqlCommand("ALTER TABLE __ef_migrations_history_hidden RENAME TO __ef_migrations_history", connection);
            await restore.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);
    }
}

public class AuditTrailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("UPDATE audit_entries SET outcome = 'allowed'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    public async Task The_audit_trail_cannot_be_changed_or_erased(string sql)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("city");
        await client.GetAsync("/Students/1", follow: false);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_entries", connection);
        var before = (long)(await count.ExecuteScalarAsync())!;
        Assert.True(before > 0);

        await using var command = new NpgsqlCommand(sql, connection);
        var e = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, (long)(await count.ExecuteScalarAsync())!);
    }
}
