using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JiujiangMentalHealth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RecordedAtForHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_at",
                table: "support_changes",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "clock_timestamp()");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_at",
                table: "crisis_steps",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "clock_timestamp()");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "support_changes");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "crisis_steps");
        }
    }
}
