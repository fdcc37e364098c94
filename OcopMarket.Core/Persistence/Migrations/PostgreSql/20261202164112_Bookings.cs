using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Bookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "BookingDate",
                table: "SavedCartItems",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BookingNights",
                table: "SavedCartItems",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BookingPeople",
                table: "SavedCartItems",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BookingSlot",
                table: "SavedCartItems",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BookingDate",
                table: "OrderLine",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BookingNights",
                table: "OrderLine",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BookingPeople",
                table: "OrderLine",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BookingSlot",
                table: "OrderLine",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BookableOffers",
                columns: table => new
                {
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Pricing = table.Column<int>(type: "integer", nullable: false),
                    PlacesPerSlot = table.Column<int>(type: "integer", nullable: false),
                    OpenDays = table.Column<int>(type: "integer", nullable: false),
                    Seasons = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Slots = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LeadDays = table.Column<int>(type: "integer", nullable: false),
                    FreeCancellationDays = table.Column<int>(type: "integer", nullable: false),
                    MaxPeople = table.Column<int>(type: "integer", nullable: false),
                    MaxNights = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookableOffers", x => x.ProductId);
                    table.ForeignKey(
                        name: "FK_BookableOffers_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Bookings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<int>(type: "integer", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ProducerId = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    ProductName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Pricing = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Nights = table.Column<int>(type: "integer", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Places = table.Column<int>(type: "integer", nullable: false),
                    GuestName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GuestPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BookedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bookings_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Bookings_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BookingClosedDates",
                columns: table => new
                {
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingClosedDates", x => new { x.ProductId, x.Date });
                    table.ForeignKey(
                        name: "FK_BookingClosedDates_BookableOffers_ProductId",
                        column: x => x.ProductId,
                        principalTable: "BookableOffers",
                        principalColumn: "ProductId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BookingDays",
                columns: table => new
                {
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Slot = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingDays", x => new { x.ProductId, x.Date, x.Slot });
                    table.ForeignKey(
                        name: "FK_BookingDays_BookableOffers_ProductId",
                        column: x => x.ProductId,
                        principalTable: "BookableOffers",
                        principalColumn: "ProductId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_OrderId",
                table: "Bookings",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ProducerId_StartDate",
                table: "Bookings",
                columns: new[] { "ProducerId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ProductId",
                table: "Bookings",
                column: "ProductId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingClosedDates");

            migrationBuilder.DropTable(
                name: "BookingDays");

            migrationBuilder.DropTable(
                name: "Bookings");

            migrationBuilder.DropTable(
                name: "BookableOffers");

            migrationBuilder.DropColumn(
                name: "BookingDate",
                table: "SavedCartItems");

            migrationBuilder.DropColumn(
                name: "BookingNights",
                table: "SavedCartItems");

            migrationBuilder.DropColumn(
                name: "BookingPeople",
                table: "SavedCartItems");

            migrationBuilder.DropColumn(
                name: "BookingSlot",
                table: "SavedCartItems");

            migrationBuilder.DropColumn(
                name: "BookingDate",
                table: "OrderLine");

            migrationBuilder.DropColumn(
                name: "BookingNights",
                table: "OrderLine");

            migrationBuilder.DropColumn(
                name: "BookingPeople",
                table: "OrderLine");

            migrationBuilder.DropColumn(
                name: "BookingSlot",
                table: "OrderLine");
        }
    }
}
