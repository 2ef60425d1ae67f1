using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Staff;

/// <summary>
/// Which school's staff a request is about: a school user's own school (asking for another one is
/// "not found"), or for an admin the school chosen with ?schoolId.
/// </summary>
public static class StaffSchool
{
    public sealed record Choice(int Id, string Name, string Code);

    /// <returns>The school, or null when there is none to show (not chosen yet, or out of scope).</returns>
    public static async Task<Choice?> ResolveAsync(AppDbContext db, UserScope scope, int? schoolId, CancellationToken cancellationToken)
    {
        var id = scope.Level == ScopeLevel.School ? scope.SchoolId : schoolId;
        if (id is null || (scope.Level == ScopeLevel.School && schoolId is not null && schoolId != scope.SchoolId))
        {
            return null;
        }

        return await db.Schools.VisibleTo(scope).Where(s => s.Id == id)
            .Select(s => new Choice(s.Id, s.Name, s.Code))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
