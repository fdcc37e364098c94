using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
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
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NationalFigures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Metric = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    SourceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SourceTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EnteredByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalFigures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Scope = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Metric = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
