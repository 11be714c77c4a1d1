// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadescribe.h"

#include <io/ddlimporter.h>
#include <sql/livecatalog.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

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
    void skippedStatements_data();
    void skippedStatements();
    void schemaStatementsRun();
    void richSchema();
    void whatASchemaCannotHold();
    void dumpOutput();
    void debianSchemas_data();
    void debianSchemas();
    void liveEqualsFile_data();
    void liveEqualsFile();
    void largeSchemaIsLinear();
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
        << QStringList{u"id INTEGER not null identity"_s,
                       u"first_name VARCHAR(100) not null"_s,
                       u"last_name VARCHAR(100) not null"_s,
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
                                               << QStringList{u"id INTEGER not null identity"_s,
                                                              u"title VARCHAR(255) not null"_s,
                                                              u"content TEXT"_s,
                                                              u"author_name VARCHAR(255)"_s,
                                                              u"author_email VARCHAR(255)"_s,
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
                        bool generated = false,
                        const QString &expression = {},
                        bool stored = true,
                        const QString &collation = {}) {
        Column column{u"c"_s, type, nullable, defaultValue, identity, generated};
        column.generatedExpression = expression;
        column.generatedStored = stored;
        column.collation = collation;
        QTest::newRow(tag) << definition << column;
    };
    row("plain", u"TEXT"_s, u"TEXT"_s, true, {});
    row("no type", QString(), QString(), true, {});
    row("varchar", u"VARCHAR(255)"_s, u"VARCHAR(255)"_s, true, {});
    row("spacing as declared", u"NUMERIC (10 , 2)"_s, u"NUMERIC (10 , 2)"_s, true, {});
    row("multi-word type", u"DOUBLE   PRECISION"_s, u"DOUBLE   PRECISION"_s, true, {});
    row("not null", u"TEXT NOT NULL"_s, u"TEXT"_s, false, {});
    row("default string", u"TEXT NOT NULL DEFAULT 'x'"_s, u"TEXT"_s, false, u"'x'"_s);
    row("default zero", u"INTEGER DEFAULT 0"_s, u"INTEGER"_s, true, u"0"_s);
    row("default negative", u"INTEGER DEFAULT -1"_s, u"INTEGER"_s, true, u"-1"_s);
    row("default current_timestamp",
        u"TEXT DEFAULT CURRENT_TIMESTAMP"_s,
        u"TEXT"_s,
        true,
        u"CURRENT_TIMESTAMP"_s);
    row("default expression",
        u"TEXT DEFAULT (datetime('now'))"_s,
        u"TEXT"_s,
        true,
        u"datetime('now')"_s);
    row("default true", u"BOOLEAN DEFAULT TRUE"_s, u"BOOLEAN"_s, true, u"TRUE"_s);
    row("generated stored",
        u"INTEGER GENERATED ALWAYS AS (a * 2) STORED"_s,
        u"INTEGER"_s,
        true,
        {},
        false,
        true,
        u"a * 2"_s);
    row("generated virtual", u"AS ( a  +  1 )"_s, QString(), true, {}, false, true, u"a  +  1"_s, false);
    row("collation is kept apart from the type", u"TEXT COLLATE NOCASE NOT NULL"_s, u"TEXT"_s, false, {}, false,
        false, {}, true, u"NOCASE"_s);
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
    QCOMPARE(table->columns.at(2), (Column{u"z"_s, u"INTEGER"_s, true, QString(), false, false}));
}

void TestSqliteDdlImporter::constraints_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected"); // describe() of the table "t"

    const QString parent
        = u"CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT, k INT, UNIQUE (code, k));\n"_s;
    QTest::newRow("integer primary key is the rowid")
        << u"CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);"_s
        << QStringList{u"id INTEGER not null identity"_s,
                       u"a TEXT"_s,
                       u"pk (id)"_s,
                       u"primary_key (id)"_s};
    QTest::newRow("int primary key is not the rowid")
        << u"CREATE TABLE t (id INT PRIMARY KEY, a TEXT);"_s
        << QStringList{u"id INT not null"_s, u"a TEXT"_s, u"pk (id)"_s, u"primary_key (id)"_s};
    QTest::newRow("integer primary key desc is not the rowid")
        << u"CREATE TABLE t (id INTEGER PRIMARY KEY DESC);"_s
        << QStringList{u"id INTEGER not null"_s, u"pk (id)"_s, u"primary_key (id)"_s};
    QTest::newRow("text primary key")
        << u"CREATE TABLE t (code TEXT CONSTRAINT t_pk PRIMARY KEY);"_s
        << QStringList{u"code TEXT not null"_s, u"pk (code)"_s, u"primary_key t_pk (code)"_s};
    QTest::newRow("named composite primary key without rowid")
        << u"CREATE TABLE t (a INTEGER, b TEXT, CONSTRAINT t_pk PRIMARY KEY (b, a)) WITHOUT ROWID;"_s
        << QStringList{u"a INTEGER not null"_s,
                       u"b TEXT not null"_s,
                       u"pk (b,a)"_s,
                       u"primary_key t_pk (b,a)"_s};
    QTest::newRow("column unique") << u"CREATE TABLE t (email TEXT UNIQUE);"_s
                                   << QStringList{u"email TEXT"_s, u"pk ()"_s, u"unique (email)"_s};
    QTest::newRow("uniques in declaration order with names")
        << u"CREATE TABLE t (a INT CONSTRAINT a_key UNIQUE, b INT, c INT, "
           "CONSTRAINT t_bc_key UNIQUE (b, C), UNIQUE (c));"_s
        << QStringList{u"a INT"_s,
                       u"b INT"_s,
                       u"c INT"_s,
                       u"pk ()"_s,
                       u"unique a_key (a)"_s,
                       u"unique t_bc_key (b,c)"_s,
                       u"unique (c)"_s};
    QTest::newRow("column check") << u"CREATE TABLE t (price NUMERIC CHECK (price > 0));"_s
                                  << QStringList{u"price NUMERIC"_s,
                                                 u"pk ()"_s,
                                                 u"check (price) check price > 0"_s};
    QTest::newRow("named check over two columns")
        << u"CREATE TABLE t (lo INT, hi INT, CONSTRAINT range_ok CHECK ((lo <= hi) AND (\"HI\" < 100)));"_s
        << QStringList{u"lo INT"_s,
                       u"hi INT"_s,
                       u"pk ()"_s,
                       u"check range_ok (lo,hi) check (lo <= hi) AND (\"HI\" < 100)"_s};
    QTest::newRow("check with function and string")
        << u"CREATE TABLE t (name TEXT CHECK (length(name) > 0 AND name <> ')'), other TEXT);"_s
        << QStringList{u"name TEXT"_s,
                       u"other TEXT"_s,
                       u"pk ()"_s,
                       u"check (name) check length(name) > 0 AND name <> ')'"_s};
    QTest::newRow("column references with columns")
        << parent + u"CREATE TABLE t (pid INTEGER REFERENCES p(id) ON DELETE SET NULL);"_s
        << QStringList{u"pid INTEGER"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("column references the primary key")
        << parent + u"CREATE TABLE t (pid INTEGER NOT NULL CONSTRAINT t_p_fk REFERENCES P);"_s
        << QStringList{u"pid INTEGER not null"_s,
                       u"pk ()"_s,
                       u"foreign_key t_p_fk (pid) -> p(id)"_s};
    QTest::newRow("named composite foreign keys in declaration order")
        << parent
               + u"CREATE TABLE t (c TEXT, n INT, pid INT, "
                 "CONSTRAINT t_p_fk FOREIGN KEY (c, n) REFERENCES p (code, k), "
                 "FOREIGN KEY (pid) REFERENCES p);"_s
        << QStringList{u"c TEXT"_s,
                       u"n INT"_s,
                       u"pid INT"_s,
                       u"pk ()"_s,
                       u"foreign_key t_p_fk (c,n) -> p(code,k)"_s,
                       u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("check and unique after references")
        << parent
               + u"CREATE TABLE t (pid INT REFERENCES p ON DELETE SET NULL CHECK (pid > 0) "
                 "CONSTRAINT t_pid_key UNIQUE);"_s
        << QStringList{u"pid INT"_s,
                       u"pk ()"_s,
                       u"unique t_pid_key (pid)"_s,
                       u"check (pid) check pid > 0"_s,
                       u"foreign_key (pid) -> p(id)"_s};
    QTest::newRow("foreign key to a table declared later")
        << u"CREATE TABLE t (pid INTEGER REFERENCES p);\n"_s + parent
        << QStringList{u"pid INTEGER"_s, u"pk ()"_s, u"foreign_key (pid) -> p(id)"_s};
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
        << QStringList{u"unique index t_email (lower(email) COLLATE NOCASE | a)"_s};
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
             (QStringList{u"select INTEGER not null identity"_s,
                          u"prénom TEXT not null default 'Zoë'"_s,
                          u"a b TEXT"_s,
                          u"semi;colon INT"_s,
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
             (QStringList{u"id INTEGER not null identity"_s,
                          u"first_name VARCHAR(100) not null"_s,
                          u"last_name VARCHAR(100) not null"_s,
                          u"email TEXT"_s,
                          u"created_at TEXT not null default CURRENT_TIMESTAMP"_s,
                          u"pk (id)"_s,
                          u"primary_key (id)"_s,
                          u"unique customer_email_key (email)"_s,
                          u"check customer_name_present (first_name) check first_name <> ''"_s}));
    QCOMPARE(describe(*schema.table(u"orders"_s)),
             (QStringList{u"id INTEGER not null identity"_s,
                          u"customer_id INTEGER not null"_s,
                          u"total NUMERIC(12, 2) not null default 0"_s,
                          u"status TEXT not null default 'new'"_s,
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

void TestSqliteDdlImporter::skippedStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("note");      // a piece of the notes
    QTest::addColumn<QStringList>("tables");

    const QString table = u"CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);\n"_s;
    const QStringList customer{u"customer"_s};
    QTest::newRow("insert")
        << table + u"INSERT INTO customer VALUES (1, 'x');"_s
        << u"1 data statement(s) skipped: a baseline holds the schema, not rows (statement 2: \"INSERT INTO "
           "customer VALUES (1, 'x')\")"_s
        << customer;
    QTest::newRow("insert after comments is quoted without them")
        << table + u"-- seed data\n/* more */\n  INSERT INTO customer\n  VALUES (1, 'x');"_s
        << u"(statement 2: \"INSERT INTO customer VALUES (1, 'x')\")"_s << customer;
    QTest::newRow("insert into a table no statement made")
        << table + u"INSERT INTO elsewhere VALUES (1);"_s
        << u"(statement 2: \"INSERT INTO elsewhere VALUES (1)\")"_s << customer;
    QTest::newRow("many data statements")
        << table + u"INSERT INTO customer VALUES (1, 'a'); UPDATE customer SET name = 'b'; DELETE FROM customer; "
                   "SELECT 1; INSERT INTO customer VALUES (2, 'c');"_s
        << u"5 data statement(s) skipped: a baseline holds the schema, not rows (statement 2: \"INSERT INTO "
           "customer VALUES (1, 'a')\"; statement 3: \"UPDATE customer SET name = 'b'\"; statement 4: \"DELETE "
           "FROM customer\"; 2 more)"_s
        << customer;
    QTest::newRow("pragma")
        << u"PRAGMA foreign_keys = ON;"_s + table
        << u"statement 1 skipped: \"PRAGMA foreign_keys = ON\": a PRAGMA sets the connection, not the schema"_s
        << customer;
    QTest::newRow("attach") << u"ATTACH DATABASE ':memory:' AS other;"_s + table
                            << u"statement 1 skipped: \"ATTACH DATABASE ':memory:' AS other\": another database"_s
                            << customer;
    QTest::newRow("explain") << table + u"EXPLAIN CREATE TABLE t (a INT);"_s
                             << u"statement 2 skipped: \"EXPLAIN CREATE TABLE t (a INT)\": EXPLAIN shows a plan"_s
                             << customer;
    QTest::newRow("rollback") << u"BEGIN; CREATE TABLE t (a INT); ROLLBACK;"_s
                              << u"statement 3 skipped: \"ROLLBACK\": the statements before it are kept"_s
                              << QStringList{u"t"_s};
}

void TestSqliteDdlImporter::skippedStatements()
{
    QFETCH(QString, sql);
    QFETCH(QString, note);
    QFETCH(QStringList, tables);

    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importSqlite(sql, &schema, &error, &notes), qPrintable(error));
    QVERIFY2(notes.join(u'\n').contains(note), qPrintable(notes.join(u'\n')));
    QCOMPARE(schema.tables.keys(), tables);
}

void TestSqliteDdlImporter::schemaStatementsRun()
{
    // What shapes the schema runs, in order, as SQLite runs it: the result is the schema.
    Schema schema;
    QString error;
    QStringList notes;
    const QString sql = uR"sql(
        CREATE TABLE c (id INTEGER PRIMARY KEY, a TEXT, gone TEXT);
        CREATE TABLE audit (x TEXT);
        CREATE TABLE dropped (x INT);
        CREATE TEMP TABLE scratch (x INT);
        CREATE INDEX scratch_x ON scratch (x);
        CREATE TABLE temp.other (y INT);
        CREATE TRIGGER audit_c AFTER INSERT ON c
        BEGIN
          INSERT INTO audit VALUES (NEW.a); -- a comment; with a semicolon
        END;
        DROP TABLE dropped;
        DROP TABLE IF EXISTS never_made;
        ALTER TABLE c ADD COLUMN b INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE c RENAME COLUMN a TO name;
        ALTER TABLE c DROP COLUMN gone;
        ALTER TABLE audit RENAME TO journal;
        CREATE TABLE copy AS SELECT id, name FROM c;
    )sql"_s;
    QVERIFY2(DdlImporter::importSqlite(sql, &schema, &error, &notes), qPrintable(error));
    QCOMPARE(schema.tables.keys(), (QStringList{u"c"_s, u"copy"_s, u"journal"_s}));
    QCOMPARE(describe(*schema.table(u"c"_s)),
             (QStringList{u"id INTEGER not null identity"_s, u"name TEXT"_s, u"b INTEGER not null default 0"_s,
                          u"pk (id)"_s, u"primary_key (id)"_s}));
    QCOMPARE(schema.table(u"copy"_s)->columns.size(), 2);
    // The trigger, as SQLite keeps it: the statement as written (the rename of its table and column
    // is SQLite's own rewrite).
    QCOMPARE(schema.table(u"c"_s)->triggers.size(), 1);
    QCOMPARE(schema.table(u"c"_s)->triggers.first().name, u"audit_c"_s);
    QCOMPARE(schema.table(u"c"_s)->triggers.first().definition,
             u"CREATE TRIGGER audit_c AFTER INSERT ON c\n        BEGIN\n          INSERT INTO \"journal\" VALUES "
             "(NEW.name); -- a comment; with a semicolon\n        END"_s);
    QVERIFY2(notes.isEmpty(), qPrintable(notes.join(u'\n')));
}

namespace {

QString richBaseline()
{
    QFile file(QStringLiteral(TIDELINE_TEST_DATA "/sqlite-plans/rich.tideline.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(u"baseline"_s).toObject().value(u"sql"_s).toString();
}

} // namespace

void TestSqliteDdlImporter::richSchema()
{
    // Everything SQLite's catalog and CREATE text say, read back (written here from the DDL).
    const QString sql = richBaseline();
    QVERIFY(!sql.isEmpty());
    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importSqlite(sql, &schema, &error, &notes), qPrintable(error));
    QCOMPARE(schema.tables.keys(), (QStringList{u"audit"_s, u"child"_s, u"kv"_s, u"parent"_s, u"plain"_s}));
    QCOMPARE(notes, QStringList{u"1 data statement(s) skipped: a baseline holds the schema, not rows (statement 12: "
                                "\"INSERT INTO audit (at, what) VALUES ('2026-01-01', 'a seed row the importer "
                                "skips')\")"_s});

    const Table &parent = *schema.table(u"parent"_s);
    QCOMPARE(parent.column(u"id"_s)->identityKind, Column::Identity::AutoIncrement);
    QVERIFY(parent.column(u"id"_s)->identity);
    QCOMPARE(parent.column(u"name"_s)->collation, u"NOCASE"_s);
    QCOMPARE(parent.column(u"kind"_s)->defaultValue, u"'paper'"_s);
    const Column &doubled = *parent.column(u"doubled"_s);
    QVERIFY(doubled.generated);
    QCOMPARE(doubled.generatedExpression, u"score * 2"_s);
    QVERIFY(!doubled.generatedStored);
    QCOMPARE(parent.column(u"name_length"_s)->generatedExpression, u"length(name)"_s);
    QVERIFY(parent.column(u"name_length"_s)->generatedStored);
    QCOMPARE(parent.constraint(u"parent_code_key"_s)->columns, QStringList{u"code"_s});
    QCOMPARE(parent.constraints.last().expression, u"kind IN ('paper', 'digital')"_s);
    QCOMPARE(parent.indexes.size(), 2);
    const Index &byName = *parent.index(u"parent_name_idx"_s);
    QCOMPARE(byName.columns, QStringList{u"name"_s});
    QCOMPARE(byName.descending, QList<bool>{true});
    QCOMPARE(byName.where, u"code IS NOT NULL"_s);
    QCOMPARE(parent.index(u"parent_lower_idx"_s)->columns, QStringList{u"lower(name)"_s});
    QVERIFY(parent.index(u"parent_lower_idx"_s)->where.isEmpty());
    QCOMPARE(parent.triggers.size(), 1);
    QCOMPARE(parent.triggers.first().name, u"parent_audit"_s);
    const QString trigger = u"CREATE TRIGGER parent_audit AFTER UPDATE OF name ON parent\nBEGIN\n  INSERT INTO audit "
                            "(at, what) VALUES (CURRENT_TIMESTAMP, 'renamed ' || NEW.id);\nEND"_s;
    QVERIFY(sql.contains(trigger)); // byte for byte as the file has it
    QCOMPARE(parent.triggers.first().definition, trigger);

    const Table &child = *schema.table(u"child"_s);
    QList<Constraint> keys;
    for (const Constraint &c : child.constraints) {
        if (c.kind == Constraint::Kind::ForeignKey)
            keys << c;
    }
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys.at(0).columns, QStringList{u"parent_id"_s});
    QCOMPARE(keys.at(0).refColumns, QStringList{u"id"_s});
    QCOMPARE(keys.at(0).onDelete, u"CASCADE"_s);
    QCOMPARE(keys.at(0).onUpdate, u"CASCADE"_s);
    QVERIFY(keys.at(0).deferrable);
    QVERIFY(keys.at(0).initiallyDeferred);
    QCOMPARE(keys.at(1).name, u"child_code_fkey"_s);
    QCOMPARE(keys.at(1).refColumns, QStringList{u"code"_s});
    QCOMPARE(keys.at(1).onDelete, u"SET NULL"_s);
    QVERIFY(keys.at(1).onUpdate.isEmpty());
    QVERIFY(!keys.at(1).deferrable);

    QVERIFY(schema.table(u"kv"_s)->withoutRowid);
    QCOMPARE(schema.table(u"kv"_s)->primaryKey, QStringList{u"k"_s});
    QVERIFY(!schema.table(u"plain"_s)->withoutRowid);
    QVERIFY(!schema.table(u"plain"_s)->column(u"label"_s)->identity);
}

void TestSqliteDdlImporter::whatASchemaCannotHold()
{
    Schema schema;
    QString error;
    QStringList notes;
    const QString sql = u"CREATE VIRTUAL TABLE docs USING fts5(body);\n"
                        "CREATE TABLE s (a INT) STRICT;\n"
                        "CREATE TABLE t (a INT);\n"
                        "CREATE VIEW v AS SELECT a FROM t;\n"
                        "CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO t VALUES (NEW.a); END;\n"_s;
    QVERIFY2(DdlImporter::importSqlite(sql, &schema, &error, &notes), qPrintable(error));
    QCOMPARE(schema.tables.keys(), (QStringList{u"s"_s, u"t"_s})); // no docs, nor docs_data & co.
    QCOMPARE(schema.views.keys(), QStringList{u"v"_s});
    const QString all = notes.join(u'\n');
    QVERIFY2(all.contains(u"table docs is a virtual table (\"CREATE VIRTUAL TABLE docs USING fts5(body)\"): a "
                          "baseline cannot hold it"_s),
             qPrintable(all));
    QVERIFY2(all.contains(u"table s is STRICT"_s), qPrintable(all));
    QVERIFY2(all.contains(u"trigger v_insert is on view v"_s), qPrintable(all));
    QCOMPARE(notes.size(), 3);
}

void TestSqliteDdlImporter::dumpOutput()
{
    // What the sqlite3 shell's .dump writes: settings, a transaction, rows, the AUTOINCREMENT
    // counter, and the schema between them.
    const QString shell = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (shell.isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    QTemporaryDir dir;
    QProcess process;
    process.start(shell, {dir.filePath(u"shop.db"_s)});
    process.write("CREATE TABLE customer (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);\n"
                  "CREATE INDEX customer_name ON customer (name);\n"
                  "CREATE TABLE log (what TEXT);\n"
                  "CREATE TRIGGER customer_log AFTER INSERT ON customer BEGIN INSERT INTO log VALUES (NEW.name); END;\n"
                  "CREATE VIEW names AS SELECT name FROM customer;\n"
                  "INSERT INTO customer (name) VALUES ('Ada'), ('Alan');\n"
                  ".dump\n");
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    const QString dump = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(dump.contains(u"INSERT INTO sqlite_sequence"_s), qPrintable(dump));
    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importSqlite(dump, &schema, &error, &notes), qPrintable(error));
    QCOMPARE(schema.tables.keys(), (QStringList{u"customer"_s, u"log"_s}));
    QCOMPARE(schema.views.keys(), QStringList{u"names"_s});
    QCOMPARE(schema.table(u"customer"_s)->column(u"id"_s)->identityKind, Column::Identity::AutoIncrement);
    QCOMPARE(schema.table(u"customer"_s)->indexes.size(), 1);
    QCOMPARE(schema.table(u"customer"_s)->triggers.size(), 1);
    const QString all = notes.join(u'\n');
    QVERIFY2(all.contains(u"\"PRAGMA foreign_keys=OFF\": a PRAGMA sets the connection"_s), qPrintable(all));
    QVERIFY2(all.contains(u"data statement(s) skipped"_s) && all.contains(u"INSERT INTO customer VALUES(1,'Ada')"_s),
             qPrintable(all));
}

void TestSqliteDdlImporter::debianSchemas_data()
{
    QTest::addColumn<QString>("file");       // under TIDELINE_DEBIAN_SCHEMAS
    QTest::addColumn<QString>("table");      // a table with a foreign key
    QTest::addColumn<QString>("key");        // its first foreign key, as the file declares it
    QTest::addColumn<QString>("note");       // a piece of the notes
    QTest::newRow("roundcube-core") << u"usr/share/roundcube/SQL/sqlite.initial.sql"_s << u"contacts"_s
                                    << u"user_id -> users(user_id) ON DELETE CASCADE ON UPDATE CASCADE"_s
                                    << u"1 data statement(s) skipped"_s;
    QTest::newRow("pdns-backend-sqlite3") << u"usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"_s
                                          << u"records"_s
                                          << u"domain_id -> domains(id) ON DELETE CASCADE ON UPDATE CASCADE"_s
                                          << u"\"PRAGMA foreign_keys = 1\": a PRAGMA sets the connection"_s;
}

void TestSqliteDdlImporter::debianSchemas()
{
    // Real schemas nobody here wrote (test.sh fetches them; see TIDELINE_DEBIAN_SCHEMAS there).
    QFETCH(QString, file);
    QFETCH(QString, table);
    QFETCH(QString, key);
    QFETCH(QString, note);
    const QString root = qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
    if (root.isEmpty() || !QFile::exists(QDir(root).filePath(file)))
        QSKIP(qPrintable(u"%1 is not unpacked under TIDELINE_DEBIAN_SCHEMAS"_s.arg(file)));
    QFile in(QDir(root).filePath(file));
    QVERIFY(in.open(QIODevice::ReadOnly));
    Schema schema;
    QString error;
    QStringList notes;
    QVERIFY2(DdlImporter::importSqlite(QString::fromUtf8(in.readAll()), &schema, &error, &notes), qPrintable(error));
    QVERIFY(schema.tables.size() >= 5);
    const Table *t = schema.table(table);
    QVERIFY(t);
    QString actual;
    for (const Constraint &c : t->constraints) {
        if (c.kind == Constraint::Kind::ForeignKey && actual.isEmpty())
            actual = u"%1 -> %2(%3) ON DELETE %4 ON UPDATE %5"_s.arg(c.columns.join(u','), c.refTable,
                                                                    c.refColumns.join(u','), c.onDelete, c.onUpdate);
    }
    QCOMPARE(actual, key);
    QVERIFY2(notes.join(u'\n').contains(note), qPrintable(notes.join(u'\n')));
}

void TestSqliteDdlImporter::liveEqualsFile_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("rich") << richBaseline();
    QFile shop(QStringLiteral(TIDELINE_TEST_DATA "/ddl-sqlite-schema.sql"));
    shop.open(QIODevice::ReadOnly);
    // The shell refuses the sqlite_sequence line its own .schema prints; the importer skips it.
    QTest::newRow("shop") << QString::fromUtf8(shop.readAll()).remove(u"CREATE TABLE sqlite_sequence(name,seq);\n"_s);
    QTest::newRow("virtual, strict, view trigger")
        << u"CREATE VIRTUAL TABLE docs USING fts5(body); CREATE TABLE s (a INT, b TEXT COLLATE RTRIM) STRICT;\n"
           "CREATE VIEW v AS SELECT a FROM s;\n"
           "CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO s (a) VALUES (NEW.a); END;\n"
           "CREATE INDEX s_b ON s (b COLLATE NOCASE, a DESC) WHERE a > 0;"_s;
    const QString root = qEnvironmentVariable("TIDELINE_DEBIAN_SCHEMAS");
    for (const QString &file : {u"usr/share/roundcube/SQL/sqlite.initial.sql"_s,
                                u"usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"_s}) {
        QFile in(QDir(root).filePath(file));
        if (!root.isEmpty() && in.open(QIODevice::ReadOnly))
            QTest::newRow(qPrintable(file)) << QString::fromUtf8(in.readAll());
    }
}

void TestSqliteDdlImporter::liveEqualsFile()
{
    // A schema imported from a file equals the schema read live from a database the real sqlite3
    // shell built from the same file (item 8 of issue 10).
    QFETCH(QString, sql);
    const QString shell = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (shell.isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    Schema fromFile;
    QString error;
    QStringList fileNotes;
    QVERIFY2(DdlImporter::importSqlite(sql, &fromFile, &error, &fileNotes), qPrintable(error));
    QTemporaryDir dir;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(shell, {u"-bail"_s, dir.filePath(u"live.db"_s)});
    process.write(sql.toUtf8());
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAll().constData());
    const QString connection = QUuid::createUuid().toString();
    Schema live;
    QStringList liveNotes;
    bool read = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(dir.filePath(u"live.db"_s));
        QVERIFY(db.open());
        read = LiveCatalog::read(db, u"sqlite"_s, &live, &error, &liveNotes);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(live.tables.keys(), fromFile.tables.keys());
    for (const Table &table : fromFile.tables) {
        const Table &other = *live.table(table.name);
        QCOMPARE(describe(other), describe(table));
        QCOMPARE(other.indexes, table.indexes);
        QCOMPARE(other.triggers, table.triggers);
        QCOMPARE(other.withoutRowid, table.withoutRowid);
        QVERIFY2(other == table, qPrintable(table.name));
    }
    QCOMPARE(live.views.keys(), fromFile.views.keys());
    QVERIFY(live == fromFile);
    // What a baseline cannot hold is said by both (the file alone has data and settings to skip).
    for (const QString &note : std::as_const(liveNotes))
        QVERIFY2(fileNotes.contains(note), qPrintable(note));
}

void TestSqliteDdlImporter::largeSchemaIsLinear()
{
    // SQLite scans its whole catalog for every CREATE, and the importer used to hand it the whole
    // rest of the script each time: 8,000 tables took 80 s. Four times the tables must take
    // about four times as long, not sixteen.
    const auto schemaOf = [](int tables) {
        QString sql;
        for (int i = 0; i < tables; ++i) {
            sql += u"CREATE TABLE t%1 (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, v INT CHECK (v > 0)%2);\n"
                   "CREATE INDEX t%1_v ON t%1 (v);\n"_s.arg(i).arg(i ? u", p INT REFERENCES t%1 (id)"_s.arg(i - 1) : QString());
        }
        sql += u"CREATE VIEW first_and_last AS SELECT * FROM t0 JOIN t%1 ON t%1.p = t0.id;\n"_s.arg(tables - 1);
        return sql;
    };
    const auto seconds = [&](int tables) {
        const QString sql = schemaOf(tables);
        QElapsedTimer timer;
        timer.start();
        Schema schema;
        QString error;
        if (!DdlImporter::importSqlite(sql, &schema, &error))
            qWarning() << error;
        const double elapsed = timer.nsecsElapsed() / 1e9;
        if (schema.tables.size() != tables || schema.table(u"t%1"_s.arg(tables - 1))->indexes.size() != 1
            || schema.views.value(u"first_and_last"_s).columns.size() != 7)
            return -1.0;
        return elapsed;
    };
    const double small = seconds(750), large = seconds(3000);
    QVERIFY(small > 0 && large > 0);
    qInfo("750 tables: %.2f s, 3000 tables: %.2f s", small, large);
    QVERIFY2(large < 9 * small + 0.5, qPrintable(u"%1 s for 3000 tables against %2 s for 750"_s.arg(large).arg(small)));
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
    QVERIFY(!DdlImporter::importSqlite(u"CREATE TABLE a (x INT); INSERT INTO a VALUES (1); DROP TABLE b;"_s,
                                       &schema,
                                       &error));
    QCOMPARE(schema, before);
    QCOMPARE(error, u"statement 3: no such table: b: \"DROP TABLE b\""_s);
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
