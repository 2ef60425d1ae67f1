using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 导入赣鄱心理测评结果 — in two steps: upload and check (every bad row listed, nothing saved), then a
/// preview with the counts per warning level that the user confirms; the confirmation imports all
/// rows in one transaction.
/// </summary>
[RequestSizeLimit(ProvincialResults.MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ProvincialResults.MaxUploadBytes + 1024 * 1024)]
public class ImportModel(
    AppDbContext db,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock,
    IDataProtectionProvider protection,
    AuditLog audit) : PageModel
{
    /// <summary>A page lists this many errors; the full list of a larger one downloads as a spreadsheet.</summary>
    public const int ErrorsShown = 1000;

    /// <summary>The preview lists this many rows, most serious warning first; the counts cover all.</summary>
    public const int PreviewRowsShown = 200;


    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The parked upload the preview shows (step 2).</summary>
    [BindProperty]
    public Guid? Token { get; set; }

    public ProvincialResults.School School { get; private set; } = null!;

    public string? FileName { get; private set; }

    public string? FileError { get; private set; }

    public IReadOnlyList<ProvincialResults.RowError> Errors { get; private set; } = [];

    /// <summary>Set when the file has more errors than the page lists: the full list downloads with it.</summary>
    public Guid? ErrorsToken { get; private set; }

    public ProvincialResults.Summary? Preview { get; private set; }

    public IReadOnlyList<ProvincialResults.Row> PreviewRows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ResolveSchoolAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>An empty file with the columns the import reads and one example row.</summary>
    public IActionResult OnGetTemplate()
    {
        var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, ProvincialResults.Headers,
            [["G360403201403150016", "张小明", "中小学生心理健康量表", "2024-10-15", 56, "三级"]],
            t["ScreeningImport_Title"]);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", t["ScreeningImport_TemplateFile"] + ".xlsx");
    }

    /// <summary>Every error of a parked file, as a spreadsheet: for files with more errors than the page lists.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(Guid token, CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken)
            || await Pending.LoadAsync(token, UserId, School.Id, cancellationToken) is not { } pending)
        {
            return NotFound();
        }

        var check = await Results.CheckAsync(pending.Content, pending.FileName, School, db.StudentsOf(User), cancellationToken);
        // The reasons name the students of the rows they are about: an export of student data.
        await audit.RecordAsync("export", "screening-import-errors", School.Id, cancellationToken: cancellationToken);
        var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, [t["Import_Line"], t["Import_Column"], t["Import_Reason"]],
            check.FileError is { } fileError
                ? [[null, null, fileError]]
                : check.Errors.Select(e => (IReadOnlyList<object?>)[e.Line, e.Column, e.Reason]),
            t["ScreeningImport_ErrorsFile"]);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", t["ScreeningImport_ErrorsFile"] + ".xlsx");
    }

    /// <summary>Step 1: upload and check. Nothing reaches the database; a clean file is parked for the preview.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Upload is null)
        {
            FileError = t["Import_NoFile"];
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        if (Upload.Length > ProvincialResults.MaxUploadBytes)
        {
            FileError = t[TabularErrorCodes.TooLarge, ProvincialResults.MaxUploadBytes / (1024 * 1024)];
            return Page();
        }

        byte[] content;
        await using (var stream = Upload.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)Upload.Length);
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var check = await Results.CheckAsync(content, FileName, School, db.StudentsOf(User), cancellationToken);
        if (!check.Succeeded)
        {
            ShowFailure(check);
            if (check.Errors.Count > ErrorsShown)
            {
                ErrorsToken = await Pending.SaveAsync(UserId, School.Id, FileName, content, cancellationToken);
            }

            return Page();
        }

        Token = await Pending.SaveAsync(UserId, School.Id, FileName, content, cancellationToken);
        ShowPreview(check);
        return Page();
    }

    /// <summary>Step 2: the user confirmed the preview. The parked file is checked again and imported whole.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Token is not { } token || await Pending.LoadAsync(token, UserId, School.Id, cancellationToken) is not { } pending)
        {
            FileError = t["ScreeningImport_Expired"];
            return Page();
        }

        FileName = pending.FileName;
        var students = db.StudentsOf(User);

        // The roster or the portal's results may have changed since the preview.
        var check = await Results.CheckAsync(pending.Content, pending.FileName, School, students, cancellationToken);
        if (check.Succeeded)
        {
            var committed = await Results.CommitAsync(check, School, UserName,
                batchId => audit.Add(db, "import", "screening", batchId), cancellationToken);
            if (committed.Succeeded)
            {
                PendingImports.Delete(token);
                var summary = check.Summary!;
                TempData["Message"] = t["ScreeningImport_Done", pending.FileName, summary.Rows,
                    summary.Level1, summary.Level2, summary.Level3, summary.None].Value;
                return RedirectToPage();
            }

            // Another import got there first: checking again says which rows or file it took.
            check = await Results.CheckAsync(pending.Content, pending.FileName, School, students, cancellationToken);
        }

        PendingImports.Delete(token);
        Token = null;
        if (check.Succeeded)
        {
            // Cannot normally happen (the commit refused what the check accepts): ask for a fresh start.
            FileError = t["ScreeningImport_Expired"];
        }
        else
        {
            ShowFailure(check);
        }

        return Page();
    }

    /// <summary>The user changed their mind at the preview: the parked file is deleted.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Token is { } token && await Pending.LoadAsync(token, UserId, School.Id, cancellationToken) is { } pending)
        {
            PendingImports.Delete(token);
            TempData["Message"] = t["ScreeningImport_Discarded", pending.FileName].Value;
        }

        return RedirectToPage();
    }

    private void ShowFailure(ProvincialResults.Check check)
    {
        FileName = check.FileName;
        FileError = check.FileError;
        Errors = check.Errors;
    }

    private void ShowPreview(ProvincialResults.Check check)
    {
        FileName = check.FileName;
        Preview = check.Summary;
        PreviewRows = [.. check.Rows
            .OrderBy(r => r.Level == WarningLevel.None)
            .ThenBy(r => r.Level)
            .ThenBy(r => r.Line)
            .Take(PreviewRowsShown)];
    }

    private ProvincialResults Results => new(db, t, clock);

    private PendingImports Pending => new(protection, clock);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private string UserName => User.Identity?.Name ?? "";

    private async Task<bool> ResolveSchoolAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        if (scope.Level != ScopeLevel.School || scope.SchoolId is null)
        {
            return false;
        }

        var school = await db.Schools.VisibleTo(scope)
            .Select(s => new ProvincialResults.School(s.Id, s.Name, s.Code))
            .SingleOrDefaultAsync(cancellationToken);
        if (school is null)
        {
            return false;
        }

        School = school;
        return true;
    }
}
