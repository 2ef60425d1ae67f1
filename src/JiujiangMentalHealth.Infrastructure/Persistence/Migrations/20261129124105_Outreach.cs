using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Outreach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "prefilled_activities",
                table: "bimonthly_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "prefilled_activity_participants",
                table: "bimonthly_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "prefilled_family_lectures",
                table: "bimonthly_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reported_activities",
                table: "bimonthly_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reported_activity_participants",
                table: "bimonthly_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reported_family_lectures",
                table: "bimonthly_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "activities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: true),
                    school_id = table.Column<int>(type: "integer", nullable: true),
                    type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    organiser = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    audience = table.Column<int>(type: "integer", nullable: false),
                    grades = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    participants = table.Column<int>(type: "integer", nullable: false),
                    partners = table.Column<int>(type: "integer", nullable: false),
                    partner_names = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activities", x => x.id);
                    table.CheckConstraint("ck_activities_participants", "participants BETWEEN 0 AND 200000");
                    table.CheckConstraint("ck_activities_units", "(level = 'School' AND school_id IS NOT NULL AND district_id IS NOT NULL) OR (level = 'District' AND district_id IS NOT NULL AND school_id IS NULL) OR (level IN ('City', 'Centre') AND district_id IS NULL AND school_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_activities_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_activities_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "centre_members",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: true),
                    qualification = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_centre_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_centre_members_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lecturers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    post = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    speciality = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lecturers", x => x.id);
                    table.ForeignKey(
                        name: "fk_lecturers_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consultations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    client = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    age_band = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: true),
                    topic = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false),
                    counsellor_id = table.Column<int>(type: "integer", nullable: true),
                    referral = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    referred_to = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consultations", x => x.id);
                    table.CheckConstraint("ck_consultations_minutes", "minutes BETWEEN 1 AND 600");
                    table.ForeignKey(
                        name: "fk_consultations_centre_members_counsellor_id",
                        column: x => x.counsellor_id,
                        principalTable: "centre_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consultations_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "family_lectures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lecturer_id = table.Column<int>(type: "integer", nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    audience = table.Column<int>(type: "integer", nullable: false),
                    participants = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_family_lectures", x => x.id);
                    table.ForeignKey(
                        name: "fk_family_lectures_lecturers_lecturer_id",
                        column: x => x.lecturer_id,
                        principalTable: "lecturers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_family_lectures_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activities_district_id_held_on",
                table: "activities",
                columns: new[] { "district_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_activities_level_held_on",
                table: "activities",
                columns: new[] { "level", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_activities_school_id_held_on",
                table: "activities",
                columns: new[] { "school_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_centre_members_school_id",
                table: "centre_members",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_counsellor_id",
                table: "consultations",
                column: "counsellor_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_occurred_on_channel",
                table: "consultations",
                columns: new[] { "occurred_on", "channel" });

            migrationBuilder.CreateIndex(
                name: "ix_consultations_school_id",
                table: "consultations",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_family_lectures_held_on",
                table: "family_lectures",
                column: "held_on");

            migrationBuilder.CreateIndex(
                name: "ix_family_lectures_lecturer_id",
                table: "family_lectures",
                column: "lecturer_id");

            migrationBuilder.CreateIndex(
                name: "ix_family_lectures_school_id_held_on",
                table: "family_lectures",
                columns: new[] { "school_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_lecturers_school_id",
                table: "lecturers",
                column: "school_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activities");

            migrationBuilder.DropTable(
                name: "consultations");

            migrationBuilder.DropTable(
                name: "family_lectures");

            migrationBuilder.DropTable(
                name: "centre_members");

            migrationBuilder.DropTable(
                name: "lecturers");

            migrationBuilder.DropColumn(
                name: "prefilled_activities",
                table: "bimonthly_reports");

            migrationBuilder.DropColumn(
                name: "prefilled_activity_participants",
                table: "bimonthly_reports");

            migrationBuilder.DropColumn(
                name: "prefilled_family_lectures",
                table: "bimonthly_reports");

            migrationBuilder.DropColumn(
                name: "reported_activities",
                table: "bimonthly_reports");

            migrationBuilder.DropColumn(
                name: "reported_activity_participants",
                table: "bimonthly_reports");

            migrationBuilder.DropColumn(
                name: "reported_family_lectures",
                table: "bimonthly_reports");
        }
    }
}
