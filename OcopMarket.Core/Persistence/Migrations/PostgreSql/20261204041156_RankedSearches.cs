using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RankedSearches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RankedSearches",
                columns: table => new
                {
                    Match = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchTextVersion = table.Column<long>(type: "bigint", nullable: false),
                    RankedAtTicks = table.Column<long>(type: "bigint", nullable: false),
                    Hits = table.Column<int>(type: "integer", nullable: false),
                    Ids = table.Column<byte[]>(type: "bytea", nullable: false),
                    Ranks = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankedSearches", x => x.Match);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RankedSearches");
        }
    }
}
