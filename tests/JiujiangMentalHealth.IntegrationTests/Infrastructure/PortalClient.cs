using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JiujiangMentalHealth.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>
/// A browser-like HTTP client: keeps cookies, follows redirects on request, and submits forms
/// the way a user would — reading the page, keeping its hidden fields (antiforgery token
/// included) and changing only the fields a user types into.
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    /// <summary>HTTPS, as in production: the sign-in cookie is Secure outside Development.</summary>
    public static Uri BaseAddress { get; } = new("https://localhost");

    public HttpClient Http => http;

    /// <summary>
    /// A client of <paramref name="host"/> that keeps its cookies in <paramref name="cookies"/>: clients of
    /// several instances sharing one jar are one browser whose requests a load balancer spreads.
    /// </summary>
    public static PortalClient On(WebApplicationFactory<Program> host, CookieContainer cookies) =>
        new(host.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies)));

    public async Task<Page> GetAsync(string url, bool follow = true)
    {
        var response = await http.GetAsync(url);
        return follow ? await FollowAsync(response) : await Page.ParseAsync(response);
    }

    /// <summary>
    /// Fills the form that contains <paramref name="submitSelector"/> (or the first form) and submits it. A field
    /// set to null is not sent at all (every box of a checkbox group unticked).
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string> fields, string? formSelector = null, string? submitSelector = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        IHtmlFormElement form;
        if (formSelector is null)
        {
            // The page's own form: the layout's language and sign-out forms do not count. Two
            // candidates would make the choice a guess, so the test must then name one.
            var candidates = page.Document.Forms
                .Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)
                            && f.GetAttribute("action")?.Contains("/Culture", StringComparison.Ordinal) != true
                            && f.GetAttribute("action")?.Contains("/Account/SignOut", StringComparison.Ordinal) != true)
                .ToList();
            form = candidates.Count == 1
                ? candidates[0]
                : throw new InvalidOperationException($"{candidates.Count} forms on {page.Url}: name the one to submit");
        }
        else
        {
            form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}");
        }

        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked && !fields.ContainsKey(input.Name))
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (!fields.ContainsKey(input.Name))
                    {
                        values.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }

        // A field given as null is left out, as a browser leaves out checkboxes no one ticked.
        values.AddRange(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        if (extra is not null)
        {
            values.AddRange(extra);
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        if (submitSelector is not null && page.Document.QuerySelector(submitSelector) is IHtmlButtonElement button && button.GetAttribute("formaction") is { } formAction)
        {
            target = formAction;
        }

        var response = await http.PostAsync(target, new FormUrlEncodedContent(values));
        return await FollowAsync(response);
    }

    /// <summary>Submits a multipart form with a file, keeping the form's hidden fields (antiforgery token included).</summary>
    public async Task<Page> UploadAsync(Page page, string formSelector, string fileField, byte[] content, string fileName)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}");
        using var multipart = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            multipart.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        multipart.Add(file, fileField, fileName);
        var action = form.GetAttribute("action");
        var response = await http.PostAsync(string.IsNullOrEmpty(action) ? page.Url : action, multipart);
        return await FollowAsync(response);
    }

    public async Task<Page> SignInAsync(string userName, string password = DemoSeeder.DemoPassword)
    {
        var page = await GetAsync("/Account/SignIn");
        return await SubmitAsync(page, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    public async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            response = await http.GetAsync(response.Headers.Location);
        }

        return await Page.ParseAsync(response);
    }

    public void Dispose() => http.Dispose();

    /// <summary>A response with its parsed HTML.</summary>
    public sealed record Page(HttpResponseMessage Response, IDocument Document, string Url)
    {
        public HttpStatusCode Status => Response.StatusCode;

        public string Text => Document.Body?.TextContent ?? "";

        public static async Task<Page> ParseAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var document = await Parser.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
            return new Page(response, document, response.RequestMessage!.RequestUri!.PathAndQuery);
        }

        public string? TestId(string id) => Document.QuerySelector($"[data-testid={id}]")?.TextContent.Trim();

        public IReadOnlyList<string> Errors =>
            Document.QuerySelectorAll(".validation-summary-errors li, .field-validation-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
    }
}
