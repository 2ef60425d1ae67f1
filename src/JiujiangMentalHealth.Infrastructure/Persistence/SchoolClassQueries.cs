using System.Linq.Expressions;
using JiujiangMentalHealth.Domain.City;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>Query forms of the class rules, translated to SQL.</summary>
public static class SchoolClassQueries
{
    /// <summary>
    /// Classes in session in a school year: entered at most a section's length of years ago.
    /// The SQL form of <see cref="SchoolClass.GradeOf"/> being non-null.
    /// </summary>
    public static Expression<Func<SchoolClass, bool>> InSession(SchoolYear year)
    {
        var start = year.StartYear;
        return c => c.EntryYear <= start && c.EntryYear > start - (c.Section == SchoolSection.Primary ? 6 : 3);
    }
}
