using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddModerationAndBankAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ModerationNote",
                table: "Products",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankAccountName",
                table: "Producers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankAccountNumber",
                table: "Producers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankBin",
                table: "Producers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "Producers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ModerationNote",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "BankAccountName",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "BankAccountNumber",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "BankBin",
                table: "Producers");

            migrationBuilder.DropColumn(
                name: "SuspensionReason",
                table: "Producers");
        }
    }
}
