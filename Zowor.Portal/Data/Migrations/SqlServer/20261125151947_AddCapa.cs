using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddCapa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RecurrenceThreshold",
                table: "PortalSettings",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "RecurrenceWindowDays",
                table: "PortalSettings",
                type: "int",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.CreateTable(
                name: "Capas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    NumberYear = table.Column<int>(type: "int", nullable: false),
                    NumberSequence = table.Column<int>(type: "int", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ProblemStatement = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Severity = table.Column<int>(type: "int", nullable: false),
                    Likelihood = table.Column<int>(type: "int", nullable: false),
                    RecurrenceProduct = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RecurrenceCategory = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RecurrenceRootCause = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Whys = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    EffectivenessCriterion = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    EffectivenessWindowDays = table.Column<int>(type: "int", nullable: false),
                    ImplementedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DecisionEffective = table.Column<bool>(type: "bit", nullable: true),
                    DecisionNote = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    DecisionBefore = table.Column<int>(type: "int", nullable: true),
                    DecisionAfter = table.Column<int>(type: "int", nullable: true),
                    DecisionAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DecisionById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    DecisionByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OpenedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Capas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecurringIssueAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    Product = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CategoryCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RootCause = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    WindowStart = table.Column<DateTime>(type: "datetime2", nullable: false),
                    WindowEnd = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ComplaintCount = table.Column<int>(type: "int", nullable: false),
                    ComplaintIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    References = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CapaId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DismissedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DismissedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurringIssueAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CapaActions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "int", nullable: false),
                    CapaId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    OwnerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FinishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OverdueFlaggedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapaActions", x => new { x.CapaId, x.Number });
                    table.ForeignKey(
                        name: "FK_CapaActions_Capas_CapaId",
                        column: x => x.CapaId,
                        principalTable: "Capas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapaComplaints",
                columns: table => new
                {
                    ComplaintId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CapaId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapaComplaints", x => new { x.CapaId, x.ComplaintId });
                    table.ForeignKey(
                        name: "FK_CapaComplaints_Capas_CapaId",
                        column: x => x.CapaId,
                        principalTable: "Capas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapaFishboneNotes",
                columns: table => new
                {
                    Category = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    CapaId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Notes = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapaFishboneNotes", x => new { x.CapaId, x.Category });
                    table.ForeignKey(
                        name: "FK_CapaFishboneNotes_Capas_CapaId",
                        column: x => x.CapaId,
                        principalTable: "Capas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapaHistory",
                columns: table => new
                {
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    CapaId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    What = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Details = table.Column<string>(type: "nvarchar(max)", maxLength: 4200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapaHistory", x => new { x.CapaId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_CapaHistory_Capas_CapaId",
                        column: x => x.CapaId,
                        principalTable: "Capas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapaActions_Status_DueOn",
                table: "CapaActions",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CapaComplaints_ComplaintId",
                table: "CapaComplaints",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_Capas_Number",
                table: "Capas",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Capas_NumberYear_NumberSequence",
                table: "Capas",
                columns: new[] { "NumberYear", "NumberSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Capas_Status",
                table: "Capas",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RecurringIssueAlerts_CapaId",
                table: "RecurringIssueAlerts",
                column: "CapaId");

            migrationBuilder.CreateIndex(
                name: "IX_RecurringIssueAlerts_Key_RaisedOn",
                table: "RecurringIssueAlerts",
                columns: new[] { "Key", "RaisedOn" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CapaActions");

            migrationBuilder.DropTable(
                name: "CapaComplaints");

            migrationBuilder.DropTable(
                name: "CapaFishboneNotes");

            migrationBuilder.DropTable(
                name: "CapaHistory");

            migrationBuilder.DropTable(
                name: "RecurringIssueAlerts");

            migrationBuilder.DropTable(
                name: "Capas");

            migrationBuilder.DropColumn(
                name: "RecurrenceThreshold",
                table: "PortalSettings");

            migrationBuilder.DropColumn(
                name: "RecurrenceWindowDays",
                table: "PortalSettings");
        }
    }
}
