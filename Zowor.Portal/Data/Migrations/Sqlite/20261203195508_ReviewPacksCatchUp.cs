using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewPacksCatchUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DoneByName",
                table: "ReviewFindings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DoneOn",
                table: "ReviewFindings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewSignOffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewPackId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SignedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewSignOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewSignOffs_ReviewPacks_ReviewPackId",
                        column: x => x.ReviewPackId,
                        principalTable: "ReviewPacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewSignOffs_ReviewPackId_Role",
                table: "ReviewSignOffs",
                columns: new[] { "ReviewPackId", "Role" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewSignOffs");

            migrationBuilder.DropColumn(
                name: "DoneByName",
                table: "ReviewFindings");

            migrationBuilder.DropColumn(
                name: "DoneOn",
                table: "ReviewFindings");
        }
    }
}
