using System.Diagnostics;
using System.Globalization;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Hosting;

/// <summary>
/// A command line split in two: the command with its own words and options (<c>bench import</c>,
/// <c>seed --scale city</c>) and everything else, which goes to the web host (<c>--urls …</c>,
/// <c>--ConnectionStrings:Default=…</c>).
/// </summary>
public sealed record PortalInvocation(string? Command, IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options, string[] HostArguments)
{
    /// <summary><c>seed --scale …</c>: the city-scale seeder rather than the demo data alone.</summary>
    public bool SeedsScale => Command == "seed" && Options.ContainsKey("scale");

    /// <summary>Benchmarks and scale data add hundreds of thousands of rows: they never go to the demo database.</summary>
    public bool UsesBenchmarkDatabase => Command == "bench" || SeedsScale;
}

/// <summary>
/// Commands run instead of serving: `migrate` applies the migrations once (run it before
/// starting several instances, so they never race), `seed` adds the demo data (`seed --scale
/// city|district` then fills its schools to full enrolment with two school years of records), and
/// `bench [operation]` measures the portal's code paths against the database alone (on a benchmark database).
/// </summary>
public static class PortalCommands
{
    public const string ScaleUsage = "Usage: seed --scale city|district [--district 360403]";

    public static readonly string[] Names = ["migrate", "seed", "bench"];

    /// <summary>The options each command takes, each with a value; any other option belongs to the host.</summary>
    private static readonly Dictionary<string, string[]> CommandOptions = new(StringComparer.Ordinal)
    {
        ["seed"] = ["--scale", "--district"],
        ["bench"] = ["--iterations", "--seconds", "--clients", "--jit", "--load-dashboards"],
    };

    public static PortalInvocation Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = args.ToList().FindIndex(a => Names.Contains(a));
        if (at < 0)
        {
            return new PortalInvocation(null, [], new Dictionary<string, string>(), [.. args]);
        }

        var command = args[at];
        var known = CommandOptions.GetValueOrDefault(command) ?? [];
        var host = args.Take(at).ToList();
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = at + 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                words.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var hasNext = equals < 0 && i + 1 < args.Count && !args[i + 1].StartsWith('-');
            if (known.Contains(name))
            {
                options[name.TrimStart('-')] = equals >= 0 ? arg[(equals + 1)..] : hasNext ? args[++i] : "";
            }
            else
            {
                // The host's option, with its value when it is given as the next argument (--urls http://…).
                host.Add(arg);
                if (hasNext)
                {
                    host.Add(args[++i]);
                }
            }
        }

        return new PortalInvocation(command, words, options, [.. host]);
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }

    /// <summary>
    /// <c>seed --scale city|district [--district CODE]</c>: the migrations, the demo city, then its schools
    /// filled to full enrolment; prints rows per table and the time each step took. Returns the exit code.
    /// </summary>
    public static async Task<int> SeedScaleAsync(IServiceProvider services, PortalInvocation invocation, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        var scale = ScaleOptions.Parse(invocation.Options.GetValueOrDefault("scale"), invocation.Options.GetValueOrDefault("district"));
        if (scale is null)
        {
            await output.WriteLineAsync(ScaleUsage);
            return 2;
        }

        var started = Stopwatch.GetTimestamp();
        await MigrateAsync(services, cancellationToken);
        await SeedDemoAsync(services, cancellationToken);
        var demo = Stopwatch.GetElapsedTime(started);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ScaleSeeder>().SeedAsync(scale, cancellationToken);
        await output.WriteLineAsync(result.ToString());
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  migrations and demo seed {demo.TotalSeconds:0.0} s; the whole command {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        return 0;
    }
}
