using System.Net;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using JiujiangMentalHealth.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The backup of docs/OPERATIONS.md, done for real: pg_dump -Fc of a seeded and used database,
/// pg_restore into a new database, `migrate`, and the portal serving from the copy.
/// </summary>
public class BackupRestoreTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Tables a backup must carry with rows in them: the records themselves and what proves who saw them.</summary>
    private static readonly string[] MainTables =
        ["students", "screening_results", "bimonthly_reports", "audit_entries", "users", "data_protection_keys"];

    [NeedsPostgresToolsFact("pg_dump", "pg_restore")]
    public async Task A_dump_restored_into_a_new_database_has_every_row_of_every_table_and_the_portal_serves_from_it()
    {
        // Use the portal first, so the dump holds audit entries and the data-protection key of a live sign-in.
        var browser = new CookieContainer();
        using (var counsellor = PortalClient.On(factory, browser))
        {
            await counsellor.SignInAsync("counsellor");
            await using var db = factory.CreateDbContext();
            var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
            var student = await db.Students.Where(s => s.SchoolId == school).Select(s => s.Id).FirstAsync();
            Assert.Equal(HttpStatusCode.OK, (await counsellor.GetAsync($"/Students/{student}", follow: false)).Status);
        }

        var server = await TestDatabaseServer.InstanceAsync();
        var restored = await server.CreateDatabaseAsync("restored", template: "template0");
        var dump = Path.Combine(Path.GetTempPath(), $"jmh-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await PostgresTools.RunAsync("pg_dump", factory.ConnectionString, "--format=custom", "--file", dump);
            await PostgresTools.RunAsync("pg_restore", restored, "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", new NpgsqlConnectionStringBuilder(restored).Database!, dump);

            var original = await RowCountsAsync(factory.ConnectionString);
            var copy = await RowCountsAsync(restored);
            Assert.Equal(original, copy);
            Assert.All(MainTables, table => Assert.True(copy.GetValueOrDefault(table) > 0, $"{table} is empty in the copy"));

            // The release step after a restore; then an instance on the copy accepts the sign-in made
            // before the backup (the keys that sign cookies were in the dump too).
            await using var fromCopy = factory.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:Default", restored));
            Assert.Equal(restored, fromCopy.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default"));
            await PortalCommands.MigrateAsync(fromCopy.Services);
            using var sameBrowser = PortalClient.On(fromCopy, browser);
            var home = await sameBrowser.GetAsync("/", follow: false);
            Assert.Equal(HttpStatusCode.OK, home.Status);
            Assert.Equal("李老师（心理）", home.TestId("current-user"));
            Assert.Equal(HttpStatusCode.OK, (await sameBrowser.Http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            File.Delete(dump);
            await server.DropDatabaseAsync(restored);
        }
    }

    /// <summary>Every ordinary table of the database with its exact row count (COUNT(*), not the planner's estimate).</summary>
    private static async Task<Dictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table.StartsWith("public.", StringComparison.Ordinal) ? table["public.".Length..] : table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
