using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosureApprovedAt",
                table: "Capas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovedById",
                table: "Capas",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovedByName",
                table: "Capas",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureApprovedRole",
                table: "Capas",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AddedOn",
                table: "CapaActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "CapaActions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Task"); // existing actions are tasks, finished by hand

            migrationBuilder.AddColumn<Guid>(
                name: "MemoId",
                table: "CapaActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequiredRoles",
                table: "CapaActions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeachingTitle",
                table: "CapaActions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrainingCourseId",
                table: "CapaActions",
                type: "INTEGER",
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
