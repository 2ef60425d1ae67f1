using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>
/// Guards the student pages: a signed-in user who holds no student-facing role (bureaus, admins,
/// the centre) is told the page does not exist — 404, not 403, so not even the existence of student
/// records is revealed — and the attempt is audited as denied.
/// </summary>
public sealed class StudentRecordsFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (StudentAccess.HoldsStudentRole(user))
        {
            await next();
            return;
        }

        var asked = context.RouteData.Values.TryGetValue("id", out var routeId) ? routeId?.ToString()
            : context.HttpContext.Request.Query.TryGetValue("studentId", out var queryId) ? queryId.ToString()
            : context.HttpContext.Request.Query.TryGetValue("id", out var plainId) ? plainId.ToString()
            : null;
        // Only an id goes into the audit trail, never whatever else was typed into the address.
        var id = asked is null ? null : long.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
        var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
        await audit.RecordAsync(AuditLog.ActionOf(context.HttpContext.Request), "student", id, AuditLog.Denied);
        context.Result = new NotFoundResult();
    }
}
