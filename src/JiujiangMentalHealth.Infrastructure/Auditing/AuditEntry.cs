namespace JiujiangMentalHealth.Infrastructure.Auditing;

/// <summary>
/// 审计记录 — who did what to which record, when, from where, and whether it was allowed
/// (PIPL art. 51; ASVS 7.1). Never the content itself. Append-only.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = "";

    /// <summary>The user's roles at the time, comma-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>view, export, import, create, change, decide, denied …</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of record: student, screening, talk …</summary>
    public string Entity { get; set; } = "";

    public string? EntityId { get; set; }

    /// <summary>allowed or denied.</summary>
    public string Outcome { get; set; } = "";

    public string? Ip { get; set; }
}
