namespace Zowor.Portal.Features.Search;

/// <summary>
/// The SQLite search index's SQL in one place: the FTS5 table, the triggers that keep it in step with every write, the
/// queue of new complaints waiting to be indexed (<see cref="SearchIndexer"/>), and the statement that fills it from the
/// complaints in one pass. The migrations SearchIndexes and DeferredSearchIndexing create the index with it, and the
/// benchmark generator drops the triggers for a bulk load and then fills the index and re-creates them with the same text,
/// so a generated dataset's index is what the triggers and the indexer would have written.
/// </summary>
/// <remarks>
/// Global search (Features/Search): an FTS5 index with the trigram tokenizer (SQLite 3.34+; remove_diacritics on trigram
/// 3.45+; the bundled e_sqlite3 is 3.53), so any substring of 3+ characters matches, in any case, with accents folded, Latin
/// and Cyrillic alike. The row id is the reference's year * 1,000,000 + sequence (unique, and unlike the complaints'
/// implicit rowid never renumbered by VACUUM). Triggers keep it in the same transaction as every change, whichever path
/// writes (the services, retention and erasure, bulk SQL), except a new complaint's first entry: its insert trigger only
/// queues the complaint's key, and <see cref="SearchIndexer"/> indexes the queue in groups (issue 21: each registration's
/// own FTS5 insert, flushed and merged at its commit, was half the intake's CPU). A search indexes the queue before it
/// reads. 'secure-delete' makes FTS5 remove an updated or deleted row's terms from the index itself rather than mark them
/// deleted, so erased names (P-51, P-91) leave the index, not just the results. The indexed text is folded as
/// ComplaintSearchText folds the query: ё to е, the phone as digits with a leading 8 of an 11-digit number read as the
/// country code 7. Changing any of this text changes what a fresh database gets from the migration: do it in a new
/// migration that re-creates the triggers and refills the index.
/// </remarks>
public static class SqliteSearchIndexSql
{
    /// <summary>The FTS5 table.</summary>
    public const string CreateTable = """
        CREATE VIRTUAL TABLE "ComplaintSearch" USING fts5("Reference", "Contact", "OrderNumber", "Text", "Messages", tokenize = 'trigram remove_diacritics 1');
        """;

    /// <summary>Turns on FTS5's secure-delete for the table.</summary>
    public const string SecureDelete = """
        INSERT INTO "ComplaintSearch"("ComplaintSearch", rank) VALUES ('secure-delete', 1);
        """;

    public const string DropTable = "DROP TABLE IF EXISTS \"ComplaintSearch\";";

    /// <summary>The names of the triggers that keep the index up to date.</summary>
    public static readonly IReadOnlyList<string> TriggerNames =
    [
        "ComplaintSearch_ComplaintInserted", "ComplaintSearch_ComplaintUpdated", "ComplaintSearch_ComplaintDeleted",
        "ComplaintSearch_MessageInserted", "ComplaintSearch_MessageUpdated", "ComplaintSearch_MessageDeleted",
    ];

    /// <summary>One CREATE TRIGGER statement per entry of <see cref="TriggerNames"/>, in that order.</summary>
    public static readonly IReadOnlyList<string> CreateTriggers = BuildTriggers();

    /// <summary>One DROP TRIGGER IF EXISTS statement per trigger.</summary>
    public static readonly IReadOnlyList<string> DropTriggers = [.. TriggerNames.Select(name => $"DROP TRIGGER IF EXISTS \"{name}\";")];

    /// <summary>Indexes every complaint, with its inbound messages, in one pass (the index must hold none of them yet).</summary>
    public static readonly string Fill = $"""
        INSERT INTO "ComplaintSearch"(rowid, "Reference", "Contact", "OrderNumber", "Text", "Messages")
        SELECT {Key("c")}, c."Reference", {Contact("c")}, c."OrderNumber", {Text("c")}, {Messages("c.\"Id\"")}
        FROM "Complaints" AS c;
        """;

    /// <summary>
    /// The identity index (migration SearchIndexes): the reference, customer (name, e-mail, canonical phone) and order
    /// number of each complaint, the same text as those columns of <c>ComplaintSearch</c>, in an FTS5 table of their own.
    /// The first tier of a search (reference and contact matches) reads it instead of a column filter on the big index, which
    /// walks every row a common description word is in to find the few whose identity columns hold it.
    /// </summary>
    public const string CreateIdentityTable = """
        CREATE VIRTUAL TABLE "ComplaintSearchIdentity" USING fts5("Reference", "Contact", "OrderNumber", tokenize = 'trigram remove_diacritics 1');
        """;

    /// <summary>Turns on FTS5's secure-delete for the identity index (erased names leave it, as they leave the big one).</summary>
    public const string IdentitySecureDelete = """
        INSERT INTO "ComplaintSearchIdentity"("ComplaintSearchIdentity", rank) VALUES ('secure-delete', 1);
        """;

    public const string DropIdentityTable = "DROP TABLE IF EXISTS \"ComplaintSearchIdentity\";";

    /// <summary>The names of the triggers that keep the identity index up to date.</summary>
    public static readonly IReadOnlyList<string> IdentityTriggerNames =
    [
        "ComplaintSearchIdentity_ComplaintInserted", "ComplaintSearchIdentity_ComplaintUpdated", "ComplaintSearchIdentity_ComplaintDeleted",
    ];

    /// <summary>One CREATE TRIGGER statement per entry of <see cref="IdentityTriggerNames"/>, in that order.</summary>
    public static readonly IReadOnlyList<string> CreateIdentityTriggers =
    [
        // Migration SearchIndexes' version; DeferredSearchIndexing drops it (QueueTrigger queues for both indexes).
        $"""
        CREATE TRIGGER "ComplaintSearchIdentity_ComplaintInserted" AFTER INSERT ON "Complaints" BEGIN
            INSERT INTO "ComplaintSearchIdentity"(rowid, "Reference", "Contact", "OrderNumber")
            VALUES ({Key("new")}, new."Reference", {Contact("new")}, new."OrderNumber");
        END;
        """,
        $"""
        CREATE TRIGGER "ComplaintSearchIdentity_ComplaintUpdated"
        AFTER UPDATE OF "CustomerName", "CustomerEmail", "CustomerPhone", "OrderNumber" ON "Complaints" BEGIN
            UPDATE "ComplaintSearchIdentity" SET "Contact" = {Contact("new")}, "OrderNumber" = new."OrderNumber"
            WHERE rowid = {Key("new")};
        END;
        """,
        $"""
        CREATE TRIGGER "ComplaintSearchIdentity_ComplaintDeleted" AFTER DELETE ON "Complaints" BEGIN
            DELETE FROM "ComplaintSearchIdentity" WHERE rowid = {Key("old")};
        END;
        """,
    ];

    /// <summary>One DROP TRIGGER IF EXISTS statement per identity trigger.</summary>
    public static readonly IReadOnlyList<string> DropIdentityTriggers = [.. IdentityTriggerNames.Select(name => $"DROP TRIGGER IF EXISTS \"{name}\";")];

    /// <summary>Indexes every complaint's identity columns in one pass (the identity index must hold none of them yet).</summary>
    public static readonly string FillIdentity = $"""
        INSERT INTO "ComplaintSearchIdentity"(rowid, "Reference", "Contact", "OrderNumber")
        SELECT {Key("c")}, c."Reference", {Contact("c")}, c."OrderNumber"
        FROM "Complaints" AS c;
        """;

    /// <summary>
    /// The queue of complaints not yet in either index (migration DeferredSearchIndexing): the row id each will have.
    /// </summary>
    public const string CreateQueueTable = """
        CREATE TABLE "ComplaintSearchPending" ("Key" INTEGER NOT NULL PRIMARY KEY);
        """;

    public const string DropQueueTable = "DROP TABLE IF EXISTS \"ComplaintSearchPending\";";

    /// <summary>
    /// The insert trigger since DeferredSearchIndexing: a new complaint's key goes into the queue (one small b-tree insert),
    /// under the name of the trigger it replaces.
    /// </summary>
    public static readonly string QueueTrigger = $"""
        CREATE TRIGGER "ComplaintSearch_ComplaintInserted" AFTER INSERT ON "Complaints" BEGIN
            INSERT OR IGNORE INTO "ComplaintSearchPending"("Key") VALUES ({Key("new")});
        END;
        """;

    /// <summary>The insert triggers of migration SearchIndexes, which DeferredSearchIndexing drops (and its Down restores).</summary>
    public static readonly IReadOnlyList<string> RowByRowInsertTriggers = [CreateTriggers[0], CreateIdentityTriggers[0]];

    /// <summary>
    /// Drops the insert triggers by their names (<see cref="RowByRowInsertTriggers"/>'s, the first of which
    /// <see cref="QueueTrigger"/> keeps), whichever version a database has.
    /// </summary>
    public static readonly IReadOnlyList<string> DropInsertTriggers = [DropTriggers[0], DropIdentityTriggers[0]];

    /// <summary>The triggers a database has now: every trigger of SearchIndexes but the identity index's insert trigger.</summary>
    public static readonly IReadOnlyList<string> CurrentTriggerNames = [.. TriggerNames, .. IdentityTriggerNames.Skip(1)];

    /// <summary>One CREATE TRIGGER statement per entry of <see cref="CurrentTriggerNames"/>, in that order.</summary>
    public static readonly IReadOnlyList<string> CreateCurrentTriggers = [QueueTrigger, .. CreateTriggers.Skip(1), .. CreateIdentityTriggers.Skip(1)];

    /// <summary>
    /// Indexes the queued complaints in both indexes and empties the queue; run in one transaction, so the queue and the
    /// indexes never disagree. A queued complaint deleted since (retention) is simply not indexed; one already indexed (a
    /// fill that ran first) is not indexed twice. Each complaint is indexed as it is now: its messages, and an erasure that
    /// came before the indexer, are in what is indexed. In key order, the order FTS5 appends in.
    /// </summary>
    public static readonly IReadOnlyList<string> IndexQueue =
    [
        $"""
        INSERT INTO "ComplaintSearch"(rowid, "Reference", "Contact", "OrderNumber", "Text", "Messages")
        SELECT p."Key", c."Reference", {Contact("c")}, c."OrderNumber", {Text("c")}, {Messages("c.\"Id\"")}
        {QueuedComplaints("ComplaintSearch")};
        """,
        $"""
        INSERT INTO "ComplaintSearchIdentity"(rowid, "Reference", "Contact", "OrderNumber")
        SELECT p."Key", c."Reference", {Contact("c")}, c."OrderNumber"
        {QueuedComplaints("ComplaintSearchIdentity")};
        """,
        """
        DELETE FROM "ComplaintSearchPending";
        """,
    ];

    /// <summary>Whether any complaint waits to be indexed (a read: no write lock while the queue is empty).</summary>
    public const string AnyQueued = """SELECT EXISTS (SELECT 1 FROM "ComplaintSearchPending") AS "Value" """;

    private static string QueuedComplaints(string index) =>
        $"""
        FROM "ComplaintSearchPending" AS p
        JOIN "Complaints" AS c ON c."ReferenceYear" = p."Key" / 1000000 AND c."ReferenceSequence" = p."Key" % 1000000
        WHERE NOT EXISTS (SELECT 1 FROM "{index}" AS s WHERE s.rowid = p."Key")
        ORDER BY p."Key"
        """;

    private static List<string> BuildTriggers()
    {
        var triggers = new List<string>
        {
            // Migration SearchIndexes' version; DeferredSearchIndexing replaces it with QueueTrigger.
            $"""
            CREATE TRIGGER "ComplaintSearch_ComplaintInserted" AFTER INSERT ON "Complaints" BEGIN
                INSERT INTO "ComplaintSearch"(rowid, "Reference", "Contact", "OrderNumber", "Text", "Messages")
                VALUES ({Key("new")}, new."Reference", {Contact("new")}, new."OrderNumber", {Text("new")}, '');
            END;
            """,
            $"""
            CREATE TRIGGER "ComplaintSearch_ComplaintUpdated"
            AFTER UPDATE OF "CustomerName", "CustomerEmail", "CustomerPhone", "OrderNumber", "Product", "Subject", "Description" ON "Complaints" BEGIN
                UPDATE "ComplaintSearch" SET "Contact" = {Contact("new")}, "OrderNumber" = new."OrderNumber", "Text" = {Text("new")}
                WHERE rowid = {Key("new")};
            END;
            """,
            $"""
            CREATE TRIGGER "ComplaintSearch_ComplaintDeleted" AFTER DELETE ON "Complaints" BEGIN
                DELETE FROM "ComplaintSearch" WHERE rowid = {Key("old")};
            END;
            """,
        };

        // The customer's own words: inbound contacts (web status page, the complaints mailbox, logged calls), all of a
        // complaint's in one column, recomputed when one is added, changed (erasure blanks them) or removed.
        foreach (var (name, when, row) in new[]
        {
            ("ComplaintSearch_MessageInserted", "AFTER INSERT ON \"ComplaintCommunications\" WHEN new.\"Direction\" = 'Inbound'", "new"),
            ("ComplaintSearch_MessageUpdated", "AFTER UPDATE OF \"Summary\", \"Direction\" ON \"ComplaintCommunications\"", "new"),
            ("ComplaintSearch_MessageDeleted", "AFTER DELETE ON \"ComplaintCommunications\" WHEN old.\"Direction\" = 'Inbound'", "old"),
        })
        {
            triggers.Add($"""
                CREATE TRIGGER "{name}" {when} BEGIN
                    UPDATE "ComplaintSearch" SET "Messages" = {Messages(row + ".\"ComplaintId\"")}
                    WHERE rowid = (SELECT {Key("c")} FROM "Complaints" AS c WHERE c."Id" = {row}."ComplaintId");
                END;
                """);
        }

        return triggers;
    }

    private static string Key(string row) => $"{row}.\"ReferenceYear\" * 1000000 + {row}.\"ReferenceSequence\"";

    private static string Fold(string text) => $"replace(replace({text}, 'ё', 'е'), 'Ё', 'Е')";

    private static string Phone(string row) =>
        $"""
        CASE WHEN length(replace({row}."CustomerPhone", '+', '')) = 11 AND substr(replace({row}."CustomerPhone", '+', ''), 1, 1) = '8'
            THEN '7' || substr(replace({row}."CustomerPhone", '+', ''), 2)
            ELSE coalesce(replace({row}."CustomerPhone", '+', ''), '') END
        """;

    private static string Contact(string row) =>
        Fold($"{row}.\"CustomerName\" || ' ' || coalesce({row}.\"CustomerEmail\", '') || ' ' || {Phone(row)}");

    private static string Text(string row) =>
        Fold($"coalesce({row}.\"Product\", '') || ' ' || {row}.\"Subject\" || ' ' || {row}.\"Description\"");

    private static string Messages(string complaintId) =>
        $"""
        coalesce((SELECT group_concat({Fold("m.\"Summary\"")}, ' ') FROM "ComplaintCommunications" AS m
            WHERE m."ComplaintId" = {complaintId} AND m."Direction" = 'Inbound'), '')
        """;
}
