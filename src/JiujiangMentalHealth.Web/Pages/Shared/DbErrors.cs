using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JiujiangMentalHealth.Web.Pages.Shared;

/// <summary>Recognises the database refusals a page turns into a message beside the form.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (two people created the same thing at once).</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
