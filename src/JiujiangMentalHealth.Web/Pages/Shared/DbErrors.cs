using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JiujiangMentalHealth.Web.Pages.Shared;

/// <summary>Recognises the database refusals a page turns into a message beside the form.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (two people created the same thing at once).</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// The database could not be reached or kept failing after the execution strategy's retries (EF
    /// wraps the last failure in a RetryLimitExceededException): an outage, not a fault of the page.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
