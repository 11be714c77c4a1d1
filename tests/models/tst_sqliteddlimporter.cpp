// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadescribe.h"

#include <io/ddlimporter.h>

#include <QFile>
#include <QTest>

using namespace Tideline;

/** Tests DdlImporter::importSqlite, which runs SQLite DDL in memory and reads the catalog back. */
class TestSqliteDdlImporter : public QObject
{
    Q_OBJECT

private slots:
    void seedSchemas_data();
    void seedSchemas();
    void columnDefinitions_data();
    void columnDefinitions();
    void constraints_data();
    void constraints();
    void indexes_data();
    void indexes();
    void views_data();
    void views();
    void hostileIdentifiers();
    void schemaFile();
    void acceptedStatements_data();
    void acceptedStatements();
    void rejections_data();
    void rejections();
    void sqlErrors_data();
    void sqlErrors();
    void emptyInput_data();
    void emptyInput();
    void failureLeavesSchemaUntouched();
    void nulCharacterIsRefused();

private:
    static Schema imported(const QString &sql);
};

// Imports `sql`, failing the current test (and returning an empty schema) on an error.
Schema TestSqliteDdlImporter::imported(const QString &sql)
{
    Schema schema;
    QString error;
    if (!DdlImporter::importSqlite(sql, &schema, &error))
        QTest::qFail(qPrintable(u"import failed: "_s + error), __FILE__, __LINE__);
    return schema;
}

void TestSqliteDdlImporter::seedSchemas_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("customer with first and last name")
        << u"CREATE TABLE customer (\n"
           "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
           "  first_name VARCHAR(100) NOT NULL,\n"
           "  last_name VARCHAR(100) NOT NULL\n"
           ");"_s
        << u"customer"_s
        << QStringList{u"id integer not null identity"_s,
                       u"first_name varchar(100) not null"_s,
                       u"last_name varchar(100) not null"_s,
                       u"pk (id)"_s,
                       u"primary_key (id)"_s};
    QTest::newRow("posts with author columns") << u"CREATE TABLE posts (\n"
                                                  "  id INTEGER PRIMARY KEY,\n"
                                                  "  title VARCHAR(255) NOT NULL,\n"
                                                  "  content TEXT,\n"
                                                  "  author_name VARCHAR(255),\n"
                                                  "  author_email VARCHAR(255)\n"
                                                  ");"_s
                                               << u"posts"_s
                                               << QStringList{u"id integer not null identity"_s,
                                                              u"title varchar(255) not null"_s,
                                                              u"content text"_s,
                                                              u"author_name varchar(255)"_s,
                                                              u"author_email varchar(255)"_s,
                                                              u"pk (id)"_s,
                                                              u"primary_key (id)"_s};
}

void TestSqliteDdlImporter::seedSchemas()
{
    QFETCH(QString, sql);
    QFETCH(QString, table);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QCOMPARE(schema.tables.keys(), QStringList{table}); // not sqlite_sequence
    QCOMPARE(schema.tables.value(table).name, table);
    QCOMPARE(describe(schema.tables.value(table)), expected);
    QVERIFY(schema.views.isEmpty());
    QVERIFY(schema.procedures.isEmpty());
}

void TestSqliteDdlImporter::columnDefinitions_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<Column>("expected");

    const auto row = [](const char *tag,
                        const QString &definition,
                        const QString &type,
                        bool nullable,
                        const QString &defaultValue,
                        bool identity = false,
                        bool generated = false) {
        Column column{u"c"_s, type, nullable, defaultValue, identity, generated};
        QTest::newRow(tag) << definition << column;
    };
    row("plain", u"TEXT"_s, u"text"_s, true, {});
    row("no type", QString(), QString(), true, {});
    row("varchar", u"VARCHAR(255)"_s, u"varchar(255)"_s, true, {});
    row("spacing normalised", u"NUMERIC (10 , 2)"_s, u"numeric(10,2)"_s, true, {});
    row("multi-word type", u"DOUBLE   PRECISION"_s, u"double precision"_s, true, {});
    row("not null", u"TEXT NOT NULL"_s, u"text"_s, false, {});
    row("default string", u"TEXT NOT NULL DEFAULT 'x'"_s, u"text"_s, false, u"'x'"_s);
    row("default zero", u"INTEGER DEFAULT 0"_s, u"integer"_s, true, u"0"_s);
    row("default negative", u"INTEGER DEFAULT -1"_s, u"integer"_s, true, u"-1"_s);
    row("default current_timestamp",
        u"TEXT DEFAULT CURRENT_TIMESTAMP"_s,
        u"text"_s,
        true,
        u"CURRENT_TIMESTAMP"_s);
    row("default expression",
        u"TEXT DEFAULT (datetime('now'))"_s,
        u"text"_s,
        true,
        u"datetime('now')"_s);
    row("default true", u"BOOLEAN DEFAULT TRUE"_s, u"boolean"_s, true, u"TRUE"_s);
    row("generated stored",
        u"INTEGER GENERATED ALWAYS AS (a * 2) STORED"_s,
        u"integer"_s,
        true,
        {},
        false,
        true);
    row("generated virtual", u"AS (a + 1)"_s, QString(), true, {}, false, true);
    row("collation is not part of the type", u"TEXT COLLATE NOCASE NOT NULL"_s, u"text"_s, false, {});
}

void TestSqliteDdlImporter::columnDefinitions()
{
    QFETCH(QString, definition);
    QFETCH(Column, expected);

    const Schema schema = imported(
        u"CREATE TABLE t (a INTEGER, c %1, z INTEGER);"_s.arg(definition));
    const Table *table = schema.table(u"t"_s);
    QVERIFY(table);
    QCOMPARE(table->columns.size(), 3);
    QCOMPARE(table->columns.at(1), expected);
    QCOMPARE(table->columns.at(2), (Column{u"z"_s, u"integer"_s, true, QString(), false, false}));
}

void TestSqliteDdlImporter::constraints_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describe() of the table "t"

    const QString parent
        = u"CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT, k INT, UNIQUE (code, k));\n"_s;
    QTest::newRow("integer primary key is the rowid")
        << u"CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);"_s
        << QStringList{u"id integer not null identity"_s,
                       u"a text"_s,
                       u"pk (id)"_s,
                       u"primary_key (id)"_s};
    QTest::newRow("int primary key is not the rowid")
        << u"CREATE TABLE t (id INT PRIMARY KEY, a TEXT);"_s
        << QStringList{u"id int not null"_s, u"a text"_s, u"pk (id)"_s, u"primary_key (id)"_s};
    QTest::newRow("integer primary key desc is not the rowid")
        << u"CREATE TABLE t (id INTEGER PRIMARY KEY DESC);"_s
        << QStringList{u"id integer not null"_s, u"pk (id)"_s, u"primary_key (id)"_s};
    QTest::newRow("text primary key")
        << u"CREATE TABLE t (code TEXT CONSTRAINT t_pk PRIMARY KEY);"_s
        << QStringList{u"code text not null"_s, u"pk (code)"_s, u"primary_key t_pk (code)"_s};
    QTest::newRow("named composite primary key without rowid")
        << u"CREATE TABLE t (a INTEGER, b TEXT, CONSTRAINT t_pk PRIMARY KEY (b, a)) WITHOUT ROWID;"_s
        << QStringList{u"a integer not null"_s,
                       u"b text not null"_s,
                       u"pk (b,a)"_s,
                       u"primary_key t_pk (b,a)"_s};
    QTest::newRow("column unique") << u"CREATE TABLE t (email TEXT UNIQUE);"_s
                                   << QStringList{u"email text"_s, u"pk ()"_s, u"unique (email)"_s};
    QTest::newRow("uniques in declaration order with names")
        << u"CREATE TABLE t (a INT CONSTRAINT a_key UNIQUE, b INT, c INT, "
           "CONSTRAINT t_bc_key UNIQUE (b, C), UNIQUE (c));"_s
        << QStringList{u"a int"_s,
                       u"b int"_s,
                       u"c int"_s,
                       u"pk ()"_s,
                       u"unique a_key (a)"_s,
                       u"unique t_bc_key (b,c)"_s,
                       u"unique (c)"_s};
    QTest::newRow("column check") << u"CREATE TABLE t (price NUMERIC CHECK (price > 0));"_s
                                  << QStringList{u"price numeric"_s,
                                                 u"pk ()"_s,
                                                 u"check (price) check price > 0"_s};
    QTest::newRow("named check over two columns")
        << u"CREATE TABLE t (lo INT, hi INT, CONSTRAINT range_ok CHECK ((lo <= hi) AND (\"HI\" < 100)));"_s
        << QStringList{u"lo int"_s,
                       u"hi int"_s,
                       u"pk ()"_s,
                       u"check range_ok (lo,hi) check (lo <= hi) AND (\"HI\" < 100)"_s};
    QTest::newRow("check with function and string")
        << u"CREATE TABLE t (name TEXT CHECK (length(name) > 0 AND name <> ')'), other TEXT);"_s
        << QStringList{u"name text"_s,
                       u"other text"_s,
                       u"pk ()"_s,
                       u"check (name) check length(name) > 0 AND name <> ')'"_s};
    QTest::newRow("column references with columns")
        << parent + u"CREATE TABLE t (pid INTEGER REFERENCES p(id) ON DELETE SET NULL);"_s
        << QStringList{u"pid integer"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("column references the primary key")
        << parent + u"CREATE TABLE t (pid INTEGER NOT NULL CONSTRAINT t_p_fk REFERENCES P);"_s
        << QStringList{u"pid integer not null"_s,
                       u"pk ()"_s,
                       u"foreign_key t_p_fk (pid) -> p(id)"_s};
    QTest::newRow("named composite foreign keys in declaration order")
        << parent
               + u"CREATE TABLE t (c TEXT, n INT, pid INT, "
                 "CONSTRAINT t_p_fk FOREIGN KEY (c, n) REFERENCES p (code, k), "
                 "FOREIGN KEY (pid) REFERENCES p);"_s
        << QStringList{u"c text"_s,
                       u"n int"_s,
                       u"pid int"_s,
                       u"pk ()"_s,
                       u"foreign_key t_p_fk (c,n) -> p(code,k)"_s,
                       u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("check and unique after references")
        << parent
               + u"CREATE TABLE t (pid INT REFERENCES p ON DELETE SET NULL CHECK (pid > 0) "
                 "CONSTRAINT t_pid_key UNIQUE);"_s
        << QStringList{u"pid int"_s,
                       u"pk ()"_s,
                       u"unique t_pid_key (pid)"_s,
                       u"check (pid) check pid > 0"_s,
                       u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("foreign key to a table declared later")
        << u"CREATE TABLE t (pid INTEGER REFERENCES p);\n"_s + parent
        << QStringList{u"pid integer"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
}

void TestSqliteDdlImporter::constraints()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QCOMPARE(describe(*schema.table(u"t"_s)), expected);
}

void TestSqliteDdlImporter::indexes_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describe() of the indexes of "t"

    const QString table = u"CREATE TABLE t (a INT, b TEXT, email TEXT);\n"_s;
    QTest::newRow("index") << table + u"CREATE INDEX t_a_idx ON t (a);"_s
                           << QStringList{u"index t_a_idx (a)"_s};
    QTest::newRow("unique multi-column index in creation order")
        << table + u"CREATE UNIQUE INDEX t_ab ON t (a, b DESC); CREATE INDEX t_b ON t (b);"_s
        << QStringList{u"unique index t_ab (a | b)"_s, u"index t_b (b)"_s};
    QTest::newRow("expression index")
        << table + u"CREATE UNIQUE INDEX t_email ON t (lower(email) COLLATE NOCASE DESC, a);"_s
        << QStringList{u"unique index t_email (lower(email) | a)"_s};
    QTest::newRow("parenthesised expression")
        << table + u"CREATE INDEX t_sum ON t ((a + 1), (a) * 2 DESC);"_s
        << QStringList{u"index t_sum (a + 1 | (a) * 2)"_s};
    QTest::newRow("partial index keeps its columns")
        << table + u"CREATE INDEX live ON t (a) WHERE b IS NOT NULL;"_s
        << QStringList{u"index live (a)"_s};
    QTest::newRow("if not exists skips an existing index")
        << table + u"CREATE INDEX ix ON t (a); CREATE INDEX IF NOT EXISTS ix ON t (b);"_s
        << QStringList{u"index ix (a)"_s};
    QTest::newRow("constraints make no index")
        << u"CREATE TABLE t (a TEXT PRIMARY KEY, b INT UNIQUE);"_s << QStringList{};
}

void TestSqliteDdlImporter::indexes()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);

    const Schema schema = imported(sql);
    QVERIFY(schema.table(u"t"_s));
    QStringList actual;
    for (const Index &index : schema.table(u"t"_s)->indexes)
        actual.append(describe(index));
    QCOMPARE(actual, expected);
}

void TestSqliteDdlImporter::views_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("definition");

    const QString tables
        = u"CREATE TABLE t (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT);\n"
          "CREATE TABLE u (id INT, t_id INT);\n"_s;
    QTest::newRow("output names")
        << tables
               + u"CREATE VIEW v AS SELECT t.id, first_name || ' ' || last_name AS full_name, "
                 "count(*) FROM t GROUP BY t.id;"_s
        << QStringList{u"id"_s, u"full_name"_s, u"count(*)"_s}
        << u"SELECT t.id, first_name || ' ' || last_name AS full_name, count(*) FROM t GROUP BY t.id"_s;
    QTest::newRow("explicit column list")
        << tables + u"CREATE VIEW v (a, b) AS SELECT id, first_name FROM t;"_s
        << QStringList{u"a"_s, u"b"_s} << u"SELECT id, first_name FROM t"_s;
    QTest::newRow("star") << tables + u"CREATE VIEW IF NOT EXISTS v AS SELECT * FROM t;"_s
                          << QStringList{u"id"_s, u"first_name"_s, u"last_name"_s}
                          << u"SELECT * FROM t"_s;
    QTest::newRow("star over a join")
        << tables + u"CREATE VIEW v AS SELECT * FROM t JOIN u ON u.t_id = t.id;"_s
        << QStringList{u"id"_s, u"first_name"_s, u"last_name"_s, u"id:1"_s, u"t_id"_s}
        << u"SELECT * FROM t JOIN u ON u.t_id = t.id"_s;
    QTest::newRow("multi-line query keeps its text")
        << tables + u"CREATE VIEW v AS\n  SELECT id\n  FROM t;"_s << QStringList{u"id"_s}
        << u"SELECT id\n  FROM t"_s;
}

void TestSqliteDdlImporter::views()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, columns);
    QFETCH(QString, definition);

    const Schema schema = imported(sql);
    QCOMPARE(schema.views.keys(), QStringList{u"v"_s});
    const View view = schema.views.value(u"v"_s);
    QCOMPARE(view.name, u"v"_s);
    QCOMPARE(view.columns, columns);
    QCOMPARE(view.definition, definition);
    QVERIFY(!schema.tables.contains(u"v"_s));
}

void TestSqliteDdlImporter::hostileIdentifiers()
{
    const QString sql = uR"sql(
        CREATE TABLE "Robert'); DROP TABLE x;--" (
            "select" INTEGER PRIMARY KEY,
            prénom TEXT NOT NULL DEFAULT 'Zoë',
            [a b] TEXT CHECK ([a b] <> 'x;y'),
            `semi;colon` INT UNIQUE
        );
        CREATE INDEX "ix (1)" ON "Robert'); DROP TABLE x;--" ("select", prénom);
        CREATE VIEW "v; DROP" AS SELECT "select", prénom AS "nom, complet" FROM "Robert'); DROP TABLE x;--";
    )sql"_s;
    const Schema schema = imported(sql);
    const QString name = u"Robert'); DROP TABLE x;--"_s;
    QCOMPARE(schema.tables.keys(), QStringList{name});
    const Table *table = schema.table(name);
    QVERIFY(table);
    QCOMPARE(table->name, name);
    QCOMPARE(describe(*table),
             (QStringList{u"select integer not null identity"_s,
                          u"prénom text not null default 'Zoë'"_s,
                          u"a b text"_s,
                          u"semi;colon int"_s,
                          u"pk (select)"_s,
                          u"primary_key (select)"_s,
                          u"unique (semi;colon)"_s,
                          u"check (a b) check [a b] <> 'x;y'"_s,
                          u"index ix (1) (select | prénom)"_s}));
    QCOMPARE(schema.views.keys(), QStringList{u"v; DROP"_s});
    QCOMPARE(schema.views.value(u"v; DROP"_s).columns,
             (QStringList{u"select"_s, u"nom, complet"_s}));
    QCOMPARE(schema.views.value(u"v; DROP"_s).definition,
             u"SELECT \"select\", prénom AS \"nom, complet\" FROM \"Robert'); DROP TABLE x;--\""_s);
}

void TestSqliteDdlImporter::schemaFile()
{
    QFile file(QStringLiteral(TIDELINE_TEST_DATA "/ddl-sqlite-schema.sql"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const Schema schema = imported(QString::fromUtf8(file.readAll()));

    QCOMPARE(schema.tables.keys(), (QStringList{u"customer"_s, u"orders"_s}));
    QCOMPARE(describe(*schema.table(u"customer"_s)),
             (QStringList{u"id integer not null identity"_s,
                          u"first_name varchar(100) not null"_s,
                          u"last_name varchar(100) not null"_s,
                          u"email text"_s,
                          u"created_at text not null default CURRENT_TIMESTAMP"_s,
                          u"pk (id)"_s,
                          u"primary_key (id)"_s,
                          u"unique customer_email_key (email)"_s,
                          u"check customer_name_present (first_name) check first_name <> ''"_s}));
    QCOMPARE(describe(*schema.table(u"orders"_s)),
             (QStringList{u"id integer not null identity"_s,
                          u"customer_id integer not null"_s,
                          u"total numeric(12,2) not null default 0"_s,
                          u"status text not null default 'new'"_s,
                          u"pk (id)"_s,
                          u"primary_key (id)"_s,
                          u"check (status) check status IN ('new', 'paid', 'shipped')"_s,
                          u"foreign_key (customer_id) -> customer(id)"_s,
                          u"index orders_customer_id_idx (customer_id)"_s}));
    QCOMPARE(schema.views.keys(), QStringList{u"customer_summary"_s});
    const View view = schema.views.value(u"customer_summary"_s);
    QCOMPARE(view.columns, (QStringList{u"id"_s, u"full_name"_s, u"order_count"_s}));
    QVERIFY2(view.definition.startsWith(u"SELECT c.id,"_s), qPrintable(view.definition));
    QVERIFY2(view.definition.endsWith(u"GROUP BY c.id"_s), qPrintable(view.definition));
}

void TestSqliteDdlImporter::acceptedStatements_data()
{
    QTest::addColumn<QString>("sql");

    QTest::newRow("if not exists on an existing table")
        << u"CREATE TABLE t (a INT); CREATE TABLE IF NOT EXISTS t (b INT);"_s;
    QTest::newRow("if not exists on an existing view")
        << u"CREATE TABLE t (a INT); CREATE VIEW v AS SELECT a FROM t; "
           "CREATE VIEW IF NOT EXISTS v AS SELECT 1;"_s;
    QTest::newRow("schema-qualified main") << u"CREATE TABLE main.t (a INT);"_s;
    QTest::newRow("transaction around the script")
        << u"BEGIN TRANSACTION; CREATE TABLE t (a INT); COMMIT;"_s;
    QTest::newRow("sqlite_sequence printed by .schema")
        << u"CREATE TABLE t (a INTEGER PRIMARY KEY AUTOINCREMENT);\n"
           "CREATE TABLE sqlite_sequence(name,seq);"_s;
    QTest::newRow("comments and empty statements")
        << u"-- header\n;; CREATE TABLE t (a INT); /* trailer */ ;"_s;
}

void TestSqliteDdlImporter::acceptedStatements()
{
    QFETCH(QString, sql);

    const Schema schema = imported(sql);
    QCOMPARE(schema.tables.keys(), QStringList{u"t"_s});
    QCOMPARE(schema.table(u"t"_s)->columns.size(), 1);
    QCOMPARE(schema.table(u"t"_s)->columns.first().name, u"a"_s);
}

void TestSqliteDdlImporter::rejections_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    const QString table = u"CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);\n"_s;
    QTest::newRow("insert")
        << table + u"INSERT INTO customer VALUES (1, 'x');"_s
        << u"cannot map statement 2 to a baseline schema: \"INSERT INTO customer VALUES (1, 'x')\""_s;
    QTest::newRow("insert after comments is quoted without them")
        << table + u"-- seed data\n/* more */\n  INSERT INTO customer\n  VALUES (1, 'x');"_s
        << u"cannot map statement 2 to a baseline schema: \"INSERT INTO customer VALUES (1, 'x')\""_s;
    QTest::newRow("create trigger")
        << table + u"CREATE TRIGGER audit AFTER INSERT ON customer BEGIN SELECT 1; END;"_s
        << u"cannot map statement 2 to a baseline schema: \"CREATE TRIGGER audit AFTER INSERT ON "
           "customer BEGIN SELECT 1; END\""_s;
    QTest::newRow("drop table")
        << table + u"DROP TABLE customer;"_s
        << u"cannot map statement 2 to a baseline schema: \"DROP TABLE customer\""_s;
    QTest::newRow("drop table if exists")
        << u"DROP TABLE IF EXISTS customer;"_s
        << u"cannot map statement 1 to a baseline schema: \"DROP TABLE IF EXISTS customer\""_s;
    QTest::newRow("pragma")
        << u"PRAGMA foreign_keys = ON;"_s
        << u"cannot map statement 1 to a baseline schema: \"PRAGMA foreign_keys = ON\""_s;
    QTest::newRow("select") << u"SELECT 1;"_s
                            << u"cannot map statement 1 to a baseline schema: \"SELECT 1\""_s;
    QTest::newRow("temporary table")
        << u"CREATE TEMP TABLE scratch (a INT);"_s
        << u"cannot map statement 1 to a baseline schema: \"CREATE TEMP TABLE scratch (a INT)\""_s;
    QTest::newRow("table in temp schema")
        << u"CREATE TABLE temp.scratch (a INT);"_s
        << u"cannot map statement 1 to a baseline schema: \"CREATE TABLE temp.scratch (a INT)\""_s;
    QTest::newRow("create table as select")
        << table + u"CREATE TABLE copy AS SELECT * FROM customer;"_s
        << u"cannot map statement 2 to a baseline schema: \"CREATE TABLE copy AS SELECT * FROM customer\""_s;
    QTest::newRow("alter table")
        << table + u"ALTER TABLE customer ADD COLUMN email TEXT;"_s
        << u"cannot map statement 2 to a baseline schema: \"ALTER TABLE customer ADD COLUMN email TEXT\""_s;
    QTest::newRow("attach")
        << u"ATTACH DATABASE ':memory:' AS other;"_s
        << u"cannot map statement 1 to a baseline schema: \"ATTACH DATABASE ':memory:' AS other\""_s;
    QTest::newRow("rollback") << u"BEGIN; CREATE TABLE t (a INT); ROLLBACK;"_s
                              << u"cannot map statement 3 to a baseline schema: \"ROLLBACK\""_s;
    QTest::newRow("explain")
        << u"EXPLAIN CREATE TABLE t (a INT);"_s
        << u"cannot map statement 1 to a baseline schema: \"EXPLAIN CREATE TABLE t (a INT)\""_s;
}

void TestSqliteDdlImporter::rejections()
{
    QFETCH(QString, sql);
    QFETCH(QString, error);

    Schema schema;
    QString actual;
    QVERIFY(!DdlImporter::importSqlite(sql, &schema, &actual));
    QCOMPARE(actual, error);
    QVERIFY(schema.tables.isEmpty());
}

void TestSqliteDdlImporter::sqlErrors_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    QTest::newRow("misspelt keyword")
        << u"CREATE TABLE a (x INT);\nCREATE TABL b (y INT);\nCREATE TABLE c (z INT);"_s
        << u"statement 2: near \"TABL\": syntax error: \"CREATE TABL b (y INT)\""_s;
    QTest::newRow("semicolon in a string of a bad statement")
        << u"CREATE TABLE a (x TEXT DEFAULT 'a;b' NOT NUL);"_s
        << u"statement 1: near \"NUL\": syntax error: \"CREATE TABLE a (x TEXT DEFAULT 'a;b' NOT NUL)\""_s;
    QTest::newRow("duplicate table")
        << u"CREATE TABLE a (x INT); CREATE TABLE a (y INT);"_s
        << u"statement 2: table a already exists: \"CREATE TABLE a (y INT)\""_s;
    QTest::newRow("index on unknown table")
        << u"CREATE INDEX ix ON missing (a);"_s
        << u"statement 1: no such table: main.missing: \"CREATE INDEX ix ON missing (a)\""_s;
    QTest::newRow("index on unknown column")
        << u"CREATE TABLE a (x INT); CREATE INDEX ix ON a (nope);"_s
        << u"statement 2: no such column: nope: \"CREATE INDEX ix ON a (nope)\""_s;
    QTest::newRow("view over an unknown table")
        << u"CREATE VIEW v AS SELECT * FROM elsewhere;"_s
        << u"view \"v\" cannot be read back: no such table: main.elsewhere: "
           "\"CREATE VIEW v AS SELECT * FROM elsewhere\""_s;
    QTest::newRow("postgresql syntax")
        << u"CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"_s
        << u"statement 1: near \"IDENTITY\": syntax error: "
           "\"CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)\""_s;
}

void TestSqliteDdlImporter::sqlErrors()
{
    QFETCH(QString, sql);
    QFETCH(QString, error);

    Schema schema;
    QString actual;
    QVERIFY(!DdlImporter::importSqlite(sql, &schema, &actual));
    QCOMPARE(actual, error);
    QVERIFY(schema.tables.isEmpty());
}

void TestSqliteDdlImporter::emptyInput_data()
{
    QTest::addColumn<QString>("sql");

    QTest::newRow("nothing") << QString();
    QTest::newRow("whitespace") << u"  \n\t\n"_s;
    QTest::newRow("comments only") << u"-- nothing here\n/* nor here */\n"_s;
    QTest::newRow("empty statements") << u";;\n;"_s;
}

void TestSqliteDdlImporter::emptyInput()
{
    QFETCH(QString, sql);

    Schema schema;
    Table old;
    old.name = u"old"_s;
    schema.tables.insert(old.name, old);
    QString error = u"untouched"_s;
    QVERIFY(DdlImporter::importSqlite(sql, &schema, &error));
    QCOMPARE(schema, Schema());
    QCOMPARE(error, u"untouched"_s);
}

void TestSqliteDdlImporter::failureLeavesSchemaUntouched()
{
    Schema schema;
    Table old;
    old.name = u"old"_s;
    schema.tables.insert(old.name, old);
    const Schema before = schema;
    QString error;
    QVERIFY(!DdlImporter::importSqlite(u"CREATE TABLE a (x INT); INSERT INTO a VALUES (1);"_s,
                                       &schema,
                                       &error));
    QCOMPARE(schema, before);
    QCOMPARE(error, u"cannot map statement 2 to a baseline schema: \"INSERT INTO a VALUES (1)\""_s);
}

void TestSqliteDdlImporter::nulCharacterIsRefused()
{
    // Both parsers read C strings: what follows a NUL would be dropped without a word.
    const QString sql = u"CREATE TABLE a (x int);"_s + QChar(0) + u"INSERT INTO a VALUES (1);"_s;
    Schema schema;
    QString error;
    QVERIFY(!DdlImporter::importSqlite(sql, &schema, &error));
    QCOMPARE(error, u"the DDL contains a NUL character"_s);
    QVERIFY(schema.tables.isEmpty());
}

QTEST_GUILESS_MAIN(TestSqliteDdlImporter)
#include "tst_sqliteddlimporter.moc"
