using System.Globalization;
using System.Security.Claims;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.Web.Identity;

/// <summary>Puts the user's display name and scope into the sign-in cookie.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(PortalClaims.ScopeLevel, user.ScopeLevel.ToString()));
        if (user.DistrictId is { } districtId)
        {
            identity.AddClaim(new Claim(PortalClaims.DistrictId, districtId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.SchoolId is { } schoolId)
        {
            identity.AddClaim(new Claim(PortalClaims.SchoolId, schoolId.ToString(CultureInfo.InvariantCulture)));
        }

        var classIds = await db.UserClasses.Where(c => c.UserId == user.Id).Select(c => c.ClassId).ToListAsync();
        foreach (var classId in classIds)
        {
            identity.AddClaim(new Claim(PortalClaims.ClassId, classId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
