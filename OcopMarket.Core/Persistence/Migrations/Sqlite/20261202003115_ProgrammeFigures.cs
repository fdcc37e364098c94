using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProgrammeFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSme",
                table: "Producers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NationalFigures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SourceTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalFigures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NationalFigures_Metric_AsOf",
                table: "NationalFigures",
                columns: new[] { "Metric", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSnapshots_Month_Scope_Metric",
                table: "ProgrammeSnapshots",
                columns: new[] { "Month", "Scope", "Metric" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NationalFigures");

            migrationBuilder.DropTable(
                name: "ProgrammeSnapshots");

            migrationBuilder.DropColumn(
                name: "IsSme",
                table: "Producers");
        }
    }
}
