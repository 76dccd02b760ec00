using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OpenByOwnerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_OwnerId",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_OwnerId",
                table: "Complaints",
                columns: new[] { "Status", "OwnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_OwnerId",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OwnerId",
                table: "Complaints",
                column: "OwnerId");
        }
    }
}
