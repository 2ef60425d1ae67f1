using Microsoft.AspNetCore.WebUtilities;

namespace JiujiangMentalHealth.Web.Pages.Shared;

/// <summary>A page of a list: its number, the total and the links to its neighbours (keeping the filters).</summary>
public sealed record Pager(int Page, int PageSize, int Total, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>
    /// The id of the page's posted search form when a search is in force (it holds a student's name):
    /// the pager and the sort headers then re-post that form to their address instead of linking,
    /// so the search is kept without ever being put in a URL.
    /// </summary>
    public string? PostForm { get; init; }

    /// <summary>The page shown: the one asked for, within 1 and the last page (a stale p=3 after a narrower search shows the last).</summary>
    public int Current => Math.Clamp(Page, 1, PageCount);

    public int Skip => (Current - 1) * PageSize;

    public string UrlFor(int page)
    {
        var query = Query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value);
        query["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, query);
    }

    /// <summary>The first page of the same list sorted by <paramref name="sort"/>, keeping the other filters.</summary>
    public string SortUrl(string sort) => (this with { Query = new Dictionary<string, string?>(Query) { ["sort"] = sort } }).UrlFor(1);
}

/// <summary>
/// A sortable column header: <paramref name="Key"/> sorts ascending, <c>Key-desc</c> descending;
/// <paramref name="Current"/> is the sort in force (the page's default when none was asked for).
/// A click on the current column reverses it; on another column it starts descending when
/// <paramref name="DescendingFirst"/> (dates, counts), else ascending.
/// </summary>
public sealed record SortHeader(string Label, string Key, string Current, Pager Pager, bool DescendingFirst = false, string? CssClass = null)
{
    public bool IsAscending => Current == Key;

    public bool IsDescending => Current == Key + "-desc";

    /// <summary>The value of <c>aria-sort</c>: only the sorted column carries one.</summary>
    public string? AriaSort => IsAscending ? "ascending" : IsDescending ? "descending" : null;

    public string Url => Pager.SortUrl(IsAscending ? Key + "-desc" : IsDescending ? Key : DescendingFirst ? Key + "-desc" : Key);
}
