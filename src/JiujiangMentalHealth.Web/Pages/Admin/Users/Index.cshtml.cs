using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Admin.Users;

/// <summary>用户管理 — who can sign in, with which roles and for which unit.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    /// <summary>"user" (the default: user name), "name" (display name) or "scope" (district, then school), each with "-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public string CurrentSort => Sort ?? "user";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public sealed record Row(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, ScopeLevel Level, string? District, string? School, bool IsDisabled, bool IsLockedOut);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var users = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(q)
                                     || (u.School != null && u.School.Name.Contains(q)) || (u.District != null && u.District.Name.Contains(q)));
        }

        if (!string.IsNullOrEmpty(Role) && Domain.Access.Roles.All.Contains(Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == Role).Select(r => r.Id).SingleAsync(cancellationToken);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        var total = await users.CountAsync(cancellationToken);
        Pager = new Pager(PageNumber, PageSize, total, "/Admin/Users", new Dictionary<string, string?> { ["q"] = Q, ["role"] = Role, ["sort"] = Sort });
        var now = clock.GetUtcNow();
        var sorted = CurrentSort switch
        {
            "user-desc" => users.OrderByDescending(u => u.UserName),
            "name" => users.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName),
            "name-desc" => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.UserName),
            "scope" => users.OrderBy(u => u.ScopeLevel).ThenBy(u => u.District != null ? u.District.SortOrder : u.School != null ? u.School.District!.SortOrder : 0)
                .ThenBy(u => u.School != null ? u.School.Code : "").ThenBy(u => u.UserName),
            "scope-desc" => users.OrderByDescending(u => u.ScopeLevel).ThenByDescending(u => u.District != null ? u.District.SortOrder : u.School != null ? u.School.District!.SortOrder : 0)
                .ThenByDescending(u => u.School != null ? u.School.Code : "").ThenBy(u => u.UserName),
            _ => users.OrderBy(u => u.UserName),
        };
        var page = await sorted
            .Skip(Pager.Skip).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                u.ScopeLevel,
                District = u.District != null ? u.District.Name : u.School != null ? u.School.District!.Name : null,
                School = u.School != null ? u.School.Name : null,
                u.IsDisabled,
                u.LockoutEnd,
            })
            .ToListAsync(cancellationToken);
        Rows = page.Select(u => new Row(
                u.Id, u.UserName!, u.DisplayName, Domain.Access.Roles.All.Where(u.Roles.Contains).ToList(),
                u.ScopeLevel, u.District, u.School, u.IsDisabled, u.LockoutEnd > now))
            .ToList();
    }
}
