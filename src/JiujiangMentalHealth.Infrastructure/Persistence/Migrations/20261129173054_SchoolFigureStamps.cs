using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// A change stamp per school for the figures cache (docs/decisions/0010-school-figures-cache.md):
    /// every statement that writes a row the figures or trend statements read stamps the schools it
    /// touched with its transaction id, in the same transaction. Statement-level triggers with
    /// transition tables, so a 50,000-row import stamps its school once.
    /// </summary>
    public partial class SchoolFigureStamps : Migration
    {
        /// <summary>Each table the figures read, and how a set of its rows (<c>x</c>) names their schools.</summary>
        private static readonly (string Table, string Schools, string UpdateOnly)[] Sources =
        [
            ("schools", "SELECT x.id FROM {0} x", null),
            ("staff_members", "SELECT x.school_id FROM {0} x", null),
            // A student's key populations count in the home-visit figures of the schools of their talks.
            ("students", "SELECT x.school_id FROM {0} x",
                "SELECT t.school_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN talks t ON t.student_id = n.id WHERE n.key_populations <> o.key_populations"),
            ("school_enrolments", "SELECT x.school_id FROM {0} x", null),
            ("counselling_rooms", "SELECT x.school_id FROM {0} x", null),
            ("featured_schools", "SELECT x.school_id FROM {0} x", null),
            ("screening_results", "SELECT x.school_id FROM {0} x", null),
            ("support_assignments", "SELECT x.school_id FROM {0} x", null),
            ("support_changes", "SELECT a.school_id FROM {0} x JOIN support_assignments a ON a.id = x.assignment_id", null),
            ("crisis_events", "SELECT x.school_id FROM {0} x", null),
            ("crisis_steps", "SELECT e.school_id FROM {0} x JOIN crisis_events e ON e.id = x.crisis_event_id", null),
            ("talks", "SELECT x.school_id FROM {0} x", null),
            ("training_records", "SELECT m.school_id FROM {0} x JOIN staff_members m ON m.id = x.staff_member_id", null),
            ("training_courses", "SELECT m.school_id FROM {0} x JOIN training_records r ON r.course_id = x.id JOIN staff_members m ON m.id = r.staff_member_id", null),
            ("activities", "SELECT x.school_id FROM {0} x", null),
            ("family_lectures", "SELECT x.school_id FROM {0} x", null),
            ("bimonthly_reports", "SELECT x.school_id FROM {0} x", null),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var sql = new StringBuilder("""
                CREATE TABLE school_figure_stamps (
                    school_id integer PRIMARY KEY,
                    stamp bigint NOT NULL);
                CREATE FUNCTION stamp_schools(ids integer[]) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO school_figure_stamps (school_id, stamp)
                    SELECT d.id, pg_current_xact_id()::text::bigint
                    FROM (SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL ORDER BY u.id) d
                    ON CONFLICT (school_id) DO UPDATE SET stamp = excluded.stamp
                    WHERE school_figure_stamps.stamp IS DISTINCT FROM excluded.stamp;
                $$;

                """);
            foreach (var (table, schools, updateOnly) in Sources)
            {
                sql.Append($$"""
                    CREATE FUNCTION stamp_schools_of_{{table}}() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF TG_OP IN ('INSERT', 'UPDATE') THEN
                            PERFORM stamp_schools(ARRAY({{string.Format(System.Globalization.CultureInfo.InvariantCulture, schools, "new_rows")}}));
                        END IF;
                        IF TG_OP IN ('UPDATE', 'DELETE') THEN
                            PERFORM stamp_schools(ARRAY({{string.Format(System.Globalization.CultureInfo.InvariantCulture, schools, "old_rows")}}));
                        END IF;
                    {{(updateOnly is null ? "" : $"    IF TG_OP = 'UPDATE' THEN\n            PERFORM stamp_schools(ARRAY({updateOnly}));\n        END IF;\n")}}    RETURN NULL;
                    END $$;
                    CREATE TRIGGER {{table}}_stamp_insert AFTER INSERT ON {{table}} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION stamp_schools_of_{{table}}();
                    CREATE TRIGGER {{table}}_stamp_update AFTER UPDATE ON {{table}} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION stamp_schools_of_{{table}}();
                    CREATE TRIGGER {{table}}_stamp_delete AFTER DELETE ON {{table}} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION stamp_schools_of_{{table}}();

                    """);
            }

            migrationBuilder.Sql(sql.ToString());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            var sql = new StringBuilder();
            foreach (var (table, _, _) in Sources)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                    DROP TRIGGER {table}_stamp_insert ON {table};
                    DROP TRIGGER {table}_stamp_update ON {table};
                    DROP TRIGGER {table}_stamp_delete ON {table};
                    DROP FUNCTION stamp_schools_of_{table}();

                    """);
            }

            sql.Append("DROP FUNCTION stamp_schools(integer[]);\nDROP TABLE school_figure_stamps;\n");
            migrationBuilder.Sql(sql.ToString());
        }
    }
}
