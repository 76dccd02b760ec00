using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScanAndTrendIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_AcknowledgementBreachedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedAt_AcknowledgementHours",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ReceivedAt_ResolutionHours",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_EscalationLevel_AcknowledgementDueAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_LastCustomerUpdateAt",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_CustomerUpdateDueSince_LastCustomerUpdateAt_ReceivedAt",
                table: "Complaints",
                columns: new[] { "Status", "CustomerUpdateDueSince", "LastCustomerUpdateAt", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_EscalationLevel_AcknowledgementDueAt_Severity_ReceivedAt",
                table: "Complaints",
                columns: new[] { "Status", "EscalationLevel", "AcknowledgementDueAt", "Severity", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Trends",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "ReceivedMonth", "CategoryCode", "Channel", "Product", "EscalationLevel", "AcknowledgementHours", "ResolutionHours" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_CustomerUpdateDueSince_LastCustomerUpdateAt_ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_EscalationLevel_AcknowledgementDueAt_Severity_ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Trends",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_AcknowledgementBreachedAt",
                table: "Complaints",
                column: "AcknowledgementBreachedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt",
                table: "Complaints",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt_AcknowledgementHours",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "AcknowledgementHours" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt_ResolutionHours",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "ResolutionHours" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_EscalationLevel_AcknowledgementDueAt",
                table: "Complaints",
                columns: new[] { "Status", "EscalationLevel", "AcknowledgementDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_LastCustomerUpdateAt",
                table: "Complaints",
                columns: new[] { "Status", "LastCustomerUpdateAt" });
        }
    }
}
