using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Features.Search;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <summary>
    /// Hand-written, no model change (issue 16 squash): global search's SQL that EF cannot express, in its own migration so
    /// that regenerating <see cref="InitialCreate"/> never loses it. The two FTS5 tables with FTS5's secure-delete and their
    /// triggers on <c>Complaints</c> and <c>ComplaintCommunications</c>, in their latest text
    /// (<see cref="SqliteSearchIndexSql"/>; formerly the migrations AddComplaintSearch and SearchIdentityIndex).
    /// Not carried over from the pre-release migrations: AddComplaintSearch's and SearchIdentityIndex's one-pass fills and
    /// the back-fills of AddTrendsAndDecisions, WorkflowTruth and EstimateRevisions, which only rewrote rows that existed when
    /// they ran (a fresh database has none); Taxonomies' hand-written <c>ALTER TABLE … ADD COLUMN "ProductId"</c>, which
    /// avoided a rebuild of <c>Complaints</c> that the generated <c>CreateTable</c> does not need.
    /// </summary>
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteSearchIndexSql.CreateTable);
            migrationBuilder.Sql(SqliteSearchIndexSql.SecureDelete);
            foreach (var trigger in SqliteSearchIndexSql.CreateTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.CreateIdentityTable);
            migrationBuilder.Sql(SqliteSearchIndexSql.IdentitySecureDelete);
            foreach (var trigger in SqliteSearchIndexSql.CreateIdentityTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in SqliteSearchIndexSql.DropIdentityTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.DropIdentityTable);
            foreach (var trigger in SqliteSearchIndexSql.DropTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.DropTable);
        }
    }
}
