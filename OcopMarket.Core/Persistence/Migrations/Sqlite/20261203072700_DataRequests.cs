using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ConsentRecords_AspNetUsers_UserId",
                table: "ConsentRecords");

            migrationBuilder.AlterColumn<string>(
                name: "AuthorUserId",
                table: "Reviews",
                type: "TEXT",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 450);

            migrationBuilder.AddColumn<string>(
                name: "SubjectHash",
                table: "ConsentRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CheckoutId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OfficerNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataRequests_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_SubjectHash",
                table: "ConsentRecords",
                column: "SubjectHash");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_CheckoutId",
                table: "DataRequests",
                column: "CheckoutId");

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_Status_DueAt",
                table: "DataRequests",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DataRequests_UserId",
                table: "DataRequests",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_ConsentRecords_AspNetUsers_UserId",
                table: "ConsentRecords",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ConsentRecords_AspNetUsers_UserId",
                table: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "DataRequests");

            migrationBuilder.DropIndex(
                name: "IX_ConsentRecords_SubjectHash",
                table: "ConsentRecords");

            migrationBuilder.DropColumn(
                name: "SubjectHash",
                table: "ConsentRecords");

            migrationBuilder.AlterColumn<string>(
                name: "AuthorUserId",
                table: "Reviews",
                type: "TEXT",
                maxLength: 450,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 450,
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ConsentRecords_AspNetUsers_UserId",
                table: "ConsentRecords",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
