using System.Threading.RateLimiting;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace JiujiangMentalHealth.Web.Hosting;

/// <summary>Everything the portal registers and the order of its middleware, in one place.</summary>
public static class PortalSetup
{
    public const string SignInRateLimit = "sign-in";

    public static void AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Each host logs through a logger of its own, not the process-wide static one: several hosts in
        // one process (as in the tests) would otherwise all write into whichever was built last. Sinks
        // registered as services join the configured ones (the tests capture every event that way).
        builder.Host.UseSerilog((context, provider, logger) =>
        {
            logger.ReadFrom.Configuration(context.Configuration).ReadFrom.Services(provider).Enrich.FromLogContext();
            if (context.HostingEnvironment.IsDevelopment())
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        }, preserveStaticLogger: true);

        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AppDbContext>((sp, options) =>
            options.UsePortalDatabase(DatabaseSetup.ConnectionString(sp.GetRequiredService<IConfiguration>())));
        services.AddScoped<DemoSeeder>();
        services.AddScoped<ScaleSeeder>();

        // One application name and keys in PostgreSQL: a cookie from one instance works on another.
        services.AddDataProtection().SetApplicationName("JiujiangMentalHealth").PersistKeysToDbContext<AppDbContext>();

        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddOptions<SecurityStampValidatorOptions>().Configure<IConfiguration>((options, configuration) =>
            options.ValidationInterval = TimeSpan.FromMinutes(configuration.GetValue("Security:SecurityStampCheckMinutes", 2.0)));
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/SignIn";
            options.LogoutPath = "/Account/SignOut";
            options.AccessDeniedPath = "/Account/SignIn";
            options.Cookie.Name = "jmh.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            options.SlidingExpiration = true;
            // A signed-in user without the right role gets 403 and a friendly page, not a redirect;
            // the refusal is audited.
            options.Events.OnRedirectToAccessDenied = ForbiddenAudit.OnAccessDeniedAsync;
        });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IConfiguration>((options, configuration) =>
                options.ExpireTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Security:IdleTimeoutMinutes", 30.0)));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "jmh.af";
            options.FormFieldName = "__RequestVerificationToken";
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPortalPolicies();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Security:SignInPermitsPerMinute", 10);
                // Only attempts (POST) count: showing the sign-in form is free.
                return HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("read");
            });
        });

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // Chinese text is written as characters, not as &#x…; entities (HTML-encoding still escapes markup).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<Labels>();
        services.AddScoped<JiujiangMentalHealth.Web.Pages.Support.SupportTeams>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<JiujiangMentalHealth.Web.Pages.Staff.StaffRoster>();
        services.AddScoped<JiujiangMentalHealth.Web.Pages.Staffing.StaffingFigures>();
        services.AddSingleton<JiujiangMentalHealth.Infrastructure.Reporting.FiguresCache>();
        // The figures' statements read a replica when ConnectionStrings:Reporting is set (its pool closes with the container).
        services.AddSingleton(sp => new ReportingConnections(DatabaseSetup.ReportingConnectionString(sp.GetRequiredService<IConfiguration>())));
        services.AddScoped<JiujiangMentalHealth.Infrastructure.Reporting.SchoolFiguresQuery>();
        services.AddScoped<JiujiangMentalHealth.Infrastructure.Reporting.TrendQuery>();
        services.AddScoped<JiujiangMentalHealth.Web.Reporting.DashboardBuilder>();
        services.AddHostedService<JiujiangMentalHealth.Web.Reporting.FiguresWarmer>();
        services.AddOptions<JiujiangMentalHealth.Web.Reporting.ReportingOptions>().Bind(builder.Configuration.GetSection("Reporting"))
            .Validate(o => o.DeadlineDay is >= 1 and <= 31, "Reporting:DeadlineDay must be a day of the month (1–31).").ValidateOnStart();
        services.AddSingleton<IConfigureOptions<MvcOptions>, ModelBindingMessages>();
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Staff", Policies.SchoolWorkforce);
                options.Conventions.AuthorizeFolder("/Staffing", Policies.WorkforceFigures);
                options.Conventions.AuthorizeFolder("/Rooms", Policies.WorkforceFigures);
                options.Conventions.AuthorizeFolder("/Training", Policies.WorkforceFigures);
                options.Conventions.AuthorizeFolder("/Featured", Policies.WorkforceFigures);
                options.Conventions.AuthorizeFolder("/Dashboards", Policies.Dashboards);
                options.Conventions.AuthorizeFolder("/Reports", Policies.Reports);
                options.Conventions.AuthorizeFolder("/Activities", Policies.Activities);
                options.Conventions.AuthorizeFolder("/Centre", Policies.Centre);
                options.Conventions.AuthorizeFolder("/Lecturers", Policies.Lecturers);
                options.Conventions.AddFolderApplicationModelConvention("/Students", model => model.Filters.Add(new StudentRecordsFilter()));
                options.Conventions.AuthorizeFolder("/Screenings", Policies.ScreeningWork);
                options.Conventions.AddFolderApplicationModelConvention("/Support", model => model.Filters.Add(new StudentRecordsFilter()));
                options.Conventions.AddFolderApplicationModelConvention("/Crisis", model => model.Filters.Add(new StudentRecordsFilter()));
                options.Conventions.AddFolderApplicationModelConvention("/Todo", model => model.Filters.Add(new StudentRecordsFilter()));
                options.Conventions.AllowAnonymousToPage("/Account/SignIn");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // A readiness probe wants an answer, not the page requests' retries (about 14 s while the
        // database is down): past the timeout the check is cancelled and reports unhealthy.
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"], timeout: DatabaseReadyCheck.Timeout);
    }

    public static void UsePortal(this WebApplication app)
    {
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseSecurityHeaders();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        // The path without the query string (Serilog's default, kept explicit): a query may hold a name.
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.IncludeQueryInRequestPath = false;
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
        });
        app.UseRequestLocalization(PortalCultures.Options());
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorPages();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(test server)";
            app.Logger.LogInformation("九江市中小学心理健康管理平台 is serving at {Addresses}", addresses);
        });
    }
}
