using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <summary>
    /// The SQL Server twin of SQLite's DeferredSearchIndexing (issue 21), empty on purpose: SQL Server fills its full-text
    /// indexes itself after each commit (CHANGE_TRACKING AUTO, migration SearchIndexes), so there is no queue to add.
    /// </summary>
    public partial class DeferredSearchIndexing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
