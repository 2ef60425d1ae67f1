using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Students.Requests;

/// <summary>
/// 个人信息申请 — one request: what was asked, what a deletion would remove, and for a school
/// leader the decision. Approving carries the request out in the same transaction, so a request is
/// never approved without its effect, nor the effect made without the approval.
/// </summary>
public class RequestModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public PersonalDataRequest Item { get; private set; } = null!;

    /// <summary>Null once the student has been deleted.</summary>
    public Student? Student { get; private set; }

    public StudentErasure.Extent? Extent { get; private set; }

    public bool CanDecide => User.IsInRole(Roles.SchoolLeader) && Item.State == PersonalDataRequestState.Pending;

    public sealed class DecisionInput
    {
        [Display(Name = "DataRequest_DecisionNote")]
        [StringLength(PersonalDataRequest.ReasonMaxLength, ErrorMessage = "Validation_StringLength")]
        public string? Note { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync("view", "data-request", Id, cancellationToken: cancellationToken);
        if (Student is not null)
        {
            // The page shows the student's name and, for a correction, the current values: a view of the file.
            await audit.RecordAsync("view", "student", Student.Id, cancellationToken: cancellationToken);
        }

        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        DecideAsync("approve", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken) =>
        DecideAsync("reject", cancellationToken);

    private async Task<IActionResult> DecideAsync(string action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!User.IsInRole(Roles.SchoolLeader))
        {
            await audit.RecordAsync(action, "data-request", Id, AuditLog.Denied, cancellationToken);
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Item.State != PersonalDataRequestState.Pending)
        {
            // Decided meanwhile (or a second click): say so rather than speak of a conflict.
            ModelState.AddModelError("", t["Rule_DataRequest_AlreadyDecided"]);
            return Page();
        }

        if (Decision.RowVersion != db.Entry(Item).Property<uint>("RowVersion").CurrentValue)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }

        try
        {
            var now = clock.GetUtcNow();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                // A retry starts from the database again, not from what a failed attempt left in memory.
                db.ChangeTracker.Clear();
                if (!await LoadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Personal data request {Id} vanished while being decided");
                }

                // Two leaders deciding at once: the second save fails on the row version, not silently.
                db.Entry(Item).Property<uint>("RowVersion").OriginalValue = Decision.RowVersion;
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (action == "reject")
                {
                    Item.Reject(User.Identity!.Name!, now, Decision.Note ?? "");
                }
                else
                {
                    Item.Approve(User.Identity!.Name!, now, Decision.Note, await StudentErasure.HasOpenCasesAsync(db, Item.StudentId, cancellationToken));
                    await CarryOutAsync(now, cancellationToken);
                    audit.Add(db, Item.Kind == PersonalDataRequestKind.Deletion ? "erase" : "correct", "student", Item.StudentId);
                }

                // The entries are written with the decision and its effect, or not at all.
                audit.Add(db, action, "data-request", Id);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (DomainRuleException e)
        {
            // The request stays pending: reload it so the page shows it as it is.
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(e.Code == "DataRequest_RejectReasonRequired" ? $"{nameof(Decision)}.{nameof(DecisionInput.Note)}" : "", labels.RuleViolation(e));
            return Page();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The corrected student number was taken by another save in the meantime.
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError("", labels.RuleViolation(new DomainRuleException("DataRequest_NumberTaken")));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }

        TempData["Message"] = t[action == "approve" ? "DataRequest_Approved_" + Item.Kind : "DataRequest_Rejected"].Value;
        return Redirect($"/Students/Requests/{Id}");
    }

    private async Task CarryOutAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Item.Kind == PersonalDataRequestKind.Deletion)
        {
            await StudentErasure.EraseAsync(db, Item.StudentId, User.Identity!.Name!, now, cancellationToken);
            return;
        }

        var student = Student ?? throw new DomainRuleException("DataRequest_StudentGone");
        var profile = Item.Correction!.ApplyTo(student);
        if (profile.StudentNumber != student.StudentNumber
            && await db.Students.AnyAsync(s => s.StudentNumber == profile.StudentNumber && s.Id != student.Id, cancellationToken))
        {
            throw new DomainRuleException("DataRequest_NumberTaken");
        }

        student.Change(student.ClassId, profile);
    }

    /// <summary>Requests of the user's own school, for its leaders and psychology teachers only.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var schoolId = User.Scope().SchoolId;
        var item = User.SeesWholeSchool() && schoolId is not null
            ? await db.PersonalDataRequests.SingleOrDefaultAsync(r => r.Id == Id && r.SchoolId == schoolId, cancellationToken)
            : null;
        if (item is null)
        {
            await audit.RecordAsync(Request.Method == "GET" ? "view" : "change", "data-request", Id, AuditLog.Denied, cancellationToken);
            return false;
        }

        Item = item;
        Student = await db.StudentsOf(User).SingleOrDefaultAsync(s => s.Id == item.StudentId, cancellationToken);
        if (item.Kind == PersonalDataRequestKind.Deletion && item.State == PersonalDataRequestState.Pending && Student is not null)
        {
            Extent = await StudentErasure.MeasureAsync(db, item.StudentId, cancellationToken);
        }

        Decision.RowVersion = Request.Method == "GET" ? db.Entry(item).Property<uint>("RowVersion").CurrentValue : Decision.RowVersion;
        return true;
    }
}
