using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SupportAssignmentsByStudent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_support_assignments_student_id_started_on",
                table: "support_assignments",
                columns: new[] { "student_id", "started_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_assignments_student_id_started_on",
                table: "support_assignments");
        }
    }
}
