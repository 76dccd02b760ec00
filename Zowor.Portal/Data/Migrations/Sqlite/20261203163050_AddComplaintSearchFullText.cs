using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <summary>
    /// The SQL Server twin creates its full-text catalog and indexes here, alone in their migration because full-text DDL
    /// cannot run in a transaction. SQLite's search index (FTS5) is created, with its triggers, in AddComplaintSearch, inside
    /// that migration's transaction, so there is nothing to do here; the migration exists so both providers keep the same list.
    /// </summary>
    public partial class AddComplaintSearchFullText : Migration
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
