using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>
/// 导入学生名册 — XLSX or CSV (UTF-8, UTF-8 BOM, GBK/GB18030), all rows or none, into the user's
/// own school. School leaders and counsellors only; head teachers see their classes but do not import.
/// </summary>
[Authorize(Roles = Roles.SchoolLeader + "," + Roles.Counsellor)]
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1024 * 1024)]
public class ImportModel(AppDbContext db, IStringLocalizer<SharedResource> t, Labels labels, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int MaxUploadBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5000;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string SchoolName { get; private set; } = "";

    public string? FileError { get; private set; }

    public IReadOnlyList<StudentRoster.RowError> Errors { get; private set; } = [];

    public string? FileName { get; private set; }

    private int SchoolId { get; set; }

    private string SchoolCode { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ResolveSchoolAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>An empty roster with the expected headers and one example row that fits this school year.</summary>
    public IActionResult OnGetTemplate()
    {
        var year = SchoolYear.Containing(ChinaTime.Today(clock));
        var (from, _) = StudentRoster.UsualBirthDates(3, year);
        var birth = from.AddMonths(3);
        var first17 = "360403" + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "001";
        var number = "G" + first17 + Student.ResidentIdCheckCharacter(first17);
        var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, StudentRoster.Headers,
            [[number, "张小明", "男", birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "三年级(1)班",
                "留守儿童、学习困难", "一般", "", "张建国", "13800000000", ""]],
            t["StudentImport_SheetName"]);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", t["StudentImport_TemplateFile"] + ".xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        var read = Uploads.ReadTable(Upload, new TabularLimits(MaxBytes: MaxUploadBytes, MaxDataRows: MaxRows), t);
        FileName = read.FileName;
        if (read.Table is null)
        {
            FileError = read.Error;
            return Page();
        }

        // Everything the rows are checked against, loaded once: the school's classes, and the students
        // already in the portal (in any school) under the numbers of this file.
        var year = SchoolYear.Containing(ChinaTime.Today(clock));
        var classes = await db.SchoolClasses.AsNoTracking().Where(c => c.SchoolId == SchoolId)
            .Select(c => new { c.Id, c.Section, c.EntryYear, c.Number }).ToListAsync(cancellationToken);
        var numbers = StudentRoster.NumbersIn(read.Table).ToList();
        var known = await db.Students.AsNoTracking().Where(s => numbers.Contains(s.StudentNumber))
            .Select(s => new { s.StudentNumber, s.SchoolId }).ToListAsync(cancellationToken);
        var roster = new StudentRoster(t, labels);
        var result = roster.Read(read.Table, new StudentRoster.SchoolContext(
            SchoolId,
            SchoolCode,
            year,
            classes.ToDictionary(c => (c.Section, c.EntryYear, c.Number), c => c.Id),
            known.ToDictionary(s => s.StudentNumber, s => s.SchoolId, StringComparer.Ordinal)));
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            return Page();
        }

        db.Students.AddRange(result.Students);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone registered one of these students between the check and the save: nothing was saved.
            db.ChangeTracker.Clear();
            FileError = t["StudentImport_Conflict"];
            return Page();
        }

        await audit.RecordAsync("import", "student", result.Students.Count, cancellationToken: cancellationToken);
        TempData["Message"] = t["StudentImport_Done", result.Students.Count, FileName].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> ResolveSchoolAsync(CancellationToken cancellationToken)
    {
        var schoolId = User.Scope().SchoolId;
        if (schoolId is null)
        {
            return false;
        }

        var school = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId)
            .Select(s => new { s.Id, s.Name, s.Code }).SingleOrDefaultAsync(cancellationToken);
        if (school is null)
        {
            return false;
        }

        SchoolId = school.Id;
        SchoolName = school.Name;
        SchoolCode = school.Code;
        return true;
    }
}
