using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Features.Search;

#nullable disable

namespace Zowor.Portal.Data.Migrations.Sqlite
{
    /// <summary>
    /// Issue 21: a new complaint is queued for the search indexes by its insert trigger and indexed by SearchIndexer a
    /// group at a time, instead of in its own transaction (<see cref="SqliteSearchIndexSql"/>). Every complaint already in
    /// the file is indexed, so the queue starts empty. Down indexes what is queued, then restores the row-by-row triggers.
    /// </summary>
    public partial class DeferredSearchIndexing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var drop in SqliteSearchIndexSql.DropInsertTriggers)
            {
                migrationBuilder.Sql(drop);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.CreateQueueTable);
            migrationBuilder.Sql(SqliteSearchIndexSql.QueueTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The queue's trigger (the identity index has no insert trigger here; its drop does nothing).
            foreach (var drop in SqliteSearchIndexSql.DropInsertTriggers)
            {
                migrationBuilder.Sql(drop);
            }

            foreach (var statement in SqliteSearchIndexSql.IndexQueue)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(SqliteSearchIndexSql.DropQueueTable);
            foreach (var trigger in SqliteSearchIndexSql.RowByRowInsertTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }
    }
}
