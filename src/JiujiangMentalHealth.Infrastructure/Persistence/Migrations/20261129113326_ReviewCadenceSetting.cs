using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReviewCadenceSetting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_cadence_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    tier1days = table.Column<int>(type: "integer", nullable: false),
                    tier2days = table.Column<int>(type: "integer", nullable: false),
                    tier3days = table.Column<int>(type: "integer", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_cadence_settings", x => x.id);
                    table.CheckConstraint("ck_review_cadence_settings_single_row", "id = 1");
                });

            migrationBuilder.InsertData(
                table: "review_cadence_settings",
                columns: new[] { "id", "tier1days", "tier2days", "tier3days", "updated_at", "updated_by" },
                values: new object[] { 1, 7, 14, 30, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_cadence_settings");
        }
    }
}
