using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotDeliveredReason",
                table: "OutboxMessages",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CustomerWroteAfterEndAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundMail",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Mailbox = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    FromAddress = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ComplaintId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    MailboxUpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RawPath = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
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
                    Mailbox = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
