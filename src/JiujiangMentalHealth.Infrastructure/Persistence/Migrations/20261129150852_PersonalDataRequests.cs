using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "personal_data_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    student_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    requester = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    correction_student_number = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: true),
                    correction_name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    correction_gender = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    correction_birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    correction_guardian_name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    correction_guardian_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    state = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_data_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_personal_data_requests_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_requests_school_id_state",
                table: "personal_data_requests",
                columns: new[] { "school_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_requests_student_id",
                table: "personal_data_requests",
                column: "student_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "personal_data_requests");
        }
    }
}
