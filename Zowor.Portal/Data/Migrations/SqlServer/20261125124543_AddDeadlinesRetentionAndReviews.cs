using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AcknowledgementWarnedAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CustomerUpdateDueSince",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EndedAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PortalSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    AcknowledgementWarningHours = table.Column<int>(type: "int", nullable: false),
                    CustomerUpdateDays = table.Column<int>(type: "int", nullable: false),
                    Level1ResolutionDays = table.Column<int>(type: "int", nullable: false),
                    Level2ResolutionDays = table.Column<int>(type: "int", nullable: false),
                    RetentionMonths = table.Column<int>(type: "int", nullable: false),
                    TimeZone = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewPacks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FiguresJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Findings = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true)
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
