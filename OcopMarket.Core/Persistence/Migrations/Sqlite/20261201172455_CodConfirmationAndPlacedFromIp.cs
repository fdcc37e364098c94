using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CodConfirmationAndPlacedFromIp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmationDueAt",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAt",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlacedFromIp",
                table: "Orders",
                type: "TEXT",
                maxLength: 45,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PlacedFromIp",
                table: "Orders",
                column: "PlacedFromIp");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_ConfirmationDueAt",
                table: "Orders",
                columns: new[] { "Status", "ConfirmationDueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_PlacedFromIp",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_ConfirmationDueAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ConfirmationDueAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "PlacedFromIp",
                table: "Orders");
        }
    }
}
