using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Features.Search;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <summary>
    /// Global search (issue 17): the reference, customer and order of every complaint in an FTS5 index of their own
    /// (<see cref="SqliteSearchIndexSql.CreateIdentityTable"/>), kept by its own triggers and filled once here. No EF model
    /// change: the Complaints and ComplaintCommunications tables are not touched (a rebuild would break the search triggers).
    /// </summary>
    public partial class SearchIdentityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteSearchIndexSql.CreateIdentityTable);
            migrationBuilder.Sql(SqliteSearchIndexSql.IdentitySecureDelete);
            foreach (var trigger in SqliteSearchIndexSql.CreateIdentityTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.FillIdentity);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in SqliteSearchIndexSql.DropIdentityTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.DropIdentityTable);
        }
    }
}
