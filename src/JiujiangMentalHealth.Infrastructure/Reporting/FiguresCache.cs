using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Reporting;

/// <summary>
/// Per-school results of the reporting statements, kept between requests with each school's change
/// stamp (docs/decisions/0010-school-figures-cache.md). Every statement that writes a row the
/// figures read stamps its schools with its transaction id, by trigger, in the same transaction;
/// a request reads the stamps of its schools (one indexed statement) and recomputes only the schools
/// whose stamp moved since their figures were kept — in one statement for all of them. A talk logged
/// in one school thus costs the next city dashboard that school's figures, not the city's.
/// </summary>
/// <remarks>
/// Correct across instances and without messages between them: the stamps live in the database. A
/// school's stamp is read before its figures are computed, so a change that commits in between is
/// at worst computed twice, never missed. Figures are kept per question (<paramref name="key"/> of
/// <see cref="GetAsync"/>: the statement, its period and today's date), at most
/// <see cref="MaxQuestions"/> questions, the least recently asked dropped first. A different database
/// server (or a restart, or a restore into a new database) empties the cache.
/// </remarks>
public sealed class FiguresCache
{
    public const int MaxQuestions = 48;

    private const string StampsSql = """
        SELECT s.id, coalesce(f.stamp, 0), (SELECT d.oid::bigint FROM pg_database d WHERE d.datname = current_database()),
               extract(epoch FROM pg_postmaster_start_time())::bigint
        FROM schools s LEFT JOIN school_figure_stamps f ON f.school_id = s.id
        WHERE (@district IS NULL OR s.district_id = @district) AND (@school IS NULL OR s.id = @school)
        ORDER BY s.id
        """;

    // A SemaphoreSlim only needs disposing once its wait handle was asked for, which WaitAsync never does.
#pragma warning disable CA1001
    private sealed class Question
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly ConcurrentDictionary<int, (long Stamp, object Value)> Schools = new();
        public long LastAsked;
    }

    private readonly ConcurrentDictionary<string, Question> _questions = new(StringComparer.Ordinal);
    private readonly Lock _epochLock = new();
    private (long Database, long Started) _epoch;
    private long _clock;

    /// <summary>How many schools' figures were computed (not served from the cache) since the process started.</summary>
    public long SchoolsComputed => Interlocked.Read(ref _computed);

    private long _computed;

    /// <summary>Forgets everything (the benchmark's cold runs).</summary>
    public void Clear() => _questions.Clear();

    /// <summary>
    /// The value of <paramref name="key"/> for each selected school, in school id order:
    /// from the cache where the school's stamp has not moved, otherwise from <paramref name="compute"/>
    /// called once with the ids of all the schools to compute (it must return a value for each).
    /// </summary>
    public async Task<IReadOnlyList<(int SchoolId, T Value)>> GetAsync<T>(NpgsqlConnection connection, string key, SchoolSelection selection,
        Func<int[], Task<IReadOnlyDictionary<int, T>>> compute, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(compute);
        var question = Ask(key);
        await question.Gate.WaitAsync(cancellationToken);
        try
        {
            var (stamps, newEpoch) = await StampsAsync(connection, selection, cancellationToken);
            if (newEpoch)
            {
                question.Schools.Clear();
            }

            var stale = stamps.Where(s => !question.Schools.TryGetValue(s.SchoolId, out var kept) || kept.Stamp != s.Stamp).Select(s => s.SchoolId).ToArray();
            if (stale.Length > 0)
            {
                var computed = await compute(stale);
                var stampOf = stamps.ToDictionary(s => s.SchoolId, s => s.Stamp);
                foreach (var schoolId in stale)
                {
                    // A school deleted between the stamps and the statement has no row: it is left out.
                    if (computed.TryGetValue(schoolId, out var value))
                    {
                        question.Schools[schoolId] = (stampOf[schoolId], value);
                    }
                    else
                    {
                        question.Schools.TryRemove(schoolId, out _);
                    }
                }

                Interlocked.Add(ref _computed, stale.Length);
            }

            var answer = new List<(int SchoolId, T Value)>(stamps.Count);
            foreach (var (schoolId, _) in stamps)
            {
                if (question.Schools.TryGetValue(schoolId, out var kept))
                {
                    answer.Add((schoolId, (T)kept.Value));
                }
            }

            return answer;
        }
        finally
        {
            question.Gate.Release();
        }
    }

    private Question Ask(string key)
    {
        var question = _questions.GetOrAdd(key, _ => new Question());
        question.LastAsked = Interlocked.Increment(ref _clock);
        if (_questions.Count > MaxQuestions)
        {
            foreach (var old in _questions.OrderBy(q => q.Value.LastAsked).Take(_questions.Count - MaxQuestions).ToList())
            {
                _questions.TryRemove(old.Key, out _);
            }
        }

        return question;
    }

    /// <summary>The selected schools' stamps, and whether the database is not the one the cache held figures of.</summary>
    private async Task<(List<(int SchoolId, long Stamp)> Stamps, bool NewEpoch)> StampsAsync(NpgsqlConnection connection, SchoolSelection selection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(StampsSql, connection);
        command.Parameters.Add(new NpgsqlParameter<int?>("district", NpgsqlDbType.Integer) { TypedValue = selection.DistrictId });
        command.Parameters.Add(new NpgsqlParameter<int?>("school", NpgsqlDbType.Integer) { TypedValue = selection.SchoolId });
        var stamps = new List<(int, long)>();
        (long, long)? epoch = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stamps.Add((reader.GetInt32(0), reader.GetInt64(1)));
                epoch ??= (reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        if (epoch is { } current)
        {
            lock (_epochLock)
            {
                if (_epoch != current)
                {
                    // Emptied in place: the question being asked stays in the dictionary (removing it
                    // would leave this request filling an orphan, and the next one computing it again).
                    _epoch = current;
                    foreach (var kept in _questions.Values)
                    {
                        kept.Schools.Clear();
                    }

                    return (stamps, true);
                }
            }
        }

        return (stamps, false);
    }
}
