using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ActivityParticipantsLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_activities_participants",
                table: "activities");

            migrationBuilder.AddCheckConstraint(
                name: "ck_activities_participants",
                table: "activities",
                sql: "participants BETWEEN 0 AND 100000");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_activities_participants",
                table: "activities");

            migrationBuilder.AddCheckConstraint(
                name: "ck_activities_participants",
                table: "activities",
                sql: "participants BETWEEN 0 AND 200000");
        }
    }
}
