using JiujiangMentalHealth.Web.Hosting;
using Serilog;

// A plain (not reloadable) start-up logger: several hosts in one process, as in the tests,
// each build their own logger from configuration (a reloadable one can be frozen only once).
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
try
{
    var invocation = PortalCommands.Parse(args);
    var command = invocation.Command;
    var builder = WebApplication.CreateBuilder(invocation.HostArguments);
    if (invocation.UsesBenchmarkDatabase)
    {
        // Benchmarks and city-scale data add up to millions of rows: never into the demo database.
        builder.Configuration["LocalPostgres:Database"] = "jiujiang_bench";
    }

    var startedCluster = await DatabaseSetup.UseLocalClusterIfUnconfiguredAsync(builder, Log.Logger);
    if (command == "bench")
    {
        // The benchmark measures the figures cache itself, cold and warm: no warming beside it.
        builder.Configuration["Reporting:WarmCache"] = "false";
    }

    if (command == "bench" && invocation.Options.GetValueOrDefault("jit") is "on" or "off")
    {
        // The portal runs with PostgreSQL's JIT off (DatabaseSetup.ConnectionString); `bench --jit on` measures what it would cost.
        var jit = new Npgsql.NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Default")) { Options = "-c jit=" + invocation.Options["jit"] };
        builder.Configuration["ConnectionStrings:Default"] = jit.ConnectionString;
    }

    builder.AddPortal();
    var app = builder.Build();

    if (command is not null)
    {
        var exitCode = 0;
        if (command == "migrate")
        {
            await PortalCommands.MigrateAsync(app.Services);
            Log.Information("Migrations applied");
        }

        if (invocation.SeedsScale)
        {
            exitCode = await PortalCommands.SeedScaleAsync(app.Services, invocation, Console.Out);
        }
        else if (command == "seed" || (command == "migrate" && builder.Configuration.GetValue<bool>("Demo:Seed")))
        {
            if (command == "seed")
            {
                // An empty database needs its tables before the demo can go in.
                await PortalCommands.MigrateAsync(app.Services);
            }

            await PortalCommands.SeedDemoAsync(app.Services);
        }

        if (command == "bench")
        {
            exitCode = await BenchAsync(app, invocation);
        }

        if (startedCluster is not null)
        {
            await startedCluster.StopAsync();
        }

        return exitCode;
    }

    // Development migrates and seeds on start; production runs `migrate` once before the instances start.
    if (app.Environment.IsDevelopment())
    {
        await PortalCommands.MigrateAsync(app.Services);
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            await PortalCommands.SeedDemoAsync(app.Services);
        }
    }

    app.UsePortal();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "The portal stopped because of an error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

static async Task<int> BenchAsync(WebApplication app, PortalInvocation invocation)
{
    var options = JiujiangMentalHealth.Web.Benchmarks.BenchOptions.Parse(invocation.Words, invocation.Options);
    if (options is null)
    {
        Console.WriteLine(JiujiangMentalHealth.Web.Benchmarks.BenchOptions.Usage);
        return 2;
    }

    await PortalCommands.MigrateAsync(app.Services);
    if (options.NeedsHttp)
    {
        app.UsePortal();
    }

    await new JiujiangMentalHealth.Web.Benchmarks.PortalBenchmark(app, options, Console.Out).RunAsync();
    return 0;
}

/// <summary>Entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
