using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>
/// Every 403 passes through the sign-in cookie's access-denied event — a folder or page policy the
/// authorization middleware refuses as well as a page's own <c>Forbid()</c> — so the refusal is
/// audited here, once for all pages, as a denied "page" entry.
/// </summary>
public static class ForbiddenAudit
{
    /// <summary>Answers 403 (a friendly page, not a redirect to sign-in) and records the refusal.</summary>
    public static async Task OnAccessDeniedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var http = context.HttpContext;
        // A page that refused with an entry of its own (naming the record asked for) is not recorded twice.
        if (AuditLog.DenialRecorded(http))
        {
            return;
        }

        // The path only: a query string may hold what was typed into a search (a name).
        var page = (http.Request.PathBase + http.Request.Path).Value;
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        try
        {
            await audit.RecordAsync(AuditLog.ActionOf(http.Request), "page", page, AuditLog.Denied, http.RequestAborted);
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Npgsql.NpgsqlException or OperationCanceledException)
        {
            // The refusal stands whether or not it could be written down; the failure is logged instead.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ForbiddenAudit))
                .LogError(e, "A refusal of {Path} could not be written to the audit trail", page);
        }
    }
}
