using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RestoreSearchTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index's triggers, dropped by Taxonomies around its rebuild of "Complaints" (EF runs a rebuild
            // at the end of its migration, after any SQL, so they can only come back in a migration of their own).
            AddComplaintSearch.CreateTriggers(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AddComplaintSearch.DropTriggers(migrationBuilder);
        }
    }
}
