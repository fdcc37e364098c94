using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OpenDataAndEngagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Products",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Until now nothing recorded changes: a listing was last changed, as far as anyone knows, when it was made.
            migrationBuilder.Sql("UPDATE \"Products\" SET \"UpdatedAt\" = \"CreatedAt\";");

            migrationBuilder.CreateTable(
                name: "LotEngagementDays",
                columns: table => new
                {
                    LotId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Scans = table.Column<long>(type: "bigint", nullable: false),
                    BuyClicks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LotEngagementDays", x => new { x.LotId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Products_Updated",
                table: "Products",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ProducerId_PlacedAt",
                table: "Orders",
                columns: new[] { "ProducerId", "PlacedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LotEngagementDays");

            migrationBuilder.DropIndex(
                name: "IX_Products_Updated",
                table: "Products");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ProducerId_PlacedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Products");
        }
    }
}
