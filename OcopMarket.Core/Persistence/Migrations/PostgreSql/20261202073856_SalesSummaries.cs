using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SalesSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuyerDeltas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Buyer = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerDeltas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BuyerSalesDays",
                columns: table => new
                {
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Buyer = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerSalesDays", x => new { x.ProducerId, x.Buyer, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "ProductSalesDays",
                columns: table => new
                {
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Units = table.Column<int>(type: "integer", nullable: false),
                    RevenueVnd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductSalesDays", x => new { x.ProducerId, x.Day, x.ProductId });
                });

            migrationBuilder.CreateTable(
                name: "ProductSalesDeltas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Units = table.Column<int>(type: "integer", nullable: false),
                    RevenueVnd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductSalesDeltas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SalesBuyers",
                columns: table => new
                {
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Buyer = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesBuyers", x => new { x.ProducerId, x.Buyer });
                });

            migrationBuilder.CreateTable(
                name: "SalesDays",
                columns: table => new
                {
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Payment = table.Column<int>(type: "integer", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    OrdersWithBuyer = table.Column<int>(type: "integer", nullable: false),
                    RevenueVnd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesDays", x => new { x.ProducerId, x.Day, x.Status, x.Payment });
                });

            migrationBuilder.CreateTable(
                name: "SalesDeltas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Payment = table.Column<int>(type: "integer", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    OrdersWithBuyer = table.Column<int>(type: "integer", nullable: false),
                    RevenueVnd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesDeltas", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDeltas_ProducerId_Buyer",
                table: "BuyerDeltas",
                columns: new[] { "ProducerId", "Buyer" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductSalesDeltas_ProducerId_Day",
                table: "ProductSalesDeltas",
                columns: new[] { "ProducerId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesBuyers_ProducerId_Orders",
                table: "SalesBuyers",
                columns: new[] { "ProducerId", "Orders" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesDeltas_ProducerId_Day",
                table: "SalesDeltas",
                columns: new[] { "ProducerId", "Day" });

            // The orders already there, summed once (the same SQL the backfill test runs); from here on every order
            // change adds its deltas in its own SaveChanges.
            migrationBuilder.Sql(OcopMarket.Core.Sales.SalesSummaryBackfill.Sql(DatabaseProvider.PostgreSql));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuyerDeltas");

            migrationBuilder.DropTable(
                name: "BuyerSalesDays");

            migrationBuilder.DropTable(
                name: "ProductSalesDays");

            migrationBuilder.DropTable(
                name: "ProductSalesDeltas");

            migrationBuilder.DropTable(
                name: "SalesBuyers");

            migrationBuilder.DropTable(
                name: "SalesDays");

            migrationBuilder.DropTable(
                name: "SalesDeltas");
        }
    }
}
