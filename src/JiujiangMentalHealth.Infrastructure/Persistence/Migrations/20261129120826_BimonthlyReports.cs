using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BimonthlyReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bimonthly_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    correction_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    first_submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    on_time = table.Column<bool>(type: "boolean", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    review_comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    prefilled_enrolment = table.Column<int>(type: "integer", nullable: false),
                    prefilled_full_time_teachers = table.Column<int>(type: "integer", nullable: false),
                    prefilled_home_visits = table.Column<int>(type: "integer", nullable: false),
                    prefilled_new_crises = table.Column<int>(type: "integer", nullable: false),
                    prefilled_part_time_teachers = table.Column<int>(type: "integer", nullable: false),
                    prefilled_referrals = table.Column<int>(type: "integer", nullable: false),
                    prefilled_students_screened = table.Column<int>(type: "integer", nullable: false),
                    prefilled_talks = table.Column<int>(type: "integer", nullable: false),
                    prefilled_tier1 = table.Column<int>(type: "integer", nullable: false),
                    prefilled_tier2 = table.Column<int>(type: "integer", nullable: false),
                    prefilled_tier3 = table.Column<int>(type: "integer", nullable: false),
                    prefilled_trainees = table.Column<int>(type: "integer", nullable: false),
                    reported_enrolment = table.Column<int>(type: "integer", nullable: false),
                    reported_full_time_teachers = table.Column<int>(type: "integer", nullable: false),
                    reported_home_visits = table.Column<int>(type: "integer", nullable: false),
                    reported_new_crises = table.Column<int>(type: "integer", nullable: false),
                    reported_part_time_teachers = table.Column<int>(type: "integer", nullable: false),
                    reported_referrals = table.Column<int>(type: "integer", nullable: false),
                    reported_students_screened = table.Column<int>(type: "integer", nullable: false),
                    reported_talks = table.Column<int>(type: "integer", nullable: false),
                    reported_tier1 = table.Column<int>(type: "integer", nullable: false),
                    reported_tier2 = table.Column<int>(type: "integer", nullable: false),
                    reported_tier3 = table.Column<int>(type: "integer", nullable: false),
                    reported_trainees = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bimonthly_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_bimonthly_reports_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_events_bimonthly_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "bimonthly_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bimonthly_reports_period_start_school_id",
                table: "bimonthly_reports",
                columns: new[] { "period_start", "school_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bimonthly_reports_school_id",
                table: "bimonthly_reports",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_events_report_id",
                table: "report_events",
                column: "report_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_events");

            migrationBuilder.DropTable(
                name: "bimonthly_reports");
        }
    }
}
