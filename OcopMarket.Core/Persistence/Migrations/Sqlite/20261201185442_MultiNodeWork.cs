using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MultiNodeWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntil",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogVersion", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CatalogVersion",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogVersion");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "OutboxEmails");
        }
    }
}
