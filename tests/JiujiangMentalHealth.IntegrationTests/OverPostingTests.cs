using System.Reflection;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>QUALITY "Forms bind explicit input models; over-posting an extra field changes nothing" [ASVS 5.1.2].</summary>
public class OverPostingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Assembly Web = typeof(Program).Assembly;

    /// <summary>Domain and persistence types: binding one of them would let a form set any of its properties.</summary>
    private static bool IsEntityType(Type type)
    {
        var element = Nullable.GetUnderlyingType(type) ?? (type.IsGenericType ? type.GetGenericArguments()[0] : type);
        return !element.IsEnum && element.Namespace is { } ns
            && (ns.StartsWith("JiujiangMentalHealth.Domain", StringComparison.Ordinal) || ns.StartsWith("JiujiangMentalHealth.Infrastructure", StringComparison.Ordinal))
            && !element.IsValueType;
    }

    [Fact]
    public void Forms_bind_explicit_input_models_never_domain_entities()
    {
        var pageModels = Web.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(pageModels);
        // [BindProperties] on a class binds every public property, including ones nobody meant to expose.
        Assert.Empty(pageModels.Where(t => t.GetCustomAttribute<BindPropertiesAttribute>() is not null).Select(t => t.FullName));

        var bound = pageModels.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null)
            .ToList();
        Assert.NotEmpty(bound);
        Assert.Empty(bound.Where(p => IsEntityType(p.PropertyType)).Select(p => $"{p.DeclaringType!.Name}.{p.Name}: {p.PropertyType.Name}"));

        // Handler parameters bind too: none may be an entity.
        var parameters = pageModels.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("On", StringComparison.Ordinal))
            .SelectMany(m => m.GetParameters().Select(p => (Method: m, Parameter: p)));
        Assert.Empty(parameters.Where(x => IsEntityType(x.Parameter.ParameterType)).Select(x => $"{x.Method.DeclaringType!.Name}.{x.Method.Name}({x.Parameter.Name})"));
    }

    [Fact]
    public async Task Over_posting_a_students_school_or_id_changes_nothing_but_the_fields_of_the_form()
    {
        int studentId;
        int schoolId;
        int otherSchool;
        await using (var db = factory.CreateDbContext())
        {
            var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "超额提交");
            (studentId, schoolId) = (student.Id, student.SchoolId);
            otherSchool = await db.Schools.Where(s => s.Name == "九江一中").Select(s => s.Id).SingleAsync();
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync($"/Students/Edit?id={studentId}");
        var saved = await counsellor.SubmitAsync(form, new Dictionary<string, string> { ["Input.GuardianName"] = "王外婆" }, extra:
        [
            new("SchoolId", otherSchool.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.SchoolId", otherSchool.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Id", "1"),
            new("Student.SchoolId", otherSchool.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        Assert.Equal($"/Students/{studentId}", saved.Url);

        await using (var db = factory.CreateDbContext())
        {
            var after = await db.Students.AsNoTracking().SingleAsync(s => s.Id == studentId);
            Assert.Equal((schoolId, "王外婆"), (after.SchoolId, after.GuardianName));
        }
    }

    [Fact]
    public async Task Over_posting_roles_or_a_disabled_flag_on_ones_own_password_change_changes_nothing()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync("/Account/ChangePassword");
        await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "wrong-password-here",
            ["Input.NewPassword"] = "一个足够长的新密码abc",
            ["Input.ConfirmPassword"] = "一个足够长的新密码abc",
        }, extra: [new("Input.Roles", "Admin"), new("Roles", "Admin"), new("Input.IsDisabled", "true"), new("Input.Scope", "city")]);

        await using var db = factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "counsellor");
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
        Assert.Equal(["Counsellor"], roles);
        Assert.False(user.IsDisabled);
        // And the account still works as it did.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await counsellor.GetAsync("/Students")).Status);
    }
}
