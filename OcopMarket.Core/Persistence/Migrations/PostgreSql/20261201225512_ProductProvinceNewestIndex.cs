using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ProductProvinceNewestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_ProvinceCode",
                table: "Products");

            migrationBuilder.CreateIndex(
                name: "IX_Products_Province_Newest",
                table: "Products",
                columns: new[] { "ProvinceCode", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_Province_Newest",
                table: "Products");

            migrationBuilder.CreateIndex(
                name: "IX_Products_ProvinceCode",
                table: "Products",
                column: "ProvinceCode");
        }
    }
}
