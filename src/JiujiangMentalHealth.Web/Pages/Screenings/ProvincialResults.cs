using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 赣鄱心理测评系统结果导入 — reads a results export of the provincial system (CSV in any Chinese
/// encoding, or XLSX), checks every row against the school's roster and the results already in the
/// portal, and imports all rows or none: one 导入批次 and one result per row, in one transaction.
/// </summary>
/// <remarks>
/// Built to take a whole school's year (tens of thousands of rows) in seconds: the roster, the
/// existing results and the campaigns are loaded once into dictionaries, and the results are
/// written with PostgreSQL's binary COPY instead of one INSERT per row.
/// </remarks>
public sealed class ProvincialResults(AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    public const int MaxRows = 60_000;

    /// <summary>The columns of the provincial export that the import reads, in the template's order.</summary>
    public static readonly string[] Headers = ["学籍号", "姓名", "量表", "测评日期", "总分", "预警等级"];

    // The provincial system's exports have changed their headers over the years, and schools retype
    // them: every accepted spelling of a column, the canonical one first.
    private static readonly string[] _numberHeaders = ["学籍号", "学籍编号", "全国学籍号", "学生学籍号", "学籍号码"];
    private static readonly string[] _nameHeaders = ["姓名", "学生姓名"];
    private static readonly string[] _scaleHeaders = ["量表", "量表名称", "测评量表", "问卷名称"];
    private static readonly string[] _dateHeaders = ["测评日期", "测试日期", "测评时间", "测试时间", "施测日期"];
    private static readonly string[] _totalHeaders = ["总分", "测评总分", "量表总分"];
    private static readonly string[] _levelHeaders = ["预警等级", "预警级别", "预警结果"];
    private static readonly string[] _schoolNameHeaders = ["学校名称", "学校"];
    private static readonly string[] _schoolCodeHeaders = ["学校标识码", "学校代码"];

    // Two-key advisory lock (class, school) that serialises imports of one school, so two
    // confirmations at once cannot both pass the "already imported" check.
    private const int ImportLockClass = 720_404;

    public sealed record School(int Id, string Name, string Code);

    /// <param name="Code">What is wrong, for tests and styling: MissingColumn, UnknownStudent, NameMismatch … (see the Fail calls).</param>
    public sealed record RowError(int Line, string Column, string Code, string Reason);

    /// <summary>A checked row, ready to become a <see cref="ScreeningResult"/>.</summary>
    public sealed record Row(
        int Line, int StudentId, string StudentNumber, string Name, string Scale, DateOnly TakenOn,
        int? Total, WarningLevel Level, int? CampaignId);

    /// <summary>How many rows a campaign (普测) receives; CampaignId null for rows outside every campaign.</summary>
    public sealed record CampaignShare(int? CampaignId, string? Name, int Rows);

    /// <summary>What the preview shows and the import records: rows per warning level, the dates, the campaigns.</summary>
    public sealed record Summary(
        int Rows, int Level1, int Level2, int Level3, int None, DateOnly From, DateOnly To, IReadOnlyList<CampaignShare> Campaigns)
    {
        public int Count(WarningLevel level) => level switch
        {
            WarningLevel.Level1 => Level1,
            WarningLevel.Level2 => Level2,
            WarningLevel.Level3 => Level3,
            _ => None,
        };
    }

    /// <summary>The outcome of checking a file: a file-level error, row errors, or rows and their summary.</summary>
    public sealed record Check(
        string FileName, string Sha256, string? FileError, IReadOnlyList<RowError> Errors, IReadOnlyList<Row> Rows, Summary? Summary)
    {
        public bool Succeeded => FileError is null && Errors.Count == 0 && Summary is not null;
    }

    /// <summary>The import either happened (its batch id) or lost a race with another import of the same data.</summary>
    public sealed record Committed(long? BatchId)
    {
        public bool Succeeded => BatchId is not null;
    }

    /// <summary>
    /// Checks a whole file for <paramref name="school"/>: <paramref name="students"/> are the students
    /// the importing user may see (for a school leader or counsellor, the school's roster).
    /// Nothing is written.
    /// </summary>
    public async Task<Check> CheckAsync(byte[] content, string fileName, School school, IQueryable<Student> students, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(school);
        fileName = Path.GetFileName(fileName ?? "");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        Check FileFailure(string message) => new(fileName, sha256, message, [], [], null);

        var earlier = await db.ImportBatches
            .Where(b => b.SchoolId == school.Id && b.Sha256 == sha256)
            .Select(b => new { b.ImportedAt, b.ImportedBy, b.Rows })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            return FileFailure(t["ScreeningImport_FileAlreadyImported", PortalCultures.DateTime(earlier.ImportedAt), earlier.ImportedBy, earlier.Rows]);
        }

        TabularReadResult read;
        using (var stream = new MemoryStream(content, writable: false))
        {
            read = TabularReader.Read(stream, fileName, new TabularLimits(MaxUploadBytes, MaxRows));
        }

        if (!read.Succeeded)
        {
            return FileFailure(t[read.Error.Code, [.. read.Error.Arguments]]);
        }

        var table = read.Table;
        var errors = new List<RowError>();
        int Column(string[] names, bool required)
        {
            var index = table.ColumnIndex(names);
            if (index < 0 && required)
            {
                errors.Add(new RowError(1, names[0], "MissingColumn", t["Import_MissingColumn", names[0]]));
            }

            return index;
        }

        var numberColumn = Column(_numberHeaders, required: true);
        var nameColumn = Column(_nameHeaders, required: true);
        var scaleColumn = Column(_scaleHeaders, required: true);
        var dateColumn = Column(_dateHeaders, required: true);
        var totalColumn = Column(_totalHeaders, required: false);
        var levelColumn = Column(_levelHeaders, required: true);
        var schoolNameColumn = Column(_schoolNameHeaders, required: false);
        var schoolCodeColumn = Column(_schoolCodeHeaders, required: false);
        if (errors.Count > 0)
        {
            return new Check(fileName, sha256, null, errors, [], null);
        }

        var roster = await students
            .Select(s => new { s.Id, s.StudentNumber, s.Name })
            .ToDictionaryAsync(s => s.StudentNumber, s => (s.Id, s.Name), StringComparer.Ordinal, cancellationToken);
        var today = ChinaTime.Today(clock);
        var schoolName = Fold(school.Name);

        // First pass: each row on its own. Rows that pass are checked against the portal's results below.
        var candidates = new List<Row>(table.Rows.Count);
        var failedLines = new HashSet<int>();
        var firstLineOf = new Dictionary<(string Number, DateOnly TakenOn, string Scale), int>();
        foreach (var row in table.Rows)
        {
            var line = row.LineNumber;
            var rowFailed = false;
            void Fail(int column, string code, string reason)
            {
                errors.Add(new RowError(line, table.Headers[column], code, reason));
                rowFailed = true;
            }

            var numberText = row[numberColumn];
            var number = Student.NormaliseNumber(numberText);
            var name = row[nameColumn].Trim();
            int? studentId = null;
            if (number.Length == 0)
            {
                Fail(numberColumn, "Required", t["Import_Required", table.Headers[numberColumn]]);
            }
            else if (!Student.IsValidNumber(number))
            {
                Fail(numberColumn, "BadNumber", t["ScreeningImport_BadNumber", numberText]);
            }
            else if (!roster.TryGetValue(number, out var student))
            {
                // A number of another school reads the same as an unregistered one: the user may
                // not learn which students other schools have (PIPL; R11).
                Fail(numberColumn, "UnknownStudent", t["ScreeningImport_UnknownStudent", number]);
            }
            else
            {
                studentId = student.Id;
                if (name.Length > 0 && Fold(name) != Fold(student.Name))
                {
                    Fail(nameColumn, "NameMismatch", t["ScreeningImport_NameMismatch", name, number, student.Name]);
                }
            }

            if (name.Length == 0)
            {
                Fail(nameColumn, "Required", t["Import_Required", table.Headers[nameColumn]]);
            }

            var scale = row[scaleColumn].Trim();
            if (scale.Length == 0)
            {
                Fail(scaleColumn, "Required", t["Import_Required", table.Headers[scaleColumn]]);
            }

            DateOnly? takenOn = null;
            var dateText = row[dateColumn].Trim();
            if (dateText.Length == 0)
            {
                Fail(dateColumn, "Required", t["Import_Required", table.Headers[dateColumn]]);
            }
            else if (!TryDate(dateText, out var date))
            {
                Fail(dateColumn, "BadDate", t["Import_BadDate", dateText]);
            }
            else if (date > today)
            {
                Fail(dateColumn, "FutureDate", t["ScreeningImport_FutureDate", PortalCultures.Date(date)]);
            }
            else if (date.Year < 2000)
            {
                Fail(dateColumn, "DateTooEarly", t["ScreeningImport_DateTooEarly", PortalCultures.Date(date)]);
            }
            else
            {
                takenOn = date;
            }

            int? total = null;
            if (totalColumn >= 0 && row[totalColumn].Trim() is { Length: > 0 } totalText)
            {
                if (!decimal.TryParse(totalText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    Fail(totalColumn, "BadTotal", t["ScreeningImport_BadTotal", totalText]);
                }
                else if (value != decimal.Truncate(value))
                {
                    Fail(totalColumn, "TotalNotInteger", t["ScreeningImport_TotalNotInteger", totalText]);
                }
                else if (value is < 0 or > 1000)
                {
                    Fail(totalColumn, "TotalOutOfRange", t["ScreeningImport_TotalOutOfRange", totalText]);
                }
                else
                {
                    total = (int)value;
                }
            }

            var levelText = row[levelColumn].Trim();
            WarningLevel level = default;
            if (levelText.Length == 0)
            {
                Fail(levelColumn, "Required", t["Import_Required", table.Headers[levelColumn]]);
            }
            else if (!TryLevel(levelText, out level))
            {
                Fail(levelColumn, "BadLevel", t["ScreeningImport_BadLevel", levelText]);
            }

            if (schoolNameColumn >= 0 && row[schoolNameColumn].Trim() is { Length: > 0 } otherName && !SameSchool(Fold(otherName), schoolName))
            {
                Fail(schoolNameColumn, "OtherSchool", t["ScreeningImport_OtherSchoolName", otherName]);
            }

            if (schoolCodeColumn >= 0 && row[schoolCodeColumn].Trim() is { Length: > 0 } code && code != school.Code)
            {
                Fail(schoolCodeColumn, "OtherSchool", t["Import_OtherSchool", code]);
            }

            if (studentId is not null && takenOn is not null && scale.Length > 0)
            {
                var key = (number, takenOn.Value, Fold(scale));
                if (firstLineOf.TryGetValue(key, out var firstLine))
                {
                    Fail(numberColumn, "DuplicateInFile", t["ScreeningImport_DuplicateInFile", firstLine]);
                }
                else
                {
                    firstLineOf[key] = line;
                }
            }

            if (studentId is not null && takenOn is not null)
            {
                candidates.Add(new Row(line, studentId.Value, number, name, scale, takenOn.Value, total, level, null));
            }

            if (rowFailed)
            {
                failedLines.Add(line);
            }
        }

        // Second pass, for rows that name a known student and a valid date: one query for the
        // results the portal already has in the file's date range, and one for the campaigns.
        var rows = new List<Row>(candidates.Count);
        if (candidates.Count > 0)
        {
            var from = candidates.Min(r => r.TakenOn);
            var to = candidates.Max(r => r.TakenOn);
            var studentIds = students.Select(s => s.Id);
            var existing = (await db.ScreeningResults
                    .Where(r => r.Instrument == Instrument.Provincial && r.TakenOn >= from && r.TakenOn <= to && studentIds.Contains(r.StudentId))
                    .Select(r => new { r.StudentId, r.TakenOn })
                    .ToListAsync(cancellationToken))
                .Select(r => (r.StudentId, r.TakenOn))
                .ToHashSet();
            var campaigns = await CampaignsAsync(school.Id, from, to, cancellationToken);
            var names = new Dictionary<int, string>();
            foreach (var row in candidates)
            {
                if (existing.Contains((row.StudentId, row.TakenOn)))
                {
                    errors.Add(new RowError(row.Line, table.Headers[dateColumn], "AlreadyImported",
                        t["ScreeningImport_AlreadyImported", PortalCultures.Date(row.TakenOn)]));
                }
                else if (!failedLines.Contains(row.Line))
                {
                    var campaign = campaigns(row.TakenOn);
                    if (campaign is { } found)
                    {
                        names[found.Id] = found.Name;
                    }

                    rows.Add(row with { CampaignId = campaign?.Id });
                }
            }

            if (errors.Count == 0)
            {
                var summary = new Summary(
                    rows.Count,
                    rows.Count(r => r.Level == WarningLevel.Level1),
                    rows.Count(r => r.Level == WarningLevel.Level2),
                    rows.Count(r => r.Level == WarningLevel.Level3),
                    rows.Count(r => r.Level == WarningLevel.None),
                    from,
                    to,
                    [.. rows.GroupBy(r => r.CampaignId)
                        .Select(g => new CampaignShare(g.Key, g.Key is { } id ? names[id] : null, g.Count()))
                        .OrderBy(c => c.CampaignId is null)
                        .ThenBy(c => c.Name, StringComparer.Ordinal)]);
                return new Check(fileName, sha256, null, [], rows, summary);
            }
        }

        // Stable: a line's errors keep the order of its columns.
        return new Check(fileName, sha256, null, [.. errors.OrderBy(e => e.Line)], [], null);
    }

    /// <summary>
    /// Imports a checked file: one <see cref="ImportBatch"/> and one <see cref="ScreeningResult"/> per
    /// row (source 导入, instrument 赣鄱), and the entry <paramref name="audit"/> adds to the context, in one
    /// transaction. Returns no batch when, since the check, the same file or a result for one of its
    /// students and dates reached the portal: nothing is then written, and checking again lists why.
    /// </summary>
    public async Task<Committed> CommitAsync(
        Check check, School school, string userName, Action<long>? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(school);
        if (!check.Succeeded)
        {
            throw new InvalidOperationException("Only a file without errors can be imported.");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(
                async cancel =>
                {
                    db.ChangeTracker.Clear();
                    var now = clock.GetUtcNow();
                    var today = ChinaTime.Today(clock);
                    await using var transaction = await db.Database.BeginTransactionAsync(cancel);
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockClass}, {school.Id})", cancel);
                    if (await AnyAlreadyImportedAsync(check.Rows, cancel))
                    {
                        return new Committed(null);
                    }

                    var batch = new ImportBatch(school.Id, check.FileName, check.Sha256, check.Rows.Count, userName, now);
                    db.ImportBatches.Add(batch);
                    await db.SaveChangesAsync(cancel);

                    var results = check.Rows.Select(row => ScreeningResult.Record(
                        row.StudentId, school.Id, QuestionnaireScoring.Provincial(row.Level, row.Total), row.TakenOn,
                        answers: null, ResultSource.Imported, userName, now, today, row.CampaignId, batch.Id));
                    await CopyAsync(results, cancel);
                    if (audit is not null)
                    {
                        audit(batch.Id);
                        await db.SaveChangesAsync(cancel);
                    }

                    await transaction.CommitAsync(cancel);
                    return new Committed(batch.Id);
                },
                cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same file, confirmed twice at once: the unique (school, SHA-256) index kept one.
            db.ChangeTracker.Clear();
            return new Committed(null);
        }
    }

    /// <summary>
    /// Writes results with binary COPY, column by column as the EF model maps them (enums stored as
    /// their names, the warning as its number, subscales as jsonb). Runs on the context's connection
    /// and so inside its transaction.
    /// </summary>
    internal async Task CopyAsync(IEnumerable<ScreeningResult> results, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY screening_results (student_id, school_id, campaign_id, import_batch_id, instrument, taken_on, source, total, " +
            "subscales, band, warning, crisis, invalid, flags, suggested_tier, decision_state, is_superseded, recorded_by, recorded_at) " +
            "FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var result in results)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(result.StudentId, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(result.SchoolId, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(importer, result.CampaignId, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(importer, result.ImportBatchId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(result.Instrument.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(result.TakenOn, NpgsqlDbType.Date, cancellationToken);
            await importer.WriteAsync(result.Source.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, result.Total, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(result.Subscales.Count == 0 ? "{}" : JsonSerializer.Serialize(result.Subscales), NpgsqlDbType.Jsonb, cancellationToken);
            await importer.WriteAsync(result.Band, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync((int)result.Warning, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(result.Crisis, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(result.Invalid, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(result.Flags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, result.SuggestedTier, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(result.DecisionState.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(result.IsSuperseded, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(result.RecordedBy, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(result.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } present)
        {
            await importer.WriteAsync(present, type, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }

    private async Task<bool> AnyAlreadyImportedAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var from = rows.Min(r => r.TakenOn);
        var to = rows.Max(r => r.TakenOn);
        var ids = rows.Select(r => r.StudentId).Distinct().ToList();
        var existing = await db.ScreeningResults
            .Where(r => r.Instrument == Instrument.Provincial && r.TakenOn >= from && r.TakenOn <= to && ids.Contains(r.StudentId))
            .Select(r => new { r.StudentId, r.TakenOn })
            .ToListAsync(cancellationToken);
        if (existing.Count == 0)
        {
            return false;
        }

        var taken = existing.Select(r => (r.StudentId, r.TakenOn)).ToHashSet();
        return rows.Any(r => taken.Contains((r.StudentId, r.TakenOn)));
    }

    /// <summary>
    /// The campaign (普测) a result of a given date counts toward: of the school's campaigns covering
    /// the date, a provincial-system campaign first (it is what the file comes from), else any other,
    /// the latest to start.
    /// </summary>
    private async Task<Func<DateOnly, (int Id, string Name)?>> CampaignsAsync(int schoolId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var campaigns = await db.ScreeningCampaigns
            .Where(c => c.SchoolId == schoolId && c.StartsOn <= to && c.EndsOn >= from)
            .Select(c => new { c.Id, c.Name, c.Instrument, c.StartsOn, c.EndsOn })
            .ToListAsync(cancellationToken);
        var byDate = new Dictionary<DateOnly, (int Id, string Name)?>();
        return date =>
        {
            if (!byDate.TryGetValue(date, out var found))
            {
                found = campaigns
                    .Where(c => c.StartsOn <= date && c.EndsOn >= date)
                    .OrderByDescending(c => c.Instrument == Instrument.Provincial)
                    .ThenByDescending(c => c.StartsOn)
                    .ThenByDescending(c => c.Id)
                    .Select(c => ((int Id, string Name)?)(c.Id, c.Name))
                    .FirstOrDefault();
                byDate[date] = found;
            }

            return found;
        };
    }

    /// <summary>
    /// 预警等级 as the provincial system and schools write it: 一级/二级/三级 (with or without 预警,
    /// also 1级, Ⅰ级), 无, 无预警 or 正常.
    /// </summary>
    public static bool TryLevel(string text, out WarningLevel level)
    {
        var folded = Fold(text);
        if (folded.Length > 2 && folded.EndsWith("预警", StringComparison.Ordinal))
        {
            folded = folded[..^2];
        }

        (var known, level) = folded switch
        {
            "一级" or "1级" or "I级" => (true, WarningLevel.Level1),
            "二级" or "2级" or "II级" => (true, WarningLevel.Level2),
            "三级" or "3级" or "III级" => (true, WarningLevel.Level3),
            "无" or "正常" or "无风险" => (true, WarningLevel.None),
            _ => (false, WarningLevel.None),
        };
        return known;
    }

    /// <summary>
    /// A test date as exports write it: 2024-10-15, 2024/10/15, 2024.10.15, 2024年10月15日, 20241015,
    /// with or without a time of day; Excel dates arrive as yyyy-MM-dd, or as a serial day number
    /// when the cell was formatted as a number.
    /// </summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', 'T']);
        var day = space > 0 ? text[..space] : text;
        if (DateOnly.TryParseExact(day, ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        // Excel serial days: 36526 = 2000-01-01, 73050 = 2099-12-31.
        if (day.Length == 5 && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is >= 36526 and <= 73050)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }

        return false;
    }

    // Names, scales and levels typed on Chinese keyboards: full-width forms folded (NFKC), spaces
    // ignored, the several middle dots of minority names (·•・) made one.
    private static string Fold(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            result.Append(c is '•' or '・' or '‧' or '∙' or '.' ? '·' : char.ToUpperInvariant(c));
        }

        return result.ToString();
    }

    // The provincial system may drop the city prefix: "双峰小学" is 九江市双峰小学.
    private static bool SameSchool(string fileName, string ourName) =>
        fileName == ourName
        || (fileName.Length >= 4 && ourName.EndsWith(fileName, StringComparison.Ordinal))
        || (ourName.Length >= 4 && fileName.EndsWith(ourName, StringComparison.Ordinal));
}

/// <summary>
/// An uploaded results file kept between its preview and the user's confirmation (or, for a file
/// with more errors than a page lists, for downloading the full error list): encrypted with Data
/// Protection for that user alone, in a temp file named by a random token, gone after 30 minutes.
/// The database holds nothing until the user confirms.
/// </summary>
public sealed class PendingImports(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public sealed record Pending(int SchoolId, string FileName, byte[] Content);

    private static string Folder { get; } = Path.Combine(Path.GetTempPath(), "jmh-screening-imports");

    public async Task<Guid> SaveAsync(string userId, int schoolId, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Sweep();
        using var payload = new MemoryStream(content.Length + 512);
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(schoolId);
            writer.Write(fileName);
            writer.Write(content.Length);
            writer.Write(content);
        }

        var sealedBytes = Protector(userId).Protect(payload.ToArray());
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            // Only the portal's own OS user may read what it parks here.
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var token = Guid.NewGuid();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(PathOf(token), options))
        {
            await file.WriteAsync(sealedBytes, cancellationToken);
        }

        return token;
    }

    /// <returns>The file, or null when the token is unknown, expired, another user's or another school's.</returns>
    public async Task<Pending?> LoadAsync(Guid token, string userId, int schoolId, CancellationToken cancellationToken)
    {
        Sweep();
        var path = PathOf(token);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = Protector(userId).Unprotect(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        var savedAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var savedFor = reader.ReadInt32();
        var fileName = reader.ReadString();
        var content = reader.ReadBytes(reader.ReadInt32());
        if (clock.GetUtcNow() - savedAt > Lifetime)
        {
            Delete(token);
            return null;
        }

        return savedFor == schoolId ? new Pending(savedFor, fileName, content) : null;
    }

    public static void Delete(Guid token)
    {
        try
        {
            File.Delete(PathOf(token));
        }
        catch (IOException)
        {
            // Already gone, or still being read by a second click: the sweep removes it later.
        }
    }

    private IDataProtector Protector(string userId) =>
        protection.CreateProtector("JiujiangMentalHealth.ScreeningImport.Pending", userId);

    // The token is a Guid, formatted here: a form value can never reach another path.
    private static string PathOf(Guid token) => Path.Combine(Folder, token.ToString("N") + ".pending");

    private static void Sweep()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        var cutoff = DateTime.UtcNow - Lifetime;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles("*.pending"))
        {
            try
            {
                if (file.LastWriteTimeUtc < cutoff)
                {
                    file.Delete();
                }
            }
            catch (IOException)
            {
                // In use by another request: next time.
            }
        }
    }
}
