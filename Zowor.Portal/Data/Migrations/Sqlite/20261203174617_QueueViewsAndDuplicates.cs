using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueViewsAndDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DuplicateOfId",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuplicateOfReference",
                table: "Complaints",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SavedQueueViews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PagePath = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedQueueViews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_DuplicateOfId",
                table: "Complaints",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedQueueViews_UserId_PagePath_Name",
                table: "SavedQueueViews",
                columns: new[] { "UserId", "PagePath", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedQueueViews");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_DuplicateOfId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "DuplicateOfId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "DuplicateOfReference",
                table: "Complaints");
        }
    }
}
