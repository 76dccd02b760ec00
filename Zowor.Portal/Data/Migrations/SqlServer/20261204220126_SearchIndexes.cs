using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zowor.Portal.Data.Migrations.SqlServer
{
    /// <summary>
    /// Hand-written, no model change (issue 16 squash; formerly the migration AddComplaintSearchFullText), in its own
    /// migration so that regenerating <see cref="InitialCreate"/> never loses it.
    /// Global search (Features/Search) on SQL Server: full-text indexes over the complaint's words (the customer's name,
    /// product, subject, description; references, orders, e-mails and phones are matched as substrings with LIKE) and the
    /// customer's messages, in a catalog that ignores accents (case is never significant in full-text). Neutral language (0):
    /// the text is English and Russian, often mixed; no stoplist, so every word is found.
    /// Full-text DDL cannot run inside a user transaction, so this is one operation with suppressTransaction, alone in its
    /// migration (EF warns when a non-transactional operation shares a migration with others: a failure half-way could not
    /// be rolled back, and the tables would exist without their migration recorded). SQL Server populates the indexes itself
    /// on every change (CHANGE_TRACKING AUTO), shortly after the commit rather than inside it; an erased row's words leave
    /// the index the same way. Needs the Full-Text Search feature on the server.
    /// Not carried over from the pre-release migrations: the back-fills of AddTrendsAndDecisions, WorkflowTruth and
    /// EstimateRevisions, which only rewrote rows that existed when they ran (a fresh database has none).
    /// </summary>
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                IF NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'ComplaintSearch')
                    CREATE FULLTEXT CATALOG [ComplaintSearch] WITH ACCENT_SENSITIVITY = OFF;
                IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'[Complaints]'))
                    CREATE FULLTEXT INDEX ON [Complaints] ([CustomerName] LANGUAGE 0, [Product] LANGUAGE 0, [Subject] LANGUAGE 0, [Description] LANGUAGE 0)
                        KEY INDEX [PK_Complaints] ON [ComplaintSearch] WITH (CHANGE_TRACKING = AUTO, STOPLIST = OFF);
                IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'[ComplaintCommunications]'))
                    CREATE FULLTEXT INDEX ON [ComplaintCommunications] ([Summary] LANGUAGE 0)
                        KEY INDEX [PK_ComplaintCommunications] ON [ComplaintSearch] WITH (CHANGE_TRACKING = AUTO, STOPLIST = OFF);
                """, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'[ComplaintCommunications]'))
                    DROP FULLTEXT INDEX ON [ComplaintCommunications];
                IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'[Complaints]'))
                    DROP FULLTEXT INDEX ON [Complaints];
                IF EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'ComplaintSearch')
                    DROP FULLTEXT CATALOG [ComplaintSearch];
                """, suppressTransaction: true);
        }
    }
}
