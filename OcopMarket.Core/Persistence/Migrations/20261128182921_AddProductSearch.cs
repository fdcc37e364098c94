using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OcopMarket.Core.Persistence.Migrations
{
    /// <summary>
    /// SQLite FTS5 index over the folded search columns of Products. External content: the index stores
    /// only tokens and reads the text from Products; triggers keep it in step with every insert, update
    /// and delete, whoever writes the row.
    /// </summary>
    public partial class AddProductSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ProductSearch USING fts5(
                    SearchName, SearchProducer, SearchPlace, SearchCategory,
                    content='Products', content_rowid='Id', tokenize='unicode61');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Products_SearchInsert AFTER INSERT ON Products BEGIN
                    INSERT INTO ProductSearch(rowid, SearchName, SearchProducer, SearchPlace, SearchCategory)
                    VALUES (new.Id, new.SearchName, new.SearchProducer, new.SearchPlace, new.SearchCategory);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Products_SearchDelete AFTER DELETE ON Products BEGIN
                    INSERT INTO ProductSearch(ProductSearch, rowid, SearchName, SearchProducer, SearchPlace, SearchCategory)
                    VALUES ('delete', old.Id, old.SearchName, old.SearchProducer, old.SearchPlace, old.SearchCategory);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Products_SearchUpdate AFTER UPDATE OF SearchName, SearchProducer, SearchPlace, SearchCategory ON Products BEGIN
                    INSERT INTO ProductSearch(ProductSearch, rowid, SearchName, SearchProducer, SearchPlace, SearchCategory)
                    VALUES ('delete', old.Id, old.SearchName, old.SearchProducer, old.SearchPlace, old.SearchCategory);
                    INSERT INTO ProductSearch(rowid, SearchName, SearchProducer, SearchPlace, SearchCategory)
                    VALUES (new.Id, new.SearchName, new.SearchProducer, new.SearchPlace, new.SearchCategory);
                END;
                """);
            // Rows written before this migration (none on a fresh database) are indexed too.
            migrationBuilder.Sql("INSERT INTO ProductSearch(ProductSearch) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Products_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Products_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Products_SearchInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ProductSearch;");
        }
    }
}
