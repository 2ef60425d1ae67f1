using System.Diagnostics;
using JiujiangMentalHealth.Infrastructure.Postgres;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>The PostgreSQL programs of this machine (pg_ctl, pg_dump, pg_restore): next to initdb, else on PATH.</summary>
public static class PostgresTools
{
    public static string? Find(string tool)
    {
        var candidates = new[] { LocalPostgresCluster.FindBinDirectory() }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.OfType<string>().Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Runs a client program against the database of <paramref name="connectionString"/> (given through
    /// the PG* environment variables, so no password shows in a process list); fails with its output.
    /// </summary>
    public static async Task RunAsync(string tool, string connectionString, params string[] arguments)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["PGHOST"] = target.Host,
                ["PGPORT"] = target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = target.Username,
                ["PGPASSWORD"] = target.Password ?? "",
                ["PGDATABASE"] = target.Database,
            },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }
}

/// <summary>
/// A test that needs PostgreSQL's own programs on this machine (a Docker-only machine has none): it is
/// reported as skipped, with the reason, rather than silently passing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsPostgresToolsFactAttribute : FactAttribute
{
    public NeedsPostgresToolsFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => PostgresTools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Needs the PostgreSQL programs {string.Join(", ", missing)} (apt-get install postgresql, or $JMH_PG_BIN), which this machine lacks.";
        }
    }
}
