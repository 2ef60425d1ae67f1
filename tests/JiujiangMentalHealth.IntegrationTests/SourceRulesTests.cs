using System.Text.RegularExpressions;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// QUALITY "Scope filtering lives in one place … IgnoreQueryFilters() appears only where a reviewed
/// reason is written beside it": checked on the source itself, so a page that starts filtering
/// students its own way, or bypasses a filter without saying why, fails here.
/// </summary>
public partial class SourceRulesTests
{
    private static readonly string Src = FindSource();

    private static string FindSource()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "JiujiangMentalHealth.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("JiujiangMentalHealth.sln not found above the test output"), "src");
    }

    private static IEnumerable<(string File, string[] Lines)> Sources() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Src, f), File.ReadAllLines(f)));

    [Fact]
    public void IgnoreQueryFilters_appears_only_where_a_reviewed_reason_is_written_beside_it()
    {
        var sources = Sources().ToList();
        Assert.True(sources.Count > 100, $"only {sources.Count} source files found under {Src}");
        var unexplained = sources.SelectMany(s => s.Lines.Select((line, i) => (s.File, Line: i, Text: line, Before: i > 0 ? s.Lines[i - 1] : "")))
            .Where(x => x.Text.Contains("IgnoreQueryFilters(", StringComparison.Ordinal)
                        && !(x.Text + x.Before).Contains("Reviewed:", StringComparison.Ordinal))
            .Select(x => $"{x.File}:{x.Line + 1}");
        Assert.Empty(unexplained);
    }

    [Fact]
    public void Which_students_a_user_sees_is_decided_in_one_place()
    {
        // The student scope query is called from StudentAccess alone; pages ask db.StudentsOf(User).
        var callers = Sources().Where(s => s.Lines.Any(l => StudentScopeCall().IsMatch(l))).Select(s => s.File).ToList();
        Assert.Equal([Path.Combine("JiujiangMentalHealth.Web", "Access", "StudentAccess.cs")], callers);
        var pagesUsingIt = Sources().Count(s => s.File.Contains($"Pages{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                                && s.Lines.Any(l => l.Contains("StudentsOf(User)", StringComparison.Ordinal)));
        Assert.True(pagesUsingIt >= 8, $"only {pagesUsingIt} pages use StudentsOf(User)");
    }

    [GeneratedRegex(@"Students\s*\.\s*VisibleTo\(")]
    private static partial Regex StudentScopeCall();
}
