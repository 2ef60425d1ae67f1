using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Infrastructure.Auditing;
using JiujiangMentalHealth.Infrastructure.Persistence;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>
/// Writes an audit entry for every view, export, import or change of a student's data, every
/// sign-in, sign-out and admin action, and every refusal: who (user and roles), what (action,
/// record kind and id), when (UTC), from where (IP) and whether it was allowed. Never the content.
/// <see cref="RecordAsync"/> writes through a context of its own, so writing one never saves (or
/// fails with) whatever the page has pending in its context; <see cref="Add"/> joins the page's
/// context when the entry must share the change's transaction.
/// </summary>
public sealed class AuditLog(IConfiguration configuration, IHttpContextAccessor http, TimeProvider clock)
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";

    /// <summary>The column's length: a longer id (a path, a value someone typed) is cut, never refused.</summary>
    private const int EntityIdLength = 40;

    // Set on the request once a refusal is recorded, so the catch-all for 403s does not record it twice.
    private static readonly object DenialRecordedKey = new();

    /// <summary>Records an act of the request's signed-in user.</summary>
    public Task RecordAsync(string action, string entity, object? entityId, string outcome = Allowed, CancellationToken cancellationToken = default) =>
        RecordForAsync(http.HttpContext?.User, action, entity, entityId, outcome, cancellationToken);

    /// <summary>
    /// Records an act of <paramref name="actor"/> rather than of the request's user: while signing in,
    /// the request is still anonymous, so the sign-in names the account it is about — or null when the
    /// name typed is no account's (what was typed is then kept nowhere: it may be a password).
    /// </summary>
    public async Task RecordForAsync(ClaimsPrincipal? actor, string action, string entity, object? entityId, string outcome = Allowed, CancellationToken cancellationToken = default)
    {
        await using var db = AppDbContextOptions.Create(Hosting.DatabaseSetup.ConnectionString(configuration));
        AddFor(db, actor, action, entity, entityId, outcome);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the entry to the page's own context without saving it: the entry is then written, or rolled
    /// back, with the change it records (no entry for an import that a lost connection undid, none twice
    /// when the execution strategy retries).
    /// </summary>
    public void Add(AppDbContext db, string action, string entity, object? entityId, string outcome = Allowed) =>
        AddFor(db, http.HttpContext?.User, action, entity, entityId, outcome);

    /// <summary>Whether a refusal of this request is already in the audit trail.</summary>
    public static bool DenialRecorded(HttpContext context) => context.Items.ContainsKey(DenialRecordedKey);

    /// <summary>How a refused request is named when no page says more: a read is a "view", anything else a "change".</summary>
    public static string ActionOf(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? "view" : "change";

    private static string? Cut(string? id) => id is { Length: > EntityIdLength } ? id[..(EntityIdLength - 1)] + "…" : id;

    private void AddFor(AppDbContext db, ClaimsPrincipal? actor, string action, string entity, object? entityId, string outcome)
    {
        ArgumentNullException.ThrowIfNull(db);
        var context = http.HttpContext;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = actor?.FindFirst(ClaimTypes.NameIdentifier)?.Value,
            UserName = actor?.Identity?.Name ?? "",
            Roles = actor is null ? "" : string.Join(",", Roles.All.Where(actor.IsInRole)),
            Action = action,
            Entity = entity,
            EntityId = Cut(entityId?.ToString()),
            Outcome = outcome,
            Ip = context?.Connection.RemoteIpAddress?.ToString(),
        });
        if (outcome == Denied && context is not null)
        {
            context.Items[DenialRecordedKey] = true;
        }
    }
}
