using JiujiangMentalHealth.Web.Hosting;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The command line: a command takes its own words and options (<c>--scale city</c>), and every other
/// option, with its value, still reaches the web host (<c>--urls</c>, a connection string).
/// </summary>
public class PortalCommandTests
{
    [Fact]
    public void Seed_takes_its_scale_and_leaves_the_hosts_options_to_the_host()
    {
        var invocation = PortalCommands.Parse(["seed", "--scale", "city", "--urls", "http://127.0.0.1:5090", "--ConnectionStrings:Default=Host=db"]);

        Assert.Equal("seed", invocation.Command);
        Assert.Equal("city", invocation.Options["scale"]);
        Assert.Empty(invocation.Words);
        Assert.Equal(["--urls", "http://127.0.0.1:5090", "--ConnectionStrings:Default=Host=db"], invocation.HostArguments);
        Assert.True(invocation.SeedsScale);
        Assert.True(invocation.UsesBenchmarkDatabase);
    }

    [Fact]
    public void A_district_can_be_named_and_options_may_come_with_an_equals_sign()
    {
        var invocation = PortalCommands.Parse(["--environment", "Development", "seed", "--scale=district", "--district", "360424"]);

        Assert.Equal(new Dictionary<string, string> { ["scale"] = "district", ["district"] = "360424" }, invocation.Options);
        Assert.Equal(["--environment", "Development"], invocation.HostArguments);
    }

    [Fact]
    public void Plain_seed_stays_on_the_demo_database_and_bench_keeps_its_words()
    {
        var seed = PortalCommands.Parse(["seed"]);
        Assert.False(seed.SeedsScale);
        Assert.False(seed.UsesBenchmarkDatabase);

        var bench = PortalCommands.Parse(["bench", "import", "--urls", "http://127.0.0.1:5090"]);
        Assert.Equal(["import"], bench.Words);
        Assert.Equal(["--urls", "http://127.0.0.1:5090"], bench.HostArguments);
        Assert.True(bench.UsesBenchmarkDatabase);

        // --scale is seed's own option: after another command it belongs to the host, which ignores it.
        Assert.Equal(["--scale", "city"], PortalCommands.Parse(["migrate", "--scale", "city"]).HostArguments);
    }

    [Fact]
    public void Bench_runs_everything_or_the_operations_named_with_its_durations()
    {
        var all = JiujiangMentalHealth.Web.Benchmarks.BenchOptions.Parse([], PortalCommands.Parse(["bench"]).Options)!;
        Assert.Equal(JiujiangMentalHealth.Web.Benchmarks.BenchOptions.All.Length, all.Operations.Count);
        Assert.Equal((30, 50, false), (all.Seconds, all.Clients, all.IterationsGiven));

        var invocation = PortalCommands.Parse(["bench", "dashboards", "load", "--seconds", "5", "--clients=8", "--iterations", "3", "--jit", "off", "--urls", "http://127.0.0.1:0"]);
        var some = JiujiangMentalHealth.Web.Benchmarks.BenchOptions.Parse(invocation.Words, invocation.Options)!;
        Assert.Equal(["dashboards", "load"], some.Operations.Order(StringComparer.Ordinal));
        Assert.Equal((5, 8, 3, true), (some.Seconds, some.Clients, some.Iterations, some.IterationsGiven));
        Assert.Equal("off", invocation.Options["jit"]);
        Assert.Equal(["--urls", "http://127.0.0.1:0"], invocation.HostArguments);

        Assert.Null(JiujiangMentalHealth.Web.Benchmarks.BenchOptions.Parse(["dashboard"], invocation.Options));
        Assert.Null(JiujiangMentalHealth.Web.Benchmarks.BenchOptions.Parse([], new Dictionary<string, string> { ["seconds"] = "0" }));
    }

    [Fact]
    public void Without_a_command_everything_goes_to_the_host()
    {
        var invocation = PortalCommands.Parse(["--urls", "http://127.0.0.1:5090"]);

        Assert.Null(invocation.Command);
        Assert.Equal(["--urls", "http://127.0.0.1:5090"], invocation.HostArguments);
    }
}
