using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Features.Search;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
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

            // Global search (Features/Search): the FTS5 index, its triggers and its first fill, from the one place that holds
            // their SQL (the benchmark generator fills generated datasets with the same text).
            migrationBuilder.Sql(SqliteSearchIndexSql.CreateTable);
            migrationBuilder.Sql(SqliteSearchIndexSql.SecureDelete);
            foreach (var trigger in SqliteSearchIndexSql.CreateTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.Fill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in SqliteSearchIndexSql.DropTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.DropTable);
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
