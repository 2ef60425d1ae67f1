using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using JiujiangMentalHealth.Web.Pages.Shared;

namespace JiujiangMentalHealth.Web.Pages.Staff;

/// <summary>导入教职工名册 — XLSX or CSV (UTF-8, UTF-8 BOM, GBK/GB18030), all rows or none.</summary>
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1024 * 1024)]
public class ImportModel(AppDbContext db, AuditLog audit, StaffRoster roster, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public int? SchoolId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public StaffSchool.Choice School { get; private set; } = null!;

    public string? FileError { get; private set; }

    public IReadOnlyList<StaffRoster.RowError> Errors { get; private set; } = [];

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ResolveSchoolAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>An empty roster with the expected headers and one example row.</summary>
    public IActionResult OnGetTemplate()
    {
        var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, StaffRoster.Headers,
            [["张老师", "女", "T001", "否", "是", "否", "专职", "", "是", "心理健康教育教师资格证（C证）", "2020-09-01", ""]],
            t["Staff_Title"]);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", t["Staff_TemplateFile"] + ".xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        var read = Uploads.ReadTable(Upload, new TabularLimits(MaxBytes: MaxUploadBytes, MaxDataRows: 5000), t);
        FileName = read.FileName;
        if (read.Table is null)
        {
            FileError = read.Error;
            return Page();
        }

        var year = SchoolYear.Containing(ChinaTime.Today(clock));
        var classes = await db.SchoolClasses.Where(c => c.SchoolId == School.Id)
            .Select(c => new { c.Id, c.Section, c.EntryYear, c.Number }).ToListAsync(cancellationToken);
        var existing = await db.StaffMembers.Where(m => m.SchoolId == School.Id)
            .Select(m => new { m.Name, m.StaffNumber }).ToListAsync(cancellationToken);
        var result = roster.Read(read.Table, new StaffRoster.SchoolContext(
            School.Code,
            year,
            classes.ToDictionary(c => (c.Section, c.EntryYear, c.Number), c => c.Id),
            existing.Where(m => m.StaffNumber != null).Select(m => m.StaffNumber!).ToHashSet(StringComparer.Ordinal),
            existing.Where(m => m.StaffNumber == null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal)));
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            return Page();
        }

        db.StaffMembers.AddRange(result.Staff.Select(details => new StaffMember(School.Id, details)));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("import", "staff", "school:" + School.Id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Import_StaffDone", result.Staff.Count, FileName].Value;
        return RedirectToPage("Index", new { schoolId = SchoolId });
    }

    private async Task<bool> ResolveSchoolAsync(CancellationToken cancellationToken)
    {
        var school = await StaffSchool.ResolveAsync(db, User.Scope(), SchoolId, cancellationToken);
        if (school is null)
        {
            return false;
        }

        School = school;
        return true;
    }
}
