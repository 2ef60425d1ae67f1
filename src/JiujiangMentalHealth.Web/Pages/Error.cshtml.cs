using System.Diagnostics;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JiujiangMentalHealth.Web.Pages;

/// <summary>出错了 — one friendly page for exceptions (503 while the database is away) and for 403/404/429; it never touches the database.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    /// <summary>Seconds a client (or a proxy) is asked to wait before trying again while the database is away.</summary>
    private const int RetryAfterSeconds = 30;

    public int Code { get; private set; }

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (code is not null)
        {
            return;
        }

        // A database that is down is not a bug: 503 tells a load balancer and the user that it is
        // temporary, and the page says that whatever was being saved was not.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error.IsDatabaseUnavailable() == true)
        {
            Code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Response.StatusCode = Code;
    }
}
