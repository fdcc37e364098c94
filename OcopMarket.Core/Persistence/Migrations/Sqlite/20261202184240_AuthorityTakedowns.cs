using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthorityTakedowns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HeldByAuthority",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AuthorityTakedowns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProducerId = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TakenDownAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OfficerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LiftedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LiftedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LiftNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthorityTakedowns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuthorityTakedowns_Producers_ProducerId",
                        column: x => x.ProducerId,
                        principalTable: "Producers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AuthorityTakedowns_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityTakedowns_ProducerId",
                table: "AuthorityTakedowns",
                column: "ProducerId");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityTakedowns_ProductId",
                table: "AuthorityTakedowns",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityTakedowns_ReceivedAt",
                table: "AuthorityTakedowns",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuthorityTakedowns");

            migrationBuilder.DropColumn(
                name: "HeldByAuthority",
                table: "Products");
        }
    }
}
