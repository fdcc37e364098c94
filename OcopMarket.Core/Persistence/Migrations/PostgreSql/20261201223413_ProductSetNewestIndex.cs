using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ProductSetNewestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_ProductSetCode",
                table: "Products");

            migrationBuilder.CreateIndex(
                name: "IX_Products_Set_Newest",
                table: "Products",
                columns: new[] { "ProductSetCode", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_Set_Newest",
                table: "Products");

            migrationBuilder.CreateIndex(
                name: "IX_Products_ProductSetCode",
                table: "Products",
                column: "ProductSetCode");
        }
    }
}
