using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddComplaintSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CategoryCode_Product_ReceivedAt",
                table: "Complaints",
                columns: new[] { "CategoryCode", "Product", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerPhone",
                table: "Complaints",
                column: "CustomerPhone");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OrderNumber",
                table: "Complaints",
                column: "OrderNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_CategoryCode_Product_ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CustomerPhone",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OrderNumber",
                table: "Complaints");
        }
    }
}
