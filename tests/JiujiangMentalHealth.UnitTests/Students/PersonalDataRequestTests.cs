using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;

namespace JiujiangMentalHealth.UnitTests.Students;

public class PersonalDataRequestTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static PersonalDataRequest Request(PersonalDataRequestKind kind, PersonalDataCorrection? correction = null, string reason = "监护人申请", DateOnly? receivedOn = null) =>
        new(1, 2, kind, PersonalDataRequester.Guardian, receivedOn ?? Today, reason, correction, "counsellor", Now, Today);

    private static string Code(Action action) => Assert.Throws<DomainRuleException>(action).Code;

    [Fact]
    public void A_new_request_waits_for_a_decision()
    {
        var request = Request(PersonalDataRequestKind.Deletion);
        Assert.Equal(PersonalDataRequestState.Pending, request.State);
        Assert.Null(request.Correction);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_request_needs_its_grounds(string reason) =>
        Assert.Equal("DataRequest_ReasonRequired", Code(() => Request(PersonalDataRequestKind.Deletion, reason: reason)));

    [Fact]
    public void A_request_cannot_be_received_tomorrow() =>
        Assert.Equal("DataRequest_ReceivedInFuture", Code(() => Request(PersonalDataRequestKind.Deletion, receivedOn: Today.AddDays(1))));

    [Fact]
    public void A_correction_must_correct_something()
    {
        Assert.Equal("DataRequest_NothingToCorrect", Code(() => Request(PersonalDataRequestKind.Correction)));
        Assert.Equal("DataRequest_NothingToCorrect", Code(() => Request(PersonalDataRequestKind.Correction, new PersonalDataCorrection())));
    }

    [Fact]
    public void A_correction_applies_only_the_fields_it_names()
    {
        var student = new Student(1, 1, new StudentProfile("L360403201503010015", "原名", Gender.Female, new DateOnly(2015, 3, 1), GuardianName: "李奶奶", GuardianPhone: "13800000000"));
        var profile = new PersonalDataCorrection(Name: "新名", GuardianPhone: "13912345678").ApplyTo(student);
        Assert.Equal(("新名", "13912345678", "李奶奶", student.StudentNumber, Gender.Female), (profile.Name, profile.GuardianPhone, profile.GuardianName, profile.StudentNumber, profile.Gender));
    }

    [Fact]
    public void A_deletion_waits_while_the_student_has_open_cases_and_can_be_approved_once_they_are_closed()
    {
        var request = Request(PersonalDataRequestKind.Deletion);
        Assert.Equal("DataRequest_OpenCases", Code(() => request.Approve("leader", Now, null, studentHasOpenCases: true)));
        Assert.Equal(PersonalDataRequestState.Pending, request.State);
        request.Approve("leader", Now, " 已核实 ", studentHasOpenCases: false);
        Assert.Equal((PersonalDataRequestState.Approved, "leader", "已核实"), (request.State, request.DecidedBy, request.DecisionNote));
    }

    [Fact]
    public void A_correction_is_not_held_up_by_open_cases()
    {
        var request = Request(PersonalDataRequestKind.Correction, new PersonalDataCorrection(Name: "新名"));
        request.Approve("leader", Now, null, studentHasOpenCases: true);
        Assert.Equal(PersonalDataRequestState.Approved, request.State);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_a_decided_request_cannot_be_decided_again()
    {
        var request = Request(PersonalDataRequestKind.Deletion);
        Assert.Equal("DataRequest_RejectReasonRequired", Code(() => request.Reject("leader", Now, " ")));
        request.Reject("leader", Now, "无法核实申请人身份");
        Assert.Equal(PersonalDataRequestState.Rejected, request.State);
        Assert.Equal("DataRequest_AlreadyDecided", Code(() => request.Approve("leader", Now, null, false)));
        Assert.Equal("DataRequest_AlreadyDecided", Code(() => request.Reject("leader", Now, "again")));
    }

    [Fact]
    public void When_the_students_data_is_erased_a_waiting_request_lapses_and_every_request_forgets_its_corrected_values()
    {
        var waiting = Request(PersonalDataRequestKind.Correction, new PersonalDataCorrection(Name: "新名"));
        var decided = Request(PersonalDataRequestKind.Correction, new PersonalDataCorrection(GuardianPhone: "13912345678"));
        decided.Approve("leader", Now, null, false);

        waiting.StudentErased("leader", Now);
        decided.StudentErased("leader", Now);

        Assert.Equal((PersonalDataRequestState.Lapsed, (PersonalDataCorrection?)null, "leader"), (waiting.State, waiting.Correction, waiting.DecidedBy));
        Assert.Equal((PersonalDataRequestState.Approved, (PersonalDataCorrection?)null), (decided.State, decided.Correction));
        Assert.Equal("DataRequest_AlreadyDecided", Code(() => waiting.Approve("leader", Now, null, false)));
    }
}
