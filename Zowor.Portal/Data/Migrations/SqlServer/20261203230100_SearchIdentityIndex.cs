using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <summary>
    /// Global search (issue 17): SQLite's migration of the same name adds an FTS5 index of the identity columns. SQL Server
    /// needs nothing new (its search reads the reference, order, e-mail and phone columns and the full-text catalog of
    /// AddComplaintSearch), so this one is empty: both providers keep the same list of migrations.
    /// </summary>
    public partial class SearchIdentityIndex : Migration
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
