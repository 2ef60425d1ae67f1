using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Workforce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "counselling_rooms",
                columns: table => new
                {
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    is_standardized = table.Column<bool>(type: "boolean", nullable: false),
                    rooms = table.Column<int>(type: "integer", nullable: false),
                    certified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counselling_rooms", x => x.school_id);
                    table.ForeignKey(
                        name: "fk_counselling_rooms_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "featured_schools",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_featured_schools", x => x.id);
                    table.ForeignKey(
                        name: "fk_featured_schools_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_members",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    school_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    gender = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    staff_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    is_school_leader = table.Column<bool>(type: "boolean", nullable: false),
                    is_key_teacher = table.Column<bool>(type: "boolean", nullable: false),
                    is_subject_teacher = table.Column<bool>(type: "boolean", nullable: false),
                    psychology_post = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    has_psychology_major = table.Column<bool>(type: "boolean", nullable: false),
                    certificate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: true),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_members_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_staff_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "staffing_policies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'100', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    students_per_teacher = table.Column<int>(type: "integer", nullable: false),
                    minimum_per_school = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staffing_policies", x => x.id);
                    table.CheckConstraint("ck_staffing_policies_minimum", "minimum_per_school BETWEEN 0 AND 10");
                    table.CheckConstraint("ck_staffing_policies_ratio", "students_per_teacher BETWEEN 100 AND 5000");
                });

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    level = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    organiser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_courses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "expert_nominations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    staff_member_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expert_nominations", x => x.id);
                    table.ForeignKey(
                        name: "fk_expert_nominations_staff_members_staff_member_id",
                        column: x => x.staff_member_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_classes",
                columns: table => new
                {
                    staff_member_id = table.Column<int>(type: "integer", nullable: false),
                    class_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_classes", x => new { x.staff_member_id, x.class_id });
                    table.ForeignKey(
                        name: "fk_staff_classes_school_classes_class_id",
                        column: x => x.class_id,
                        principalTable: "school_classes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_staff_classes_staff_members_staff_member_id",
                        column: x => x.staff_member_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_records",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    course_id = table.Column<int>(type: "integer", nullable: false),
                    staff_member_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_records_staff_members_staff_member_id",
                        column: x => x.staff_member_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_records_training_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "training_courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "staffing_policies",
                columns: new[] { "id", "created_at", "created_by", "effective_from", "minimum_per_school", "note", "students_per_teacher" },
                values: new object[] { 1, new DateTimeOffset(new DateTime(2024, 12, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", new DateOnly(2000, 1, 1), 1, null, 800 });

            migrationBuilder.CreateIndex(
                name: "ix_expert_nominations_staff_member_id_year",
                table: "expert_nominations",
                columns: new[] { "staff_member_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_featured_schools_school_id_level",
                table: "featured_schools",
                columns: new[] { "school_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_classes_class_id",
                table: "staff_classes",
                column: "class_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_school_id_psychology_post",
                table: "staff_members",
                columns: new[] { "school_id", "psychology_post" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_school_id_staff_number",
                table: "staff_members",
                columns: new[] { "school_id", "staff_number" },
                unique: true,
                filter: "staff_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_user_id",
                table: "staff_members",
                column: "user_id",
                unique: true,
                filter: "user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_staffing_policies_effective_from",
                table: "staffing_policies",
                column: "effective_from",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_courses_year_level",
                table: "training_courses",
                columns: new[] { "year", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_training_records_course_id_staff_member_id",
                table: "training_records",
                columns: new[] { "course_id", "staff_member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_records_staff_member_id",
                table: "training_records",
                column: "staff_member_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counselling_rooms");

            migrationBuilder.DropTable(
                name: "expert_nominations");

            migrationBuilder.DropTable(
                name: "featured_schools");

            migrationBuilder.DropTable(
                name: "staff_classes");

            migrationBuilder.DropTable(
                name: "staffing_policies");

            migrationBuilder.DropTable(
                name: "training_records");

            migrationBuilder.DropTable(
                name: "staff_members");

            migrationBuilder.DropTable(
                name: "training_courses");
        }
    }
}
