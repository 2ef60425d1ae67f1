using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Infrastructure.Auditing;
using JiujiangMentalHealth.Infrastructure.Persistence;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>
/// Writes an audit entry for every view, export, import or change of a student's data, and for
/// every refusal: who (user and roles), what (action, record kind and id), when (UTC), from where
/// (IP) and whether it was allowed. Never the content. Entries go through a context of their own,
/// so writing one never saves (or fails with) whatever the page has pending in its context.
/// </summary>
public sealed class AuditLog(IConfiguration configuration, IHttpContextAccessor http, TimeProvider clock)
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";

    public async Task RecordAsync(string action, string entity, object? entityId, string outcome = Allowed, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var user = context?.User;
        await using var db = AppDbContextOptions.Create(Hosting.DatabaseSetup.ConnectionString(configuration));
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            UserName = user?.Identity?.Name ?? "",
            Roles = user is null ? "" : string.Join(",", Roles.All.Where(user.IsInRole)),
            Action = action,
            Entity = entity,
            EntityId = entityId?.ToString(),
            Outcome = outcome,
            Ip = context?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
