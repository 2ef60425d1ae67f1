using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using Microsoft.AspNetCore.Identity;

namespace JiujiangMentalHealth.Infrastructure.Identity;

/// <summary>用户 — a person who signs in, with the unit they work for (their scope).</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public ScopeLevel ScopeLevel { get; set; } = ScopeLevel.City;

    public int? DistrictId { get; set; }

    public District? District { get; set; }

    public int? SchoolId { get; set; }

    public School? School { get; set; }

    /// <summary>The classes a head teacher (班主任) is responsible for.</summary>
    public List<UserClass> Classes { get; set; } = [];

    /// <summary>A disabled user cannot sign in, and their sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public UserScope Scope => new(ScopeLevel, DistrictId, SchoolId, Classes.Select(c => c.ClassId).ToList());
}

/// <summary>班主任所带班级 — one class a head teacher is responsible for.</summary>
public class UserClass
{
    public string UserId { get; set; } = "";

    public int ClassId { get; set; }

    public SchoolClass? Class { get; set; }
}
