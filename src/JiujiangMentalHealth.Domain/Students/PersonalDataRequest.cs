using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Students;

/// <summary>What a data subject asks for (PIPL arts. 46–47, Minors Protection Law art. 72).</summary>
public enum PersonalDataRequestKind
{
    /// <summary>更正 — correct wrong personal information.</summary>
    Correction = 1,

    /// <summary>删除 — delete the student's personal information.</summary>
    Deletion = 2,
}

/// <summary>Who made the request.</summary>
public enum PersonalDataRequester
{
    /// <summary>监护人</summary>
    Guardian = 1,

    /// <summary>学生本人</summary>
    Student = 2,
}

/// <summary>Where a request stands.</summary>
public enum PersonalDataRequestState
{
    /// <summary>待审批 — waiting for a school leader.</summary>
    Pending = 1,

    /// <summary>已批准并执行 — approved; the correction or deletion has been carried out.</summary>
    Approved = 2,

    /// <summary>已驳回 — refused, with the reason told to the requester.</summary>
    Rejected = 3,

    /// <summary>已失效 — the student's data was deleted (by another request) before this one was decided.</summary>
    Lapsed = 4,
}

/// <summary>The profile fields a correction may change; null means "unchanged".</summary>
public sealed record PersonalDataCorrection(
    string? StudentNumber = null,
    string? Name = null,
    Gender? Gender = null,
    DateOnly? BirthDate = null,
    string? GuardianName = null,
    string? GuardianPhone = null)
{
    public bool IsEmpty => StudentNumber is null && Name is null && Gender is null && BirthDate is null && GuardianName is null && GuardianPhone is null;

    /// <summary>The profile after the correction; the domain's own checks on a student apply to it.</summary>
    public StudentProfile ApplyTo(Student student)
    {
        ArgumentNullException.ThrowIfNull(student);
        return new StudentProfile(
            StudentNumber ?? student.StudentNumber, Name ?? student.Name, Gender ?? student.Gender, BirthDate ?? student.BirthDate,
            student.KeyPopulations, student.ParentChildRelationship, student.FamilyChanges,
            GuardianName ?? student.GuardianName, GuardianPhone ?? student.GuardianPhone);
    }
}

/// <summary>
/// 个人信息更正/删除申请 — a guardian's (or the student's) request to correct or delete the
/// student's personal information. A psychology teacher or school leader records it; only a school
/// leader approves or rejects it, and approval carries it out at once. Once the student's data is
/// deleted, the requests about the student keep no corrected values and no foreign key (the form
/// asks for no names in the grounds).
/// </summary>
public class PersonalDataRequest
{
    public const int ReasonMaxLength = 500;

    private PersonalDataRequest()
    {
    }

    public PersonalDataRequest(
        int schoolId, int studentId, PersonalDataRequestKind kind, PersonalDataRequester requester, DateOnly receivedOn, string reason,
        PersonalDataCorrection? correction, string requestedBy, DateTimeOffset requestedAt, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(requestedBy);
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > ReasonMaxLength)
        {
            throw new DomainRuleException("DataRequest_ReasonRequired");
        }

        if (receivedOn > today)
        {
            throw new DomainRuleException("DataRequest_ReceivedInFuture");
        }

        if (kind == PersonalDataRequestKind.Correction && (correction is null || correction.IsEmpty))
        {
            throw new DomainRuleException("DataRequest_NothingToCorrect");
        }

        SchoolId = schoolId;
        StudentId = studentId;
        Kind = kind;
        Requester = requester;
        ReceivedOn = receivedOn;
        Reason = reason;
        Correction = kind == PersonalDataRequestKind.Correction ? correction : null;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        State = PersonalDataRequestState.Pending;
    }

    public long Id { get; private set; }

    public int SchoolId { get; private set; }

    /// <summary>The student's id; after a deletion it points to no row (there is no foreign key on purpose).</summary>
    public int StudentId { get; private set; }

    public PersonalDataRequestKind Kind { get; private set; }

    public PersonalDataRequester Requester { get; private set; }

    /// <summary>收到申请日期 — the law's clock for answering starts here.</summary>
    public DateOnly ReceivedOn { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The corrected values, for a correction request only.</summary>
    public PersonalDataCorrection? Correction { get; private set; }

    public PersonalDataRequestState State { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why a request was rejected (required then), or a note on the approval.</summary>
    public string? DecisionNote { get; private set; }

    /// <summary>
    /// Approves the request; the caller carries out its effect in the same transaction. A deletion
    /// waits while the student's support or a crisis event is still open: the school's duty of
    /// care comes first, and closing those is the school's own step.
    /// </summary>
    public void Approve(string decidedBy, DateTimeOffset at, string? note, bool studentHasOpenCases)
    {
        EnsurePending();
        if (Kind == PersonalDataRequestKind.Deletion && studentHasOpenCases)
        {
            throw new DomainRuleException("DataRequest_OpenCases");
        }

        State = PersonalDataRequestState.Approved;
        Decide(decidedBy, at, note);
    }

    public void Reject(string decidedBy, DateTimeOffset at, string note)
    {
        EnsurePending();
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("DataRequest_RejectReasonRequired");
        }

        State = PersonalDataRequestState.Rejected;
        Decide(decidedBy, at, note);
    }

    /// <summary>
    /// The student's data has been deleted: this request keeps no corrected values (they are the
    /// student's personal data), and one still waiting lapses — there is nothing left to decide on.
    /// </summary>
    public void StudentErased(string by, DateTimeOffset at)
    {
        Correction = null;
        if (State == PersonalDataRequestState.Pending)
        {
            State = PersonalDataRequestState.Lapsed;
            Decide(by, at, null);
        }
    }

    private void EnsurePending()
    {
        if (State != PersonalDataRequestState.Pending)
        {
            throw new DomainRuleException("DataRequest_AlreadyDecided");
        }
    }

    private void Decide(string decidedBy, DateTimeOffset at, string? note)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > ReasonMaxLength })
        {
            throw new DomainRuleException("DataRequest_NoteTooLong");
        }

        DecidedBy = decidedBy;
        DecidedAt = at;
        DecisionNote = note;
    }
}
