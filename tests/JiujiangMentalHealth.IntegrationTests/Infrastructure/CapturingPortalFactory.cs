using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>
/// The portal as <see cref="PortalFactory"/> serves it, with every Serilog event it writes kept in
/// <see cref="Log"/>, and every request coming from <see cref="ClientAddress"/> (a test server's
/// requests have no address of their own, and the audit trail records it).
/// </summary>
public class CapturingPortalFactory : PortalFactory
{
    /// <summary>An address reserved for documentation (RFC 5737).</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("203.0.113.7");

    public LogCapture Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // The portal adds sinks registered as services to its logger (PortalSetup).
            services.AddSingleton<ILogEventSink>(Log);
            services.AddSingleton<IStartupFilter, FixedClientAddress>();
        });
    }

    private sealed class FixedClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = ClientAddress;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>A Serilog sink that keeps the events, and reads every piece of text out of one.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>
    /// The rendered message, every property's value (inside structures, sequences and dictionaries
    /// too) and the exception with its inner ones: whatever any sink could write out.
    /// </summary>
    public static IEnumerable<string> TextsOf(LogEvent logEvent) =>
        logEvent.Properties.Values.SelectMany(TextsOf)
            .Prepend(logEvent.RenderMessage(CultureInfo.InvariantCulture))
            .Append(logEvent.Exception?.ToString() ?? "");

    private static IEnumerable<string> TextsOf(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => [Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? ""],
        SequenceValue sequence => sequence.Elements.SelectMany(TextsOf),
        StructureValue structure => structure.Properties.SelectMany(p => TextsOf(p.Value)).Prepend(structure.TypeTag ?? ""),
        DictionaryValue dictionary => dictionary.Elements.SelectMany(e => TextsOf(e.Key).Concat(TextsOf(e.Value))),
        _ => [value.ToString()],
    };
}
