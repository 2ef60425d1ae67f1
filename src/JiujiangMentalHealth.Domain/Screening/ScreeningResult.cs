using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Screening;

/// <summary>How a result entered the portal.</summary>
public enum ResultSource
{
    /// <summary>逐题录入</summary>
    Manual = 1,

    /// <summary>赣鄱心理测评系统导入</summary>
    Imported = 2,
}

/// <summary>帮扶等级确认状态</summary>
public enum TierDecisionState
{
    /// <summary>No tier suggested: nothing to decide.</summary>
    NotNeeded = 0,

    /// <summary>待确认</summary>
    Pending = 1,

    /// <summary>已确认建议等级</summary>
    Confirmed = 2,

    /// <summary>已调整（附理由）</summary>
    Overridden = 3,
}

/// <summary>
/// 测评结果 — one scored sheet of one student. Never deleted: a correction is a new result that
/// supersedes this one, and both stay on the file. The suggested tier waits for a counsellor to
/// confirm it or override it with a reason.
/// </summary>
public class ScreeningResult
{
    private ScreeningResult()
    {
    }

    public long Id { get; private set; }

    public int StudentId { get; private set; }

    /// <summary>The student's school when the result was recorded: scope filters and school figures use it.</summary>
    public int SchoolId { get; private set; }

    public int? CampaignId { get; private set; }

    public long? ImportBatchId { get; private set; }

    public Instrument Instrument { get; private set; }

    public DateOnly TakenOn { get; private set; }

    public ResultSource Source { get; private set; }

    /// <summary>Item answers of a hand-entered sheet (raw); null for imported results.</summary>
    public int[]? Answers { get; private set; }

    /// <summary>Raw total (PHQ-9, GAD-7, MHT 总焦虑倾向) or the provincial system's total score.</summary>
    public int? Total { get; private set; }

    /// <summary>Raw subscale scores by name (MHT content scales).</summary>
    public Dictionary<string, int> Subscales { get; private set; } = [];

    public string Band { get; private set; } = "";

    public WarningLevel Warning { get; private set; }

    public bool Crisis { get; private set; }

    /// <summary>The sheet cannot be interpreted (MHT lie scale ≥ 7): re-test later.</summary>
    public bool Invalid { get; private set; }

    public string[] Flags { get; private set; } = [];

    public int? SuggestedTier { get; private set; }

    public TierDecisionState DecisionState { get; private set; }

    /// <summary>The tier the counsellor decided: 1–3, or 0 for "no support team needed".</summary>
    public int? DecidedTier { get; private set; }

    public string? DecisionReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The result this one corrects.</summary>
    public long? CorrectsId { get; private set; }

    public bool IsSuperseded { get; private set; }

    public string? CorrectionReason { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public bool AwaitsDecision => DecisionState == TierDecisionState.Pending && !IsSuperseded;

    public static ScreeningResult Record(
        int studentId, int schoolId, ScreeningScore score, DateOnly takenOn, int[]? answers, ResultSource source,
        string recordedBy, DateTimeOffset now, DateOnly today, int? campaignId = null, long? importBatchId = null)
    {
        if (takenOn > today)
        {
            throw new DomainRuleException("Screening_TakenInFuture");
        }

        if (takenOn.Year < 2000)
        {
            throw new DomainRuleException("Screening_TakenTooLongAgo");
        }

        return new ScreeningResult
        {
            StudentId = studentId,
            SchoolId = schoolId,
            CampaignId = campaignId,
            ImportBatchId = importBatchId,
            Instrument = score.Instrument,
            TakenOn = takenOn,
            Source = source,
            Answers = answers,
            Total = score.Total,
            Subscales = new Dictionary<string, int>(score.Subscales),
            Band = score.Band,
            Warning = score.Warning,
            Crisis = score.Crisis,
            Invalid = score.Invalid,
            Flags = [.. score.Flags],
            SuggestedTier = score.SuggestedTier,
            DecisionState = score.SuggestedTier is null ? TierDecisionState.NotNeeded : TierDecisionState.Pending,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
    }

    /// <summary>确认 — the counsellor agrees with the suggested tier.</summary>
    public void Confirm(string by, DateTimeOffset now)
    {
        EnsurePending();
        DecidedTier = SuggestedTier;
        DecisionState = TierDecisionState.Confirmed;
        DecisionReason = null;
        (DecidedBy, DecidedAt) = (by, now);
    }

    /// <summary>调整 — another tier (0 = none) than suggested, with the counsellor's written reason.</summary>
    public void Override(int tier, string reason, string by, DateTimeOffset now)
    {
        EnsurePending();
        if (tier is < 0 or > 3)
        {
            throw new DomainRuleException("Screening_TierOutOfRange");
        }

        reason = (reason ?? "").Trim();
        if (reason.Length < 4)
        {
            throw new DomainRuleException("Screening_OverrideNeedsReason");
        }

        if (reason.Length > 500)
        {
            throw new DomainRuleException("Screening_ReasonTooLong");
        }

        DecidedTier = tier;
        DecisionState = TierDecisionState.Overridden;
        DecisionReason = reason;
        (DecidedBy, DecidedAt) = (by, now);
    }

    /// <summary>更正 — this result is replaced by <paramref name="correction"/>; both stay on the file.</summary>
    public void SupersedeWith(ScreeningResult correction, string reason)
    {
        if (IsSuperseded)
        {
            throw new DomainRuleException("Screening_AlreadySuperseded");
        }

        if (correction.StudentId != StudentId)
        {
            throw new DomainRuleException("Screening_CorrectionOtherStudent");
        }

        reason = (reason ?? "").Trim();
        if (reason.Length < 4)
        {
            throw new DomainRuleException("Screening_CorrectionNeedsReason");
        }

        IsSuperseded = true;
        CorrectionReason = reason;
        correction.CorrectsId = Id;
    }

    private void EnsurePending()
    {
        if (!AwaitsDecision)
        {
            throw new DomainRuleException("Screening_NotAwaitingDecision");
        }
    }
}
