using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDeadlinesRetentionAndReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AcknowledgementBreachedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AcknowledgementWarnedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CustomerUpdateDueSince",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EndedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PortalSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgementWarningHours = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerUpdateDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Level1ResolutionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Level2ResolutionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RetentionMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewPacks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiguresJson = table.Column<string>(type: "TEXT", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewPacks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_AcknowledgementBreachedAt",
                table: "Complaints",
                column: "AcknowledgementBreachedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_EndedAt",
                table: "Complaints",
                column: "EndedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_EscalationLevel_Status_EscalatedAt",
                table: "Complaints",
                columns: new[] { "EscalationLevel", "Status", "EscalatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ResolvedAt",
                table: "Complaints",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_AcknowledgementDueAt",
                table: "Complaints",
                columns: new[] { "Status", "AcknowledgementDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_LastCustomerUpdateAt",
                table: "Complaints",
                columns: new[] { "Status", "LastCustomerUpdateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewPacks_Kind_PeriodStart",
                table: "ReviewPacks",
                columns: new[] { "Kind", "PeriodStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PortalSettings");

            migrationBuilder.DropTable(
                name: "ReviewPacks");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_AcknowledgementBreachedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_EndedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_EscalationLevel_Status_EscalatedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ResolvedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_AcknowledgementDueAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_LastCustomerUpdateAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "AcknowledgementBreachedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "AcknowledgementWarnedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CustomerUpdateDueSince",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Complaints");
        }
    }
}
