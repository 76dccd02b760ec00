using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkflowTruth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OfferAnswerDays",
                table: "PortalSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReopenedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolutionNoAnswerRecordedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "ComplaintHistory",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Complaints reopened before ReopenedAt existed: their clocks restart from their last reopening too.
            migrationBuilder.Sql(
                "UPDATE Complaints SET ReopenedAt = (SELECT MAX(h.At) FROM ComplaintHistory h WHERE h.ComplaintId = Complaints.Id " +
                "AND h.Kind = 'StatusChanged' AND h.After = 'Reopened') " +
                "WHERE EXISTS (SELECT 1 FROM ComplaintHistory h WHERE h.ComplaintId = Complaints.Id AND h.Kind = 'StatusChanged' AND h.After = 'Reopened')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OfferAnswerDays",
                table: "PortalSettings");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolutionNoAnswerRecordedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ComplaintHistory");
        }
    }
}
