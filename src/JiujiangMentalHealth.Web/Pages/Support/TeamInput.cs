using JiujiangMentalHealth.Domain.Support;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// The people chosen for a team, one select per seat. Tier 3 has a single seat that takes the
/// class's head teacher or a key teacher (骨干教师); the role follows from the person chosen.
/// </summary>
public sealed class TeamInput
{
    public int? SchoolLeader { get; set; }

    public int? HeadTeacher { get; set; }

    public int? PsychologyTeacher { get; set; }

    /// <summary>The first proposal: <see cref="SupportTeams.Proposal"/>, keeping a tier-3 key teacher already on the team.</summary>
    public static TeamInput Propose(int tier, IReadOnlyList<TeamCandidate> candidates, IReadOnlyCollection<SupportMember>? current)
    {
        var proposal = SupportTeams.Proposal(tier, candidates, current);
        var input = new TeamInput
        {
            SchoolLeader = proposal.GetValueOrDefault(TeamRole.SchoolLeader),
            HeadTeacher = proposal.GetValueOrDefault(TeamRole.HeadTeacher),
            PsychologyTeacher = proposal.GetValueOrDefault(TeamRole.PsychologyTeacher),
        };
        if (tier == 3 && current?.FirstOrDefault(m => m.Role == TeamRole.KeyTeacher) is { } keyTeacher
                      && current.All(m => m.Role != TeamRole.HeadTeacher))
        {
            input.HeadTeacher = keyTeacher.StaffMemberId;
        }

        return input;
    }

    /// <summary>The seats the tier needs, as <see cref="SupportTeams.Check"/> takes them.</summary>
    public IReadOnlyDictionary<TeamRole, int?> Chosen(int tier, IReadOnlyList<TeamCandidate> candidates)
    {
        var chosen = new Dictionary<TeamRole, int?>();
        foreach (var role in SupportTeam.RequiredRoles(tier))
        {
            var id = role switch
            {
                TeamRole.SchoolLeader => SchoolLeader,
                TeamRole.HeadTeacher => HeadTeacher,
                TeamRole.PsychologyTeacher => PsychologyTeacher,
                _ => null,
            };
            if (tier == 3 && id is { } person && candidates.FirstOrDefault(c => c.StaffMemberId == person) is { IsHeadTeacherOfStudentsClass: false, IsKeyTeacher: true })
            {
                chosen[TeamRole.KeyTeacher] = person;
            }
            else
            {
                chosen[role] = id;
            }
        }

        return chosen;
    }

    /// <summary>The candidates offered for a seat: those who hold its role (tier 3: head teacher or key teacher).</summary>
    public static IEnumerable<TeamCandidate> For(TeamRole role, int tier, IReadOnlyList<TeamCandidate> candidates) =>
        candidates.Where(c => c.Holds(role) || (tier == 3 && role == TeamRole.HeadTeacher && c.IsKeyTeacher));
}

/// <summary>What the seat selects partial renders.</summary>
public sealed record TeamSeatsView(int Tier, IReadOnlyList<TeamCandidate> Candidates, TeamInput Seats, string Prefix);
