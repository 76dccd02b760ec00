using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddComplaintsMailbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NotDeliveredAt",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotDeliveredReason",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CustomerWroteAfterEndAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundMail",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mailbox = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UidValidity = table.Column<long>(type: "INTEGER", nullable: false),
                    Uid = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    MailboxUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RawPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMail", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboundMail_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MailboxLeases",
                columns: table => new
                {
                    Mailbox = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxLeases", x => x.Mailbox);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMail_ComplaintId",
                table: "InboundMail",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMail_Mailbox_UidValidity_Uid",
                table: "InboundMail",
                columns: new[] { "Mailbox", "UidValidity", "Uid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMail_MessageId",
                table: "InboundMail",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMail_Outcome_ResolvedAt",
                table: "InboundMail",
                columns: new[] { "Outcome", "ResolvedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundMail");

            migrationBuilder.DropTable(
                name: "MailboxLeases");

            migrationBuilder.DropColumn(
                name: "NotDeliveredAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "NotDeliveredReason",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "CustomerWroteAfterEndAt",
                table: "Complaints");
        }
    }
}
