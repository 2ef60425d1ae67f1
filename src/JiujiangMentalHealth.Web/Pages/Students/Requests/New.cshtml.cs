using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Students.Requests;

/// <summary>
/// 登记个人信息更正/删除申请 — a psychology teacher or school leader records a guardian's (or the
/// student's) request from the student file. Nothing changes until a school leader approves it.
/// </summary>
public class NewModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int StudentId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string StudentName { get; private set; } = "";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "DataRequest_Kind")]
        public PersonalDataRequestKind? Kind { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "DataRequest_Requester")]
        public PersonalDataRequester? Requester { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "DataRequest_ReceivedOn")]
        public DateOnly? ReceivedOn { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "DataRequest_Reason")]
        [StringLength(PersonalDataRequest.ReasonMaxLength, ErrorMessage = "Validation_StringLength")]
        public string Reason { get; set; } = "";

        // The corrected values, shown pre-filled with the file's; only what differs is stored.
        [Display(Name = "Field_StudentNumber")]
        [StringLength(19, ErrorMessage = "Validation_StringLength")]
        public string? StudentNumber { get; set; }

        [Display(Name = "Field_StudentName")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string? Name { get; set; }

        [Display(Name = "Field_Gender")]
        public Gender? Gender { get; set; }

        [Display(Name = "Field_BirthDate")]
        public DateOnly? BirthDate { get; set; }

        [Display(Name = "Field_Guardian")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string? GuardianName { get; set; }

        [Display(Name = "Field_GuardianPhone")]
        [StringLength(20, ErrorMessage = "Validation_StringLength")]
        public string? GuardianPhone { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var student = await FindAsync(cancellationToken);
        if (student is null)
        {
            return NotFound();
        }

        Input = new InputModel
        {
            ReceivedOn = ChinaTime.Today(clock),
            StudentNumber = student.StudentNumber, Name = student.Name, Gender = student.Gender, BirthDate = student.BirthDate,
            GuardianName = student.GuardianName, GuardianPhone = student.GuardianPhone,
        };
        // The form shows the file's number, birth date and guardian: a view of the student's data.
        await audit.RecordAsync("view", "student", student.Id, cancellationToken: cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var student = await FindAsync(cancellationToken);
        if (student is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var correction = Input.Kind == PersonalDataRequestKind.Correction ? CorrectionOf(student) : null;
        if (correction is not null && ClearedGuardianFields(student) is { Count: > 0 } cleared)
        {
            foreach (var field in cleared)
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", t["DataRequest_ClearIsDeletion"]);
            }

            return Page();
        }

        try
        {
            if (correction is not null && !correction.IsEmpty)
            {
                // Refuse now what approval would refuse later (a malformed number, a phone, a date).
                _ = new Student(student.SchoolId, student.ClassId, correction.ApplyTo(student));
                if (correction.StudentNumber is { } number && await db.Students.AnyAsync(s => s.StudentNumber == number && s.Id != student.Id, cancellationToken))
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.StudentNumber)}", t["Students_NumberTaken"]);
                    return Page();
                }
            }

            var request = new PersonalDataRequest(student.SchoolId, student.Id, Input.Kind!.Value, Input.Requester!.Value, Input.ReceivedOn!.Value,
                Input.Reason, correction, User.Identity!.Name!, clock.GetUtcNow(), ChinaTime.Today(clock));
            db.PersonalDataRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "data-request", request.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["DataRequest_Saved"].Value;
            return Redirect($"/Students/Requests/{request.Id}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Code switch
            {
                "DataRequest_ReasonRequired" => $"{nameof(Input)}.{nameof(InputModel.Reason)}",
                "DataRequest_ReceivedInFuture" => $"{nameof(Input)}.{nameof(InputModel.ReceivedOn)}",
                "Student_NumberInvalid" => $"{nameof(Input)}.{nameof(InputModel.StudentNumber)}",
                "Student_NameInvalid" => $"{nameof(Input)}.{nameof(InputModel.Name)}",
                "Student_BirthDateInvalid" => $"{nameof(Input)}.{nameof(InputModel.BirthDate)}",
                "Student_PhoneInvalid" => $"{nameof(Input)}.{nameof(InputModel.GuardianPhone)}",
                "DataRequest_NothingToCorrect" => CorrectionKey,
                _ => "",
            }, labels.RuleViolation(e));
            return Page();
        }
    }

    /// <summary>Where an error about the corrections as a whole is shown: beside the corrections fieldset.</summary>
    public const string CorrectionKey = "Corrections";

    /// <summary>A guardian field emptied in a correction: emptying is deleting, which is a request of its own.</summary>
    private List<string> ClearedGuardianFields(Student student)
    {
        var cleared = new List<string>();
        if (string.IsNullOrWhiteSpace(Input.GuardianName) && student.GuardianName is not null)
        {
            cleared.Add(nameof(InputModel.GuardianName));
        }

        if (string.IsNullOrWhiteSpace(Input.GuardianPhone) && student.GuardianPhone is not null)
        {
            cleared.Add(nameof(InputModel.GuardianPhone));
        }

        return cleared;
    }

    /// <summary>Only the fields that differ from the file; an emptied guardian field is not a correction (deletion is its own request).</summary>
    private PersonalDataCorrection CorrectionOf(Student student)
    {
        static string? Changed(string? posted, string? current)
        {
            var value = string.IsNullOrWhiteSpace(posted) ? null : posted.Trim();
            return value is null || value == current ? null : value;
        }

        return new PersonalDataCorrection(
            Changed(Student.NormaliseNumber(Input.StudentNumber), student.StudentNumber),
            Changed(Input.Name, student.Name),
            Input.Gender is { } gender && gender != student.Gender ? gender : null,
            Input.BirthDate is { } birth && birth != student.BirthDate ? birth : null,
            Changed(Input.GuardianName, student.GuardianName),
            Changed(Input.GuardianPhone, student.GuardianPhone));
    }

    /// <summary>Leaders and psychology teachers of the student's school; anyone else is told there is no such student.</summary>
    private async Task<Student?> FindAsync(CancellationToken cancellationToken)
    {
        var student = User.SeesWholeSchool()
            ? await db.StudentsOf(User).SingleOrDefaultAsync(s => s.Id == StudentId, cancellationToken)
            : null;
        if (student is null)
        {
            await audit.RecordAsync(Request.Method == "GET" ? "view" : "create", "data-request", "student:" + StudentId, AuditLog.Denied, cancellationToken);
            return null;
        }

        StudentName = student.Name;
        return student;
    }
}
