using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RepeatCustomerRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RepeatCustomerRollups",
                columns: table => new
                {
                    Category = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Product = table.Column<string>(type: "nvarchar(201)", maxLength: 201, nullable: false),
                    Prior = table.Column<int>(type: "int", nullable: false),
                    Span = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<int>(type: "int", nullable: false),
                    PriorDay = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepeatCustomerRollups", x => new { x.Category, x.Channel, x.Product, x.Prior, x.Span, x.Day, x.PriorDay });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepeatCustomerRollups_Span_Day",
                table: "RepeatCustomerRollups",
                columns: new[] { "Span", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RepeatCustomerRollups");
        }
    }
}
