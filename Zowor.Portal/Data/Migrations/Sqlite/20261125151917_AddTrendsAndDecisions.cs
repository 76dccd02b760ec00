using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTrendsAndDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AcknowledgementHours",
                table: "Complaints",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReceivedMonth",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ResolutionAmountMinor",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ResolutionHours",
                table: "Complaints",
                type: "REAL",
                nullable: true);

            // Backfill the trend keys of existing complaints (new ones get them from the domain). The month of receipt is
            // taken in UTC here, as the migration does not know the business time zone: only complaints received in the
            // first hours of a month (local time) may land in the month before. Refund amounts become whole cents.
            migrationBuilder.Sql("""
                UPDATE "Complaints" SET "ReceivedMonth" = CAST(strftime('%Y%m', "ReceivedAt") AS INTEGER);
                UPDATE "Complaints" SET "AcknowledgementHours" = (julianday("AcknowledgedAt") - julianday("ReceivedAt")) * 24.0
                    WHERE "AcknowledgedAt" IS NOT NULL;
                UPDATE "Complaints" SET "ResolutionHours" = (julianday("ResolvedAt") - julianday("ReceivedAt")) * 24.0
                    WHERE "ResolvedAt" IS NOT NULL;
                UPDATE "Complaints" SET "ResolutionAmountMinor" = CAST(ROUND(CAST("ResolutionAmount" AS REAL) * 100) AS INTEGER)
                    WHERE "ResolutionAmount" IS NOT NULL;
                """);

            migrationBuilder.CreateTable(
                name: "ReviewFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewPackId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AddedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewFindings_ReviewPacks_ReviewPackId",
                        column: x => x.ReviewPackId,
                        principalTable: "ReviewPacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt_AcknowledgementHours",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "AcknowledgementHours" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt_ResolutionHours",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "ResolutionHours" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedMonth_CategoryCode_Channel",
                table: "Complaints",
                columns: new[] { "ReceivedMonth", "CategoryCode", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewFindings_ReviewPackId_AddedAt",
                table: "ReviewFindings",
                columns: new[] { "ReviewPackId", "AddedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewFindings");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedAt_AcknowledgementHours",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedAt_ResolutionHours",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedMonth_CategoryCode_Channel",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "AcknowledgementHours",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ReceivedMonth",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolutionAmountMinor",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolutionHours",
                table: "Complaints");
        }
    }
}
