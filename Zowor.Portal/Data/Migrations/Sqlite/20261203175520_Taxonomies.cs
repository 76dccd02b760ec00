using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Features.Search;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Taxonomies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameRu = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                });

            // The column and its foreign key in place: EF's AddForeignKey rebuilds "Complaints" (after every other operation
            // of the migration), which drops the table's search triggers and fails on the message triggers that name it.
            migrationBuilder.Sql("""
                ALTER TABLE "Complaints" ADD COLUMN "ProductId" INTEGER NULL
                    CONSTRAINT "FK_Complaints_Products_ProductId" REFERENCES "Products" ("Id") ON DELETE RESTRICT;
                """);

            migrationBuilder.CreateTable(
                name: "RootCauseCategories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameRu = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RootCauseCategories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ProductAliases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProductAliases_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ProductId_ReceivedAt",
                table: "Complaints",
                columns: new[] { "ProductId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductAliases_Alias",
                table: "ProductAliases",
                column: "Alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductAliases_ProductId",
                table: "ProductAliases",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_NameEn",
                table: "Products",
                column: "NameEn",
                unique: true);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Dropping the foreign key rebuilds "Complaints" after every other operation here, which fails on the search
            // triggers that name the table: they are dropped first and cannot come back in this migration (they would be
            // created before the rebuild). Rolled back to here, the search index has no triggers: roll back AddComplaintSearch too.
            foreach (var trigger in SqliteSearchIndexSql.DropTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.DropForeignKey(
                name: "FK_Complaints_Products_ProductId",
                table: "Complaints");

            migrationBuilder.DropTable(
                name: "ProductAliases");

            migrationBuilder.DropTable(
                name: "RootCauseCategories");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ProductId_ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ProductId",
                table: "Complaints");
        }
    }
}
