using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EstimateRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstEstimatedResolutionDate",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            // Before this migration an estimate could not be revised, so every current estimate is the first one.
            migrationBuilder.Sql("UPDATE Complaints SET FirstEstimatedResolutionDate = EstimatedResolutionDate WHERE EstimatedResolutionDate IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstEstimatedResolutionDate",
                table: "Complaints");
        }
    }
}
