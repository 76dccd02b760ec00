using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CapaTeachingActionsAndClosureApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovalMeaning",
                table: "Capas",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosureApprovedAt",
                table: "Capas",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovedById",
                table: "Capas",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovedByName",
                table: "Capas",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovedRole",
                table: "Capas",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AddedOn",
                table: "CapaActions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "CapaActions",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Task"); // existing actions are tasks, finished by hand

            migrationBuilder.AddColumn<Guid>(
                name: "MemoId",
                table: "CapaActions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequiredRoles",
                table: "CapaActions",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeachingTitle",
                table: "CapaActions",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrainingCourseId",
                table: "CapaActions",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosureApprovalMeaning",
                table: "Capas");

            migrationBuilder.DropColumn(
                name: "ClosureApprovedAt",
                table: "Capas");

            migrationBuilder.DropColumn(
                name: "ClosureApprovedById",
                table: "Capas");

            migrationBuilder.DropColumn(
                name: "ClosureApprovedByName",
                table: "Capas");

            migrationBuilder.DropColumn(
                name: "ClosureApprovedRole",
                table: "Capas");

            migrationBuilder.DropColumn(
                name: "AddedOn",
                table: "CapaActions");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "CapaActions");

            migrationBuilder.DropColumn(
                name: "MemoId",
                table: "CapaActions");

            migrationBuilder.DropColumn(
                name: "RequiredRoles",
                table: "CapaActions");

            migrationBuilder.DropColumn(
                name: "TeachingTitle",
                table: "CapaActions");

            migrationBuilder.DropColumn(
                name: "TrainingCourseId",
                table: "CapaActions");
        }
    }
}
