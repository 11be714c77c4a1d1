// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteDialect: quoting, the SQL of each op, golden bundles, and proof by execution on real
// SQLite databases (temporary files): through the real sqlite3 shell (every file twice, and again
// after later releases), through Applier, with rows whose fate is checked by plain SQL.
//
// The expectations read the database with SQLite's own pragmas and with queries written here,
// not through Tideline's model: foreign-key actions from pragma_foreign_key_list, partial and
// expression indexes from pragma_index_list/_xinfo, AUTOINCREMENT from sqlite_sequence and the
// next id handed out, rows by value.

#include "execution.h"
#include "sqlfixtures.h"

#include <engine/engine.h>
#include <engine/schemaops.h>
#include <io/planfile.h>
#include <sql/applier.h>
#include <sql/bundle.h>
#include <sql/connection.h>
#include <sql/livecatalog.h>
#include <sql/sqlitedialect.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

Q_DECLARE_METATYPE(Tideline::SchemaOp)

namespace {

/** A QSQLITE connection on a file of its own, removed with the object. */
class TempDatabase
{
public:
    TempDatabase()
        : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", m_name);
        db.setDatabaseName(m_dir.filePath("test.db"));
        db.open();
    }
    ~TempDatabase()
    {
        {
            QSqlDatabase::database(m_name, false).close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QString path() const { return m_dir.filePath("test.db"); }
    QString dir() const { return m_dir.path(); }

    bool exec(const QString &sql, QString *error = nullptr) const
    {
        QSqlQuery q(db());
        if (q.exec(sql))
            return true;
        if (error)
            *error = q.lastError().text() + " in: " + sql;
        else
            qWarning() << q.lastError().text() << sql;
        return false;
    }
    QVariant value(const QString &sql) const
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next()) {
            qWarning() << "no value:" << q.lastError().text() << sql;
            return {};
        }
        return q.value(0);
    }

private:
    QTemporaryDir m_dir;
    QString m_name;
};

/**
 * Runs a unit as `tideline-cli apply` does, without the ledger: its guard first (when
 * @p useGuard), then its statements one by one (SQLite units hold their own BEGIN ... COMMIT).
 */
bool runUnit(const TempDatabase &t, const ScriptUnit &unit, bool *skipped, QString *error, bool useGuard = true)
{
    const SqliteDialect dialect;
    *skipped = false;
    if (useGuard && !unit.guard.isEmpty()) {
        QSqlQuery guard(t.db());
        if (!guard.exec(unit.guard)) {
            *error = "guard: " + guard.lastError().text() + " in: " + unit.guard;
            return false;
        }
        *skipped = guard.next();
        guard.finish();
        if (*skipped)
            return true;
    }
    for (const QString &statement : dialect.splitStatements(unit.sql)) {
        if (!t.exec(statement, error)) {
            t.exec("ROLLBACK");
            return false;
        }
    }
    return true;
}

Column column(const QString &name, const QString &type, bool nullable = true, const QString &defaultValue = {})
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultValue = defaultValue;
    return c;
}

/**
 * t(id identity, a text NOT NULL, b varchar(10), c integer DEFAULT 0 CHECK (c >= 0), d text
 * filled by a sync trigger from a), index on c; and u(id identity).
 */
Schema smallSchema()
{
    Table t;
    t.name = "t";
    Column id = column("id", "integer", false);
    id.identity = true;
    t.columns = {id, column("a", "text", false), column("b", "varchar(10)"), column("c", "integer", true, "0"),
                 column("d", "text")};
    t.primaryKey = {"id"};
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.columns = {"id"};
    pk.name = "t_pkey";
    Constraint check;
    check.kind = Constraint::Kind::Check;
    check.name = "t_c_check";
    check.columns = {"c"};
    check.expression = "\"c\" >= 0";
    t.constraints = {pk, check};
    Index index;
    index.name = "t_c_idx";
    index.columns = {"c"};
    t.indexes = {index};
    SyncTrigger sync;
    sync.target = "d";
    sync.sources = {"a"};
    sync.sourceColumn = "a";
    t.syncs = {sync};
    Table u;
    u.name = "u";
    u.columns = {id};
    u.primaryKey = {"id"};
    Schema s;
    s.tables.insert(t.name, t);
    s.tables.insert(u.name, u);
    return s;
}

SchemaOp op(SchemaOp::Type type, const QString &columnName = {})
{
    SchemaOp o;
    o.type = type;
    o.table = "t";
    o.columnName = columnName;
    return o;
}

QString sqlite3Binary()
{
    return QStandardPaths::findExecutable("sqlite3");
}

struct Shell
{
    int exitCode = -1;
    QString output;
};

/** Runs @p script in the real sqlite3 shell as the run note says: sqlite3 -bail DATABASE < FILE. */
Shell sqlite3(const QString &database, const QByteArray &script, bool foreignKeys = false)
{
    QProcess process;
    QStringList arguments{"-bail"};
    if (foreignKeys) // as an application that enforces its keys would have it
        arguments << "-cmd" << "PRAGMA foreign_keys = ON";
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(sqlite3Binary(), arguments << database);
    process.write(script);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

/** Calls @p use with a connection of its own to the database file @p path, closed after it: none
 *  stays open while sqlite3 runs. */
template<typename Use>
void withConnection(const QString &path, const Use &use)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
        db.setDatabaseName(path);
        db.open();
        use(db);
    }
    QSqlDatabase::removeDatabase(name);
}

/**
 * Everything a user would call the database's content, read with plain SQL: every catalog
 * entry's SQL, every row of every table with its row id, and the AUTOINCREMENT counters.
 * Tideline's ledger is left out.
 */
QString snapshot(const QString &path)
{
    QStringList lines;
    withConnection(path, [&](QSqlDatabase db) {
        QSqlQuery q(db);
        q.exec("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name <> 'tideline_applied' "
               "ORDER BY type, name");
        QStringList tables;
        while (q.next()) {
            lines << QStringList{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                 q.value(3).toString()}
                         .join('|');
            if (q.value(0).toString() == "table")
                tables << q.value(1).toString();
        }
        for (const QString &table : std::as_const(tables)) {
            QSqlQuery wr(db);
            wr.exec(QString("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = '%1'")
                        .arg(QString(table).replace("'", "''")));
            // sqlite_sequence's own row ids are SQLite's business: its rows are compared by value.
            const bool withoutRowid = (wr.next() && wr.value(0).toInt() == 1) || table == "sqlite_sequence";
            QSqlQuery rows(db);
            rows.exec(QString("SELECT %1* FROM \"%2\"")
                          .arg(withoutRowid ? QString() : QString("rowid, "), QString(table).replace("\"", "\"\"")));
            QStringList values;
            while (rows.next()) {
                QStringList row;
                for (int i = 0; i < rows.record().count(); ++i)
                    row << (rows.value(i).isNull() ? QString("NULL") : rows.value(i).toString());
                values << table + ": " + row.join(',');
            }
            values.sort();
            lines += values;
        }
    });
    return lines.join('\n');
}

/** The value of @p sql on the database file @p path. */
QVariant valueAt(const QString &path, const QString &sql)
{
    QVariant value;
    withConnection(path, [&](QSqlDatabase db) {
        QSqlQuery q(db);
        if (q.exec(sql) && q.next())
            value = q.value(0);
        else
            qWarning() << "no value:" << q.lastError().text() << sql;
    });
    return value;
}

/** Runs @p statements on the database file @p path as the application would: keys enforced. */
bool execAt(const QString &path, const QStringList &statements)
{
    bool ok = true;
    withConnection(path, [&](QSqlDatabase db) {
        QSqlQuery q(db);
        q.exec("PRAGMA foreign_keys = ON");
        for (const QString &statement : statements) {
            if (!q.exec(statement)) {
                qWarning() << q.lastError().text() << statement;
                ok = false;
            }
        }
    });
    return ok;
}

/** Loads fixture plan @p plan and builds its SQLite bundles (baseline first). */
bool sqliteBundles(const QString &plan, LoadedPlan *loaded, QList<Bundle> *bundles, QString *error)
{
    if (!loadPlan(plan, loaded, error))
        return false;
    *bundles = bundlesOf(*loaded->engine, SqliteDialect(), error);
    return !bundles->isEmpty();
}

/** Writes of the application versions around release @p k of sqlite-rich (before its files run):
 *  the old version writes only the old columns, the new one both, as the runbook interleaves
 *  them. */
QStringList richWrites(int k)
{
    switch (k) {
    case 1: // A_0 on S_0: the seed
        return {"INSERT INTO parent (name, code, kind, score) VALUES ('Ada', 'A1', 'paper', 3), "
                "('Alan', 'A2', 'digital', 5), ('Grace', NULL, 'paper', NULL)",
                "DELETE FROM parent WHERE name = 'Grace'", // id 3 is gone: AUTOINCREMENT must not reuse it
                "INSERT INTO child (parent_id, parent_code, note) VALUES (1, 'A1', 'x'), (1, NULL, NULL), (2, 'A2', 'y')",
                "INSERT INTO kv (k, v, extra) VALUES ('a', '1', NULL), ('b', '2', 'e')",
                "INSERT INTO plain (label, amount) VALUES ('gone', 1), ('small one', 2), ('big one', 20)",
                "DELETE FROM plain WHERE label = 'gone'"}; // row ids 2 and 3 stay
    case 2: // A_0 still writes the old columns only (rolled back to, or not yet retired); A_1 both
        return {"INSERT INTO parent (name, code, kind, score) VALUES ('Old', 'O1', 'digital', 7)",
                "INSERT INTO child (parent_id, parent_code, note) VALUES (4, 'O1', 'old')",
                "UPDATE parent SET kind = 'digital' WHERE name = 'Ada'",
                "INSERT INTO kv (k, v, extra) VALUES ('c', '3', NULL)",
                "INSERT INTO plain (label, amount) VALUES ('late', 50)",
                "INSERT INTO parent (name, code, ref_code, kind, ticket_kind, score) VALUES ('New', 'N1', 'N1', "
                "'paper', 'paper', 1)",
                // The highest id goes: after the rebuilds to come it must not be handed out again.
                "INSERT INTO parent (name, kind) VALUES ('Temp', 'paper')",
                "DELETE FROM parent WHERE name = 'Temp'"};
    default:
        return {};
    }
}

} // namespace

class TestSqliteDialect : public QObject
{
    Q_OBJECT

private slots:
    void quoting();
    void types();
    void splitStatements();
    void createSchema();
    void compareReportsDifferences();
    void ops_data();
    void ops();
    void commentsStayInThePlan();
    void syncTriggerSemantics();
    void golden_data();
    void golden();
    void execution_data();
    void execution();
    void rowsSurvive();
    void applyTwice();
    void richSchemaKeepsEverything_data();
    void richSchemaKeepsEverything();
    void filesRunTwiceInSqlite3_data();
    void filesRunTwiceInSqlite3();
    void earlierReleasesAgain_data();
    void earlierReleasesAgain();
    void hostileNamesAndCanary();
    void connectionErrors();
    void connectionSqlite();
    void renameTableLeavesWritableView();
    void viewsAreMadeAndReplaced();
};

void TestSqliteDialect::quoting()
{
    const SqliteDialect d;
    QCOMPARE(d.quoteIdentifier("select"), QString("\"select\""));
    QCOMPARE(d.quoteIdentifier("we\"ird`]"), QString("\"we\"\"ird`]\""));
    QCOMPARE(d.quoteIdentifier("Robert'); DROP TABLE x;--"), QString("\"Robert'); DROP TABLE x;--\""));
    QCOMPARE(d.quoteIdentifier("naïve $$ column"), QString("\"naïve $$ column\""));
    QCOMPARE(d.quoteString("it's"), QString("'it''s'"));

    // The quoted names really are names: a table of them round-trips through SQLite.
    TempDatabase t;
    const QStringList names{"select", "we\"ird`]", "Robert'); DROP TABLE x;--", "naïve $$ column", "prénom", "*/ --"};
    for (const QString &name : names) {
        QVERIFY(t.exec(QString("CREATE TABLE %1 (%1 text)").arg(d.quoteIdentifier(name))));
        QCOMPARE(t.value(QString("SELECT count(*) FROM pragma_table_info(%1) WHERE name = %2")
                             .arg(d.quoteString(name), d.quoteString(name)))
                     .toInt(),
                 1);
    }
}

void TestSqliteDialect::types()
{
    const SqliteDialect d;
    QCOMPARE(d.mapType("varchar(100)"), QString("varchar(100)"));
    QCOMPARE(d.mapType("numeric(12, 2)"), QString("numeric(12, 2)"));
    QCOMPARE(d.mapType("timestamp with time zone"), QString("timestamp with time zone"));
    QCOMPARE(d.mapType("bigserial"), QString("integer"));
    QCOMPARE(d.mapType("integer[]"), QString("text"));
    QCOMPARE(d.mapType("bytea"), QString("blob"));
    QCOMPARE(d.mapType("int); DROP TABLE x; --"), QString("\"int); DROP TABLE x; --\""));
    QCOMPARE(SqliteDialect::mapDefault("'x'::character varying"), QString("'x'"));
    QCOMPARE(SqliteDialect::mapDefault("now()"), QString("CURRENT_TIMESTAMP"));
    QCOMPARE(SqliteDialect::mapDefault("0"), QString("0"));
    QCOMPARE(SqliteDialect::normalizeType("NUMERIC (12 , 2)"), QString("numeric(12,2)"));
}

void TestSqliteDialect::splitStatements()
{
    const SqliteDialect d;
    const QString sql = "-- header; with a semicolon\n"
                        "CREATE TABLE \"a;b\" (x text DEFAULT 'semi;colon');\n\n"
                        "CREATE TRIGGER tr AFTER INSERT ON \"a;b\" BEGIN\n"
                        "    UPDATE \"a;b\" SET x = 'y;' WHERE rowid = NEW.rowid;\n"
                        "    SELECT 1;\n"
                        "END;\n"
                        "/* block ; comment */ SELECT 2;\n"
                        "-- trailing comment only\n";
    const QStringList statements = d.splitStatements(sql);
    QCOMPARE(statements.size(), 3);
    QCOMPARE(statements.at(0), QString("CREATE TABLE \"a;b\" (x text DEFAULT 'semi;colon');"));
    QVERIFY(statements.at(1).startsWith("CREATE TRIGGER tr"));
    QVERIFY(statements.at(1).endsWith("END;"));
    QCOMPARE(statements.at(2), QString("/* block ; comment */ SELECT 2;"));
    QCOMPARE(d.splitStatements("SELECT 1"), QStringList{"SELECT 1"});
    QVERIFY(d.splitStatements("  -- nothing\n").isEmpty());
}

void TestSqliteDialect::createSchema()
{
    const SqliteDialect d;
    const QList<ScriptUnit> units = d.createSchema(smallSchema());
    QCOMPARE(units.size(), 1);
    const ScriptUnit &unit = units.first();
    QVERIFY(!unit.transactional); // it holds its own transaction
    QVERIFY2(unit.sql.contains("CREATE TABLE IF NOT EXISTS \"t\" (\n"
                               "    \"id\" INTEGER NOT NULL CONSTRAINT \"t_pkey\" PRIMARY KEY,\n"
                               "    \"a\" text NOT NULL,\n"
                               "    \"b\" varchar(10),\n"
                               "    \"c\" integer DEFAULT 0,\n"
                               "    \"d\" text,\n"
                               "    CONSTRAINT \"t_c_check\" CHECK (\"c\" >= 0)\n"
                               ");\n"
                               "CREATE INDEX IF NOT EXISTS \"t_c_idx\" ON \"t\" (\"c\");"),
             qPrintable(unit.sql));
    TempDatabase t;
    bool skipped = false;
    QString error;
    QVERIFY2(runUnit(t, unit, &skipped, &error), qPrintable(error));
    QVERIFY(!skipped);
    QVERIFY2(runUnit(t, unit, &skipped, &error), qPrintable(error));
    QVERIFY(skipped); // the guard: the tables exist
    QVERIFY2(runUnit(t, unit, &skipped, &error, false), qPrintable(error)); // and again without it
    // Read back with SQLite's own pragmas.
    QCOMPARE(t.value("SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('t') ORDER BY cid)").toString(),
             QString("id,a,b,c,d"));
    QCOMPARE(t.value("SELECT group_concat(name) FROM pragma_index_list('t') WHERE origin = 'c'").toString(),
             QString("t_c_idx"));
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 't'").toInt(), 2);
    QVERIFY(t.exec("INSERT INTO t (a) VALUES ('copied')"));
    QCOMPARE(t.value("SELECT d FROM t").toString(), QString("copied")); // the sync trigger
    QVERIFY(!t.exec("INSERT INTO t (a, c) VALUES ('x', -1)", &error)); // the CHECK
    Schema live;
    QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
    QString difference;
    QVERIFY2(compareSchemas(smallSchema(), live, "sqlite", &difference), qPrintable(difference));
    QCOMPARE(live.table("t")->syncs, smallSchema().table("t")->syncs); // recognised as Tideline's
}

void TestSqliteDialect::compareReportsDifferences()
{
    QCOMPARE(normalizeSqlType("character varying(255)", "postgresql"), QString("varchar(255)"));
    QCOMPARE(normalizeSqlType("INT4", "postgresql"), QString("integer"));
    QCOMPARE(normalizeSqlType("int(11)", "mysql"), QString("integer"));
    QCOMPARE(normalizeSqlType("DECIMAL(12, 2)", "mysql"), QString("numeric(12,2)"));

    const Schema expected = smallSchema();
    Schema actual = expected;
    QString difference;
    QVERIFY(compareSchemas(expected, actual, "sqlite", &difference));
    QVERIFY(difference.isEmpty());
    actual.tables["t"].columns[1].nullable = true;
    actual.tables["t"].columns[2].type = "VARCHAR(11)";
    QVERIFY(!compareSchemas(expected, actual, "sqlite", &difference));
    QVERIFY2(difference.contains("t.a is nullable, expected NOT NULL"), qPrintable(difference));
    QVERIFY2(difference.contains("t.b has type VARCHAR(11), expected varchar(10)"), qPrintable(difference));
    actual = expected;
    actual.tables["t"].columns.move(1, 3);
    QVERIFY(compareSchemas(expected, actual, "sqlite", &difference));
    QVERIFY2(difference.startsWith("note: columns of t are in another order"), qPrintable(difference));
    actual.tables.remove("t");
    QVERIFY(!compareSchemas(expected, actual, "sqlite", &difference));
    QCOMPARE(difference, QString("table t is missing"));
}

void TestSqliteDialect::ops_data()
{
    QTest::addColumn<SchemaOp>("operation");
    QTest::addColumn<QString>("contains");     // a piece of the SQL
    QTest::addColumn<QStringList>("check");    // statements; the last one's value is compared
    QTest::addColumn<QString>("expected");     // written here, not computed by Tideline
    const auto row = [](const char *tag, const SchemaOp &operation, const QString &contains, const QStringList &check,
                        const QString &expected) {
        QTest::newRow(tag) << operation << contains << check << expected;
    };

    SchemaOp add = op(SchemaOp::Type::AddColumn);
    add.column = column("e", "varchar(20)", false, "'none'");
    row("add column, constant default", add, "\"e\" varchar(20) NOT NULL DEFAULT 'none'",
        QStringList{"SELECT group_concat(e) FROM t"}, "none,none");
    SchemaOp addExpr = op(SchemaOp::Type::AddColumn);
    addExpr.column = column("e", "timestamp", true, "now()");
    row("add column, CURRENT_TIMESTAMP default", addExpr, "DEFAULT CURRENT_TIMESTAMP",
        QStringList{"SELECT count(e) FROM t"}, "2");
    SchemaOp addBare = op(SchemaOp::Type::AddColumn);
    addBare.column = column("e", "text");
    row("add column, bare", addBare, "NULL AS \"e\"",
        QStringList{"SELECT count(*) FROM t WHERE e IS NULL"}, "2");
    row("drop indexed column", op(SchemaOp::Type::DropColumn, "c"), "CREATE TABLE \"tideline_new_t\"",
        QStringList{"SELECT count(*) FROM pragma_index_list('t') WHERE name = 't_c_idx'"}, "0");
    row("set not null", op(SchemaOp::Type::SetNotNull, "c"), "\"c\" integer NOT NULL DEFAULT 0",
        QStringList{"SELECT \"notnull\" FROM pragma_table_info('t') WHERE name = 'c'"}, "1");
    row("drop not null", op(SchemaOp::Type::DropNotNull, "a"), "PRAGMA foreign_keys = OFF;",
        QStringList{"SELECT \"notnull\" FROM pragma_table_info('t') WHERE name = 'a'"}, "0");
    const auto addConstraint = [](Constraint::Kind kind, const QString &name, const QStringList &columns) {
        SchemaOp o = op(SchemaOp::Type::AddConstraint);
        o.constraint.kind = kind;
        o.constraint.name = name;
        o.constraint.columns = columns;
        return o;
    };
    SchemaOp check = addConstraint(Constraint::Kind::Check, "c_small", {"c"});
    check.constraint.expression = "\"c\" < 100";
    row("add check", check, "CONSTRAINT \"c_small\" CHECK (\"c\" < 100)",
        QStringList{"SELECT count(*) FROM t WHERE c >= 100"}, "0");
    const SchemaOp unique = addConstraint(Constraint::Kind::Unique, {}, {"a", "b"});
    row("add unique", unique, "UNIQUE (\"a\", \"b\")",
        QStringList{"SELECT count(*) FROM pragma_index_list('t') WHERE origin = 'u'"}, "1");
    SchemaOp fk = addConstraint(Constraint::Kind::ForeignKey, "t_c_fkey", {"c"});
    fk.constraint.refTable = "u";
    fk.constraint.refColumns = {"id"};
    fk.constraint.onDelete = "SET NULL";
    fk.constraint.deferrable = true;
    row("add foreign key", fk, "REFERENCES \"u\" (\"id\") ON DELETE SET NULL DEFERRABLE",
        QStringList{"SELECT \"table\" || ':' || on_delete FROM pragma_foreign_key_list('t')"}, "u:SET NULL");
    SchemaOp dropCheck = op(SchemaOp::Type::DropConstraint);
    dropCheck.constraint = smallSchema().table("t")->constraints.at(1);
    row("drop constraint", dropCheck, "CREATE TABLE \"tideline_new_t\"",
        QStringList{"SELECT instr(sql, 't_c_check') FROM sqlite_master WHERE name = 't'"}, "0");
    SchemaOp setDefault = op(SchemaOp::Type::SetDefault, "b");
    setDefault.value = "'dflt'";
    row("set default", setDefault, "\"b\" varchar(10) DEFAULT 'dflt'",
        QStringList{"INSERT INTO t (a) VALUES ('n')", "SELECT b FROM t WHERE a = 'n'"}, "dflt");
    row("drop default", op(SchemaOp::Type::DropDefault, "c"), "\"c\" integer,",
        QStringList{"INSERT INTO t (a) VALUES ('n')", "SELECT coalesce(c, 'null') FROM t WHERE a = 'n'"}, "null");
    SchemaOp copy = op(SchemaOp::Type::Backfill, "b");
    copy.sourceColumn = "a";
    row("backfill by copy", copy, "(SELECT CAST(\"a\" AS varchar(10)) FROM \"t\" WHERE \"t\".rowid = \"tideline_rows\".\"tideline_key\")",
        QStringList{"SELECT group_concat(b, '|') FROM (SELECT b FROM t ORDER BY id)"}, "x|w");
    SchemaOp fill = op(SchemaOp::Type::Backfill, "b");
    fill.expression = "upper(a)";
    row("backfill by expression", fill, "(SELECT (upper(a)) FROM \"t\"",
        QStringList{"SELECT group_concat(b, '|') FROM (SELECT b FROM t ORDER BY id)"}, "X|w");
    SchemaOp sync = op(SchemaOp::Type::AddSyncTrigger, "b");
    sync.sourceColumn = "a";
    sync.sources = {"a"};
    row("sync trigger", sync, "AFTER UPDATE OF \"a\" ON \"t\"",
        QStringList{"INSERT INTO t (a) VALUES ('q')", "SELECT b FROM t WHERE a = 'q'"}, "q");
    row("drop sync trigger", op(SchemaOp::Type::DropSyncTrigger, "d"), "DROP TRIGGER IF EXISTS \"tideline_sync_t_d_update\";",
        QStringList{"INSERT INTO t (a) VALUES ('q')", "SELECT coalesce(d, 'empty') FROM t WHERE a = 'q'"}, "empty");
    SchemaOp swap = op(SchemaOp::Type::SwapColumn, "a");
    swap.newName = "b";
    swap.column = column("a", "varchar(10)");
    row("swap", swap, "(SELECT \"b\" FROM \"t\" WHERE \"t\".rowid = \"tideline_rows\".\"tideline_key\")",
        QStringList{"SELECT type || ':' || (SELECT group_concat(coalesce(a, 'NULL'), '|') FROM t) FROM pragma_table_info('t') WHERE name = 'a'"},
        "varchar(10):NULL|w");
    SchemaOp index = op(SchemaOp::Type::AddIndex);
    index.index.name = "t_lower_idx";
    index.index.columns = {"lower(a)", "c"};
    index.index.descending = {false, true};
    index.index.where = "c > 0";
    row("add partial expression index", index,
        "CREATE INDEX IF NOT EXISTS \"t_lower_idx\" ON \"t\" ((lower(a)), \"c\" DESC)\n    WHERE c > 0;",
        QStringList{"SELECT (SELECT partial FROM pragma_index_list('t') WHERE name = 't_lower_idx') || ':' || "
                    "(SELECT group_concat(cid || '/' || \"desc\") FROM pragma_index_xinfo('t_lower_idx') WHERE key = 1)"},
        "1:-2/0,3/1");
    SchemaOp dropIndex = op(SchemaOp::Type::DropIndex);
    dropIndex.index.name = "t_c_idx";
    row("drop index", dropIndex, "DROP INDEX IF EXISTS \"t_c_idx\";",
        QStringList{"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 't'"}, "0");
    SchemaOp create;
    create.type = SchemaOp::Type::CreateTable;
    create.newTable.name = "v";
    create.newTable.columns = {column("x", "text")};
    row("create table", create, "CREATE TABLE IF NOT EXISTS \"v\"",
        QStringList{"SELECT count(*) FROM pragma_table_info('v')"}, "1");
}

void TestSqliteDialect::ops()
{
    QFETCH(SchemaOp, operation);
    QFETCH(QString, contains);
    QFETCH(QStringList, check);
    QFETCH(QString, expected);
    const SqliteDialect d;
    const Schema before = smallSchema();
    const OpScript script = d.script(operation, before, Policy());
    QVERIFY(!script.offline);
    QCOMPARE(script.units.size(), 1);
    const ScriptUnit &unit = script.units.first();
    QVERIFY2(unit.sql.contains(contains), qPrintable(unit.sql));
    QVERIFY(!unit.transactional);
    QVERIFY2(!unit.sql.contains("is not generated yet"), qPrintable(unit.sql));

    // On a database in state `before` with rows, and a child row that points at t with ON DELETE
    // CASCADE while the session enforces foreign keys, the unit runs; run again, with or without
    // its guard, it changes nothing; the result is the schema the engine computes.
    TempDatabase t;
    bool skipped = false;
    QString error;
    QVERIFY2(runUnit(t, d.createSchema(before).first(), &skipped, &error), qPrintable(error));
    QVERIFY(t.exec("INSERT INTO t (a, b, c) VALUES ('x', NULL, 1), ('z', 'w', 2)"));
    QVERIFY(t.exec("INSERT INTO u (id) VALUES (1), (2)"));
    QVERIFY(t.exec("CREATE TABLE child (id INTEGER PRIMARY KEY, t_id integer REFERENCES t (id) ON DELETE CASCADE)"));
    QVERIFY(t.exec("INSERT INTO child (t_id) VALUES (1), (2)"));
    QVERIFY(t.exec("PRAGMA foreign_keys = ON"));
    QVERIFY2(runUnit(t, unit, &skipped, &error), qPrintable(error + "\n" + unit.sql));
    QVERIFY(!skipped);
    const QString once = snapshot(t.path());
    QVERIFY2(runUnit(t, unit, &skipped, &error), qPrintable(error));
    QVERIFY(!skipped || !unit.guard.isEmpty());
    QVERIFY2(runUnit(t, unit, &skipped, &error, false), qPrintable(error));
    QCOMPARE(snapshot(t.path()), once);
    if (unit.sql.contains("PRAGMA foreign_keys = OFF;")) // a rebuild turns them off for its session
        QCOMPARE(t.value("PRAGMA foreign_keys").toInt(), 0);

    Schema expectedSchema = before;
    QSet<QString> filled;
    QVERIFY2(applySchemaOp(operation, &expectedSchema, &filled, &error), qPrintable(error));
    Schema live;
    QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
    live.tables.remove("child");
    QString difference;
    QVERIFY2(compareSchemas(expectedSchema, live, "sqlite", &difference), qPrintable(difference));
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    // Rows and children survive; the indexes, triggers and checks the engine keeps are there.
    QCOMPARE(t.value("SELECT count(*) FROM t").toInt(), 2);
    QCOMPARE(t.value("SELECT count(*) FROM child").toInt(), 2);
    QCOMPARE(t.value("SELECT count(*) FROM pragma_foreign_key_check").toInt(), 0);
    QCOMPARE(live.table("t")->indexes.size(), expectedSchema.table("t")->indexes.size());
    QCOMPARE(live.table("t")->syncs, expectedSchema.table("t")->syncs);
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE name LIKE 'tideline_new_%'").toInt(), 0);
    // What the op was for, read with plain SQL.
    QString value;
    for (const QString &statement : check) {
        QSqlQuery q(t.db());
        QVERIFY2(q.exec(statement), qPrintable(q.lastError().text() + " in: " + statement));
        if (q.next())
            value = q.value(0).toString();
    }
    QCOMPARE(value, expected);
}

void TestSqliteDialect::commentsStayInThePlan()
{
    // SQLite has no comments: SetComment makes no SQL, CREATE TABLE carries none, and the
    // engine's state keeps the comment.
    const SqliteDialect d;
    SchemaOp comment = op(SchemaOp::Type::SetComment, "a");
    comment.value = "who wrote it -- */ ;";
    QVERIFY(d.script(comment, smallSchema(), Policy()).units.isEmpty());
    Schema schema = smallSchema();
    QSet<QString> filled;
    QString error;
    QVERIFY(applySchemaOp(comment, &schema, &filled, &error));
    QCOMPARE(schema.table("t")->column("a")->comment, comment.value);
    QVERIFY(!d.createSchema(schema).first().sql.contains("who wrote it"));
}

void TestSqliteDialect::syncTriggerSemantics()
{
    // The conditional sync trigger (SyncTrigger in schema.h): INSERT fills the target only when
    // the statement left it NULL; UPDATE recomputes it only when a source changed and the target
    // did not. Checked with rows, written as the old and the new application write them.
    Schema before = smallSchema();
    before.tables["t"].syncs.clear();
    before.tables["t"].columns.append(column("full", "text"));
    const SqliteDialect d;
    SchemaOp copy = op(SchemaOp::Type::AddSyncTrigger, "b");
    copy.sourceColumn = "a";
    copy.sources = {"a"};
    SchemaOp merge = op(SchemaOp::Type::AddSyncTrigger, "full");
    merge.sources = {"a", "c"};
    merge.expression = "a || ' ' || coalesce(c, '?')";
    TempDatabase t;
    bool skipped = false;
    QString error;
    QVERIFY2(runUnit(t, d.createSchema(before).first(), &skipped, &error), qPrintable(error));
    Schema state = before;
    QSet<QString> filled;
    for (const SchemaOp &o : {copy, merge}) {
        QVERIFY2(runUnit(t, d.script(o, state, Policy()).units.first(), &skipped, &error), qPrintable(error));
        QVERIFY(applySchemaOp(o, &state, &filled, &error));
    }
    QVERIFY(t.exec("PRAGMA recursive_triggers = ON")); // no trigger may fire itself even then
    const auto row = [&](int id) {
        return t.value(QString("SELECT coalesce(b, 'NULL') || '|' || coalesce(full, 'NULL') FROM t WHERE id = %1").arg(id))
            .toString();
    };
    QVERIFY(t.exec("INSERT INTO t (id, a, c) VALUES (1, 'old', NULL)"));     // old app: a only
    QCOMPARE(row(1), QString("old|old ?"));
    QVERIFY(t.exec("INSERT INTO t (id, a, b, c, full) VALUES (2, 'x', 'mine', 5, 'set by app')")); // new app
    QCOMPARE(row(2), QString("mine|set by app"));
    QVERIFY(t.exec("UPDATE t SET a = 'renamed' WHERE id = 1"));               // old app updates a
    QCOMPARE(row(1), QString("renamed|renamed ?"));
    QVERIFY(t.exec("UPDATE t SET a = 'y', b = 'kept' WHERE id = 2"));         // new app writes b itself
    QCOMPARE(row(2), QString("kept|y 5"));
    QVERIFY(t.exec("UPDATE t SET a = 'y' WHERE id = 2"));                     // a not changed
    QCOMPARE(row(2), QString("kept|y 5"));
    QVERIFY(t.exec("UPDATE t SET c = 6 WHERE id = 2"));                       // another source of full
    QCOMPARE(row(2), QString("kept|y 6"));
    QVERIFY(t.exec("UPDATE t SET full = 'hand', a = 'z' WHERE id = 2"));      // full written: kept
    QCOMPARE(row(2), QString("z|hand"));
    QVERIFY(t.exec("INSERT INTO t (id, a, b, c) VALUES (3, 'n', NULL, NULL)")); // left NULL: filled
    QCOMPARE(row(3), QString("n|n ?"));
}

void TestSqliteDialect::golden_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("every kind") << "sql-every-kind";
    QTest::newRow("hostile") << "sql-hostile";
    QTest::newRow("rich") << "sqlite-plans/rich";
    QTest::newRow("sqlite hostile") << "sqlite-plans/hostile";
    QTest::newRow("key kinds") << "sqlite-plans/kinds-keys";
    QTest::newRow("attribute kinds") << "sql-kinds-attrs-sqlite";
    QTest::newRow("table kinds") << "sql-kinds-tables-sqlite";
}

void TestSqliteDialect::golden()
{
    QFETCH(QString, plan);
    const QString difference = goldenDifferenceOfPlan(plan, SqliteDialect(), "sqlite");
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestSqliteDialect::execution_data()
{
    golden_data();
}

void TestSqliteDialect::execution()
{
    QFETCH(QString, plan);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));
    TempDatabase t;
    QStringList log;
    QVERIFY2(runPlanOnDatabase(loaded.plan, SqliteDialect(), t.db(), &log, &error),
             qPrintable(error + "\n" + log.join("\n")));
    QVERIFY(!log.isEmpty());
    if (qEnvironmentVariableIsSet("TIDELINE_SHOW_LOG"))
        qInfo().noquote() << log.join("\n");
    for (const QString &line : std::as_const(log))
        QVERIFY2(!line.contains("note:"), qPrintable(line)); // column order kept by rebuilds
    // Every file ran twice; guarded ones skipped the second time, saying why.
    QVERIFY(log.filter("skipped (guard): ").size() > 0);
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_temp_master").toInt(), 0);
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE name LIKE 'tideline_new_%'").toInt(), 0);
}

void TestSqliteDialect::rowsSurvive()
{
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-every-kind", &loaded, &error), qPrintable(error));
    TempDatabase t;
    QStringList log;
    const auto seed = [&](int release) {
        if (release == 1) {
            t.exec("PRAGMA foreign_keys = ON"); // as an application would run it
            // What A_0 wrote into S_0.
            t.exec("INSERT INTO customer (first_name, last_name, email, nickname, phone, score) VALUES "
                   "('Ada', 'Lovelace', 'Ada@Example.org', 'ada', '1', 3), "
                   "('Alan', 'Turing', NULL, 'alan', NULL, 5)");
            t.exec("INSERT INTO posts (title, author_name, author_email) VALUES "
                   "('p1', 'Ada', 'ada@x'), ('p2', 'Ada', 'ada@x'), ('p3', 'Alan', NULL), ('p4', NULL, NULL)");
            t.exec("INSERT INTO orders (customer_id, total, note) VALUES (1, 12.50, NULL), (2, 7, 'gift')");
        } else if (release == 2) {
            // Written by A_1 on S_1: the sync trigger alone fills total_new for this row.
            t.exec("INSERT INTO orders (customer_id, total, note, code) VALUES (1, 99.95, NULL, 'late')");
        }
    };
    QVERIFY2(runPlanOnDatabase(loaded.plan, SqliteDialect(), t.db(), &log, &error, seed),
             qPrintable(error + "\n" + log.join("\n")));
    QCOMPARE(t.value("SELECT count(*) FROM customer").toInt(), 2);
    QCOMPARE(t.value("SELECT full_name FROM customer WHERE id = 1").toString(), QString("Ada Lovelace"));
    QCOMPARE(t.value("SELECT count(*) FROM customer WHERE full_name IS NULL").toInt(), 0);
    QCOMPARE(t.value("SELECT display_name FROM customer WHERE id = 2").toString(), QString("alan"));
    QCOMPARE(t.value("SELECT email_head || '|' || email_lower FROM customer WHERE id = 1").toString(),
             QString("Ada|ada@example.org"));
    QCOMPARE(t.value("SELECT loyalty_points FROM customer WHERE id = 2").toInt(), 0);
    QCOMPARE(t.value("SELECT count(*) FROM orders WHERE code = 'none'").toInt(), 2);
    QCOMPARE(t.value("SELECT count(*) FROM orders WHERE note = ''").toInt(), 2);
    QCOMPARE(t.value("SELECT total FROM orders WHERE code = 'late'").toDouble(), 99.95);
    QCOMPARE(t.value("SELECT sum(total) FROM orders").toDouble(), 119.45);
    QCOMPARE(t.value("SELECT count(*) FROM authors").toInt(), 2);
    QCOMPARE(t.value("SELECT count(*) FROM posts WHERE author_id IS NULL").toInt(), 1); // p4 has no author
    QCOMPARE(t.value("SELECT count(DISTINCT author_id) FROM posts").toInt(), 2);
    QCOMPARE(t.value("SELECT a.email FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.title = 'p2'").toString(),
             QString("ada@x"));
    // The conversion kept its declared type through the swap, in the column's old place.
    QCOMPARE(t.value("SELECT type FROM pragma_table_info('orders') WHERE name = 'total'").toString(),
             QString("numeric(12,2)"));
    QCOMPARE(t.value("SELECT cid FROM pragma_table_info('orders') WHERE name = 'total'").toInt(), 2);
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").toInt(), 0);
    // apply gives the connection its foreign-key setting back after each rebuild.
    QCOMPARE(t.value("PRAGMA foreign_keys").toInt(), 1);
}

void TestSqliteDialect::applyTwice()
{
    for (const QString &name : {QString("sql-every-kind"), QString("sql-hostile"), QString("sqlite-plans/rich"),
                                QString("sqlite-plans/hostile"), QString("sqlite-plans/kinds-keys"),
                                QString("sql-kinds-attrs-sqlite"), QString("sql-kinds-tables-sqlite")}) {
        LoadedPlan loaded;
        QString error;
        QVERIFY2(loadPlan(name, &loaded, &error), qPrintable(error));
        const Engine &engine = *loaded.engine;
        TempDatabase t;
        const SqliteDialect d;
        Applier applier(t.db(), d);
        const QList<Bundle> bundles = bundlesOf(engine, d, &error);
        QVERIFY2(!bundles.isEmpty(), qPrintable(error));
        int files = 0;
        for (const Bundle &bundle : bundles) {
            files += bundle.files.size();
            QVERIFY2(applier.apply(bundle, {}, &error), qPrintable(name + ": " + error));
            QVERIFY2(applier.apply(bundle, {}, &error), qPrintable(name + " (again): " + error));
        }
        QVERIFY(applier.log().first().startsWith("baseline/"));
        QVERIFY2(applier.log().filter(QRegularExpression(": applied \\(\\d+ statements?\\)$")).size() >= files,
                 qPrintable(applier.log().join("\n")));
        QVERIFY(t.value("SELECT count(*) FROM tideline_applied").toInt() >= files);
        QCOMPARE(t.value("SELECT length(sha256) FROM tideline_applied LIMIT 1").toInt(), 64);
        Schema live;
        QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
        QString difference;
        QVERIFY2(compareSchemas(engine.states().last().schema, live, "sqlite", &difference), qPrintable(difference));
    }

    // An error names the file and the statement, and leaves nothing half done.
    TempDatabase t;
    const SqliteDialect d;
    Applier applier(t.db(), d);
    Bundle bundle;
    bundle.release = "r1";
    BundleFile file;
    file.path = "pre/001-broken.sql";
    file.phase = "pre";
    file.content = "-- header\nCREATE TABLE ok (x text);\nINSERT INTO missing VALUES (1);\n";
    bundle.files << file;
    QString error;
    QVERIFY(!applier.apply(bundle, "pre", &error));
    QVERIFY2(error.startsWith("pre/001-broken.sql: ") && error.contains("no such table")
                 && error.contains("INSERT INTO missing"),
             qPrintable(error));
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE name = 'ok'").toInt(), 0);
    QCOMPARE(t.value("SELECT count(*) FROM tideline_applied").toInt(), 0);
    // A file that holds its own transaction and fails in it leaves nothing either, and the
    // connection's settings as they were.
    BundleFile own = file;
    own.path = "pre/002-own.sql";
    own.transactional = false;
    own.content = "PRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE half (x text);\nINSERT INTO missing VALUES (1);\nCOMMIT;\n";
    bundle.files = {own};
    QVERIFY(t.exec("PRAGMA foreign_keys = ON"));
    QVERIFY(!applier.apply(bundle, "pre", &error));
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE name = 'half'").toInt(), 0);
    QCOMPARE(t.value("PRAGMA foreign_keys").toInt(), 1);
    QVERIFY2(t.exec("BEGIN", &error), qPrintable(error)); // no transaction was left open
    QVERIFY(t.exec("ROLLBACK"));
    // A release with offline files runs only in its maintenance window, when asked for: without
    // --allow-offline it is refused before anything runs; with it, every file runs in order.
    file.path = "offline/001-broken.sql";
    file.phase = "offline";
    file.offlineReason = "needs a rebuild";
    bundle.files = {file};
    QVERIFY(!applier.apply(bundle, {}, &error));
    QVERIFY2(error.contains("needs a maintenance window for offline/001-broken.sql (needs a rebuild); nothing was run"),
             qPrintable(error));
    QVERIFY(!applier.apply(bundle, {}, &error, true));
    QVERIFY2(error.contains("no such table"), qPrintable(error));
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_master WHERE name = 'ok'").toInt(), 0);
}

void TestSqliteDialect::richSchemaKeepsEverything_data()
{
    QTest::addColumn<bool>("shell");
    QTest::newRow("sqlite3 -bail") << true;
    QTest::newRow("tideline-cli apply") << false;
}

void TestSqliteDialect::richSchemaKeepsEverything()
{
    // A schema with everything a rebuild can lose, refactored release by release while the old
    // and the new application write (foreign keys enforced throughout); every file runs twice.
    QFETCH(bool, shell);
    if (shell && sqlite3Binary().isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    LoadedPlan loaded;
    QList<Bundle> bundles;
    QString error;
    QVERIFY2(sqliteBundles("sqlite-plans/rich", &loaded, &bundles, &error), qPrintable(error));
    const SqliteDialect d;
    TempDatabase t;
    const QString db = t.path();
    Applier applier(t.db(), d);
    QVERIFY(t.exec("PRAGMA foreign_keys = ON"));
    for (int k = 0; k < bundles.size(); ++k) {
        QVERIFY(execAt(db, richWrites(k)));
        for (const char *phase : {"baseline", "pre", "backfill", "post"}) {
            for (const BundleFile *file : bundles.at(k).phase(phase)) {
                for (int run = 1; run <= 2; ++run) {
                    const QString before = snapshot(db);
                    if (shell) {
                        const Shell result = sqlite3(db, file->content, true);
                        QVERIFY2(result.exitCode == 0, qPrintable(file->path + ": " + result.output));
                    } else {
                        QVERIFY2(applier.runFile(bundles.at(k), *file, &error), qPrintable(error));
                    }
                    if (run == 2) {
                        const QString after = snapshot(db);
                        if (after != before) {
                            const QStringList a = before.split('\n'), b = after.split('\n');
                            QStringList gone, added;
                            for (const QString &line : a)
                                if (!b.contains(line)) gone << line;
                            for (const QString &line : b)
                                if (!a.contains(line)) added << line;
                            QFAIL(qPrintable(file->path + ": the second run changed the database\n- " + gone.join("\n- ")
                                             + "\n+ " + added.join("\n+ ")));
                        }
                    }
                }
            }
        }
    }
    if (!shell)
        QCOMPARE(t.value("PRAGMA foreign_keys").toInt(), 1); // apply gave the session its setting back

    const auto value = [&](const QString &sql) { return valueAt(db, sql).toString(); };
    // Children survived every rebuild of their parent (ON DELETE CASCADE, keys enforced).
    QCOMPARE(value("SELECT count(*) FROM child"), QString("4"));
    QCOMPARE(value("SELECT group_concat(parent_id) FROM (SELECT parent_id FROM child ORDER BY id)"), QString("1,1,2,4"));
    QCOMPARE(value("SELECT count(*) FROM pragma_foreign_key_check"), QString("0"));
    // Their keys kept their actions and DEFERRABLE; the key that followed the renamed column too.
    QCOMPARE(value("SELECT group_concat(\"from\" || '>' || \"table\" || '.' || \"to\" || ':' || on_update || '/' || on_delete, ' ') "
                   "FROM (SELECT * FROM pragma_foreign_key_list('child') ORDER BY \"from\")"),
             QString("parent_code>parent.ref_code:NO ACTION/SET NULL parent_id>parent.id:CASCADE/CASCADE"));
    QVERIFY(value("SELECT sql FROM sqlite_master WHERE name = 'child'").contains("DEFERRABLE INITIALLY DEFERRED"));
    // AUTOINCREMENT: the counter survived, so the id of the deleted row is not handed out again.
    QVERIFY(value("SELECT sql FROM sqlite_master WHERE name = 'parent'").contains("AUTOINCREMENT"));
    QVERIFY(execAt(db, {"INSERT INTO parent (name, ticket_kind) VALUES ('Next', 'paper')"}));
    QCOMPARE(value("SELECT id FROM parent WHERE name = 'Next'"), QString("7"));
    // The real values moved to the renamed column: not the default (issue 10, item 1).
    QCOMPARE(value("SELECT group_concat(name || '=' || ticket_kind, ' ') FROM (SELECT * FROM parent ORDER BY id)"),
             QString("Ada=digital Alan=digital Old=digital New=paper Next=paper"));
    QCOMPARE(value("SELECT dflt_value FROM pragma_table_info('parent') WHERE name = 'ticket_kind'"), QString("'paper'"));
    QVERIFY(!execAt(db, {"INSERT INTO parent (name, ticket_kind) VALUES ('Bad', 'bogus')"})); // its CHECK
    QCOMPARE(value("SELECT group_concat(coalesce(ref_code, '-')) FROM (SELECT ref_code FROM parent ORDER BY id)"),
             QString("A1,A2,O1,N1,-"));
    // Indexes: partial (its WHERE follows the rename), DESC, expression; the user trigger fires.
    QCOMPARE(value("SELECT group_concat(name || ':' || partial, ' ') FROM (SELECT * FROM pragma_index_list('parent') "
                   "WHERE origin = 'c' ORDER BY name)"),
             QString("parent_lower_idx:0 parent_name_idx_ref_code:1"));
    QCOMPARE(value("SELECT group_concat(cid || '/' || \"desc\") FROM pragma_index_xinfo('parent_name_idx_ref_code') WHERE key = 1"),
             QString("1/1"));
    QCOMPARE(value("SELECT cid FROM pragma_index_xinfo('parent_lower_idx') WHERE key = 1"), QString("-2"));
    QVERIFY(execAt(db, {"UPDATE parent SET name = 'Ada L.' WHERE id = 1"}));
    QCOMPARE(value("SELECT what FROM audit ORDER BY rowid DESC LIMIT 1"), QString("renamed 1"));
    // Collation, generated columns (VIRTUAL and STORED, computed from the converted column).
    QCOMPARE(value("SELECT count(*) FROM parent WHERE name = 'ALAN'"), QString("1"));
    QCOMPARE(value("SELECT group_concat(name || ':' || hidden, ' ') FROM pragma_table_xinfo('parent') WHERE hidden > 0"),
             QString("doubled:2 name_length:3"));
    QCOMPARE(value("SELECT doubled || '/' || name_length || '/' || typeof(score) FROM parent WHERE id = 2"),
             QString("10/4/integer"));
    QCOMPARE(value("SELECT type FROM pragma_table_info('parent') WHERE name = 'score'"), QString("bigint"));
    // WITHOUT ROWID stays so; its NOT NULL column was filled first.
    QCOMPARE(value("SELECT wr FROM pragma_table_list WHERE name = 'kv'"), QString("1"));
    QCOMPARE(value("SELECT group_concat(k || '=' || extra) FROM (SELECT * FROM kv ORDER BY k)"), QString("a=none,b=e,c=none"));
    // A table whose key is not the rowid kept its row ids; the backfilled column got its default.
    QCOMPARE(value("SELECT group_concat(rowid || ':' || category) FROM (SELECT rowid, * FROM plain ORDER BY rowid)"),
             QString("2:small,3:big,4:big"));
    QCOMPARE(value("SELECT dflt_value FROM pragma_table_info('plain') WHERE name = 'category'"), QString("'misc'"));
    // A view over the rebuilt table still reads it; a trigger of another table that writes it
    // still fires (the rename under legacy_alter_table leaves both alone).
    QCOMPARE(value("SELECT count(*) FROM parent_names"), QString("5"));
    QVERIFY(execAt(db, {"INSERT INTO parent (name, ticket_kind) VALUES ('Scoreless', 'paper')",
                        "INSERT INTO child (parent_id) SELECT id FROM parent WHERE name = 'Scoreless'"}));
    QCOMPARE(value("SELECT score FROM parent WHERE name = 'Scoreless'"), QString("0"));
    // Nothing of Tideline's is left behind.
    QCOMPARE(value("SELECT count(*) FROM sqlite_master WHERE name LIKE 'tideline%' AND name <> 'tideline_applied'"),
             QString("0"));
}

void TestSqliteDialect::filesRunTwiceInSqlite3_data()
{
    golden_data();
}

void TestSqliteDialect::filesRunTwiceInSqlite3()
{
    // Every folder-layout file, as it stands, in the real shell: `sqlite3 -bail DATABASE < FILE`,
    // twice; the second run changes nothing. No guard is evaluated: the shell has none.
    QFETCH(QString, plan);
    if (sqlite3Binary().isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));
    const QList<Bundle> bundles = bundlesOf(*loaded.engine, SqliteDialect(), &error);
    TempDatabase t;
    int files = 0;
    for (const Bundle &bundle : bundles) {
        for (const char *phase : {"baseline", "pre", "backfill", "post"}) {
            for (const BundleFile *file : bundle.phase(phase)) {
                const QString header = QString::fromUtf8(file->content);
                QVERIFY2(header.contains("-- Runs as it stands: sqlite3 -bail DATABASE < FILE."), qPrintable(file->path));
                QVERIFY(!file->transactional);
                Shell result = sqlite3(t.path(), file->content);
                QVERIFY2(result.exitCode == 0, qPrintable(bundle.release + "/" + file->path + ": " + result.output));
                const QString once = snapshot(t.path());
                result = sqlite3(t.path(), file->content);
                QVERIFY2(result.exitCode == 0, qPrintable(bundle.release + "/" + file->path + " (again): " + result.output));
                QVERIFY2(snapshot(t.path()) == once, qPrintable(file->path + ": the second run changed the database"));
                ++files;
            }
        }
        // The database is the engine's state after each release.
        Schema live;
        QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
        const int k = bundle.release == "baseline" ? 0 : loaded.engine->releasePosition(bundle.release);
        QString difference;
        QVERIFY2(compareSchemas(loaded.engine->state(k, Phase::Post)->schema, live, "sqlite", &difference),
                 qPrintable(bundle.release + ": " + difference));
    }
    QVERIFY(files > 10);
}

void TestSqliteDialect::earlierReleasesAgain_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("every kind") << "sql-every-kind";
    QTest::newRow("rich") << "sqlite-plans/rich";
    QTest::newRow("sqlite hostile") << "sqlite-plans/hostile";
    QTest::newRow("key kinds") << "sqlite-plans/kinds-keys";
    QTest::newRow("attribute kinds") << "sql-kinds-attrs-sqlite";
    QTest::newRow("table kinds") << "sql-kinds-tables-sqlite";
}

void TestSqliteDialect::earlierReleasesAgain()
{
    // After every release ran (through apply), each earlier one runs again. In sqlite3 each file
    // changes nothing or, as its header says for guarded files, stops at its check before
    // changing anything; through apply every file succeeds (its guard skips it: the ledger shows
    // it applied) and nothing changes either.
    QFETCH(QString, plan);
    if (sqlite3Binary().isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    LoadedPlan loaded;
    QList<Bundle> bundles;
    QString error;
    QVERIFY2(sqliteBundles(plan, &loaded, &bundles, &error), qPrintable(error));
    const SqliteDialect d;
    TempDatabase t;
    {
        Applier applier(t.db(), d);
        for (const Bundle &bundle : bundles) {
            QVERIFY2(applier.apply(bundle, {}, &error), qPrintable(error));
            if (bundle.release == "baseline" && plan == "sqlite-plans/rich") // rows a stale rebuild would lose
                QVERIFY(execAt(t.path(), richWrites(1)));
        }
    }
    const QString final = snapshot(t.path());
    const QStringList phases{"baseline", "pre", "backfill", "post"};
    int stopped = 0, skipped = 0;
    for (int k = 0; k + 1 < bundles.size(); ++k) {
        for (const QString &phase : phases) {
            for (const BundleFile *file : bundles.at(k).phase(phase)) {
                const Shell result = sqlite3(t.path(), file->content);
                const QString where = bundles.at(k).release + "/" + file->path;
                if (result.exitCode != 0) {
                    ++stopped;
                    QVERIFY2(!file->guard.isEmpty(), qPrintable(where + " has no guard, yet stopped: " + result.output));
                    QVERIFY2(result.output.contains("CHECK constraint failed: tideline: "), qPrintable(where + ": " + result.output));
                    QVERIFY2(QString::fromUtf8(file->content).contains("stops at its check"), qPrintable(where));
                }
                QVERIFY2(snapshot(t.path()) == final, qPrintable(where + " changed the database: " + result.output));
            }
        }
        Applier applier(t.db(), d);
        QVERIFY2(applier.apply(bundles.at(k), {}, &error), qPrintable(error + "\n" + applier.log().join("\n")));
        skipped += applier.log().filter("skipped (guard)").size();
        QVERIFY2(snapshot(t.path()) == final, qPrintable(bundles.at(k).release + ": apply changed the database\n"
                                                         + applier.log().join("\n")));
    }
    QVERIFY(skipped > 0);
    qInfo("%d files stopped at their check in sqlite3; apply skipped %d", stopped, skipped);

    // apply never skips a file it has not applied itself because the database looks moved on:
    // on a database the shell built (no ledger), the earlier baseline runs, and its check refuses.
    TempDatabase shell;
    for (const Bundle &bundle : bundles) {
        for (const BundleFile &file : bundle.files)
            QVERIFY(sqlite3(shell.path(), file.content).exitCode == 0);
    }
    Applier applier(shell.db(), d);
    QVERIFY(!applier.apply(bundles.first(), {}, &error));
    QVERIFY2(error.contains("CHECK constraint failed: tideline: "), qPrintable(error));
}

void TestSqliteDialect::hostileNamesAndCanary()
{
    // Names with comment closers, statement ends, dashes, quotes, placeholders and non-ASCII are
    // just names: the canary table (and its row) survives the plan through sqlite3 and apply, and
    // user text reaches the rows byte for byte.
    LoadedPlan loaded;
    QList<Bundle> bundles;
    QString error;
    QVERIFY2(sqliteBundles("sqlite-plans/hostile", &loaded, &bundles, &error), qPrintable(error));
    const SqliteDialect d;
    const QString table = "\"Ord*/ers; --\"\"x\"\" %1\"";
    for (const bool shell : {true, false}) {
        if (shell && sqlite3Binary().isEmpty())
            continue;
        TempDatabase t;
        Applier applier(t.db(), d);
        for (int k = 0; k < bundles.size(); ++k) {
            if (k == 1)
                QVERIFY(execAt(t.path(), {"INSERT INTO canary VALUES ('yes')",
                                          "INSERT INTO \"pa'rent [ü] `%10`\" (\"na;me\") VALUES ('p')",
                                          "INSERT INTO " + table + " (\"sel\"\"ect\", \"%2 ref\", \"naïve ☃\", "
                                          "\"amount; DROP TABLE canary\") VALUES ('s', 'p', 'n', 1)"}));
            for (const BundleFile &file : bundles.at(k).files) {
                for (int run = 0; run < 2; ++run) {
                    if (shell) {
                        const Shell result = sqlite3(t.path(), file.content, true);
                        QVERIFY2(result.exitCode == 0, qPrintable(file.path + ": " + result.output));
                    } else {
                        QVERIFY2(applier.runFile(bundles.at(k), file, &error), qPrintable(error));
                    }
                }
            }
        }
        QCOMPARE(valueAt(t.path(), "SELECT group_concat(alive) FROM canary").toString(), QString("yes"));
        QCOMPARE(valueAt(t.path(), "SELECT \"li'teral\" FROM " + table).toString(),
                 QString("line1\n    line2 %10 -- kept */ \"q\""));
        QCOMPARE(valueAt(t.path(), "SELECT \"from */ x\" || '|' || \"ref; %10\" FROM " + table).toString(), QString("s|p"));
        QCOMPARE(valueAt(t.path(), "SELECT group_concat(name, ' ') FROM (SELECT name FROM pragma_table_info(" +
                                       d.quoteString("Ord*/ers; --\"x\" %1") + ") ORDER BY cid)").toString(),
                 QString("id naïve ☃ from */ x ref; %10 li'teral"));
        QCOMPARE(valueAt(t.path(), "SELECT \"table\" || '.' || \"to\" FROM pragma_foreign_key_list(" +
                                       d.quoteString("Ord*/ers; --\"x\" %1") + ")").toString(),
                 QString("pa'rent [ü] `%10`.na;me"));
    }
    // Every comment line of every file is one line that starts with "--": a name cannot end one.
    for (const Bundle &bundle : bundles) {
        for (const BundleFile &file : bundle.files) {
            const QStringList lines = QString::fromUtf8(file.content).split('\n');
            for (const QString &line : lines) {
                if (line.startsWith("--"))
                    QVERIFY2(!line.contains('\r'), qPrintable(line));
            }
        }
    }
}

void TestSqliteDialect::connectionErrors()
{
    const QList<QPair<QString, QString>> cases{
        {"nonsense", "no scheme"},
        {"oracle://u@h/db", "unknown DSN scheme \"oracle\""},
        {"sqlite:", "names no database file"},
        {"postgresql://user@host:notaport/db", "port"},
        {"postgresql://user@/db", "names no host"},
        {"postgresql://user@host:5432/", "must name one database"},
    };
    for (const auto &[dsn, message] : cases) {
        Connection c;
        QString error;
        QVERIFY2(!c.open(dsn, &error), qPrintable(dsn));
        if (!QSqlDatabase::isDriverAvailable("QPSQL") && dsn.startsWith("postgresql"))
            QVERIFY2(error.contains("libqt6sql6-psql"), qPrintable(error));
        else
            QVERIFY2(error.contains(message), qPrintable(dsn + " -> " + error));
        QVERIFY2(!error.contains("pw"), qPrintable(error));
    }
    Connection c;
    QString error;
    QVERIFY(!c.open("postgresql://user:secretpw@host:99999/db", &error));
    QVERIFY2(!error.contains("secretpw"), qPrintable(error));
}

void TestSqliteDialect::connectionSqlite()
{
    QTemporaryDir dir;
    const int before = QSqlDatabase::connectionNames().size();
    {
        Connection c;
        QString error;
        QVERIFY2(c.open("sqlite:" + dir.filePath("a.db"), &error), qPrintable(error));
        QCOMPARE(c.dialect(), QString("sqlite"));
        QVERIFY(c.database().isOpen());
        QSqlQuery q(c.database());
        QVERIFY(q.exec("CREATE TABLE x (y text)"));
        Connection other;
        QVERIFY(other.open("sqlite:" + dir.filePath("a.db"), &error));
        QVERIFY(c.database().connectionName() != other.database().connectionName());
    }
    QCOMPARE(QSqlDatabase::connectionNames().size(), before);
}

namespace {

/** A table with an identity key `id` and @p columns. */
Table keyedTable(const QString &name, const QList<Column> &columns)
{
    Table t;
    t.name = name;
    Column id = column("id", "integer", false);
    id.identity = true;
    t.columns = QList<Column>{id} + columns;
    t.primaryKey = {"id"};
    return t;
}

} // namespace

void TestSqliteDialect::renameTableLeavesWritableView()
{
    // rename_table's expand on SQLite (offline there, see the catalog): one transaction renames
    // the table, leaves a view of every column under the old name with INSTEAD OF triggers, and
    // stops at its check when run again. Writes through the view reach the table with its
    // defaults and key; foreign keys of other tables follow the table.
    if (sqlite3Binary().isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    Schema before;
    before.tables.insert("events", keyedTable("events", {column("kind", "varchar(20)", false, "'info'"), column("body", "text")}));
    Table notes = keyedTable("notes", {column("event_id", "integer")});
    Constraint fk;
    fk.kind = Constraint::Kind::ForeignKey;
    fk.name = "notes_event_fkey";
    fk.columns = {"event_id"};
    fk.refTable = "events";
    fk.refColumns = {"id"};
    notes.constraints = {fk};
    before.tables.insert(notes.name, notes);

    const SqliteDialect d;
    TempDatabase t;
    for (const ScriptUnit &u : d.createSchema(before))
        QVERIFY(sqlite3(t.path(), u.sql.toUtf8()).exitCode == 0);
    QVERIFY(sqlite3(t.path(), "INSERT INTO events (kind, body) VALUES ('warn', 'first\nline'), ('info', NULL);"
                              "INSERT INTO notes (event_id) VALUES (1);").exitCode == 0);

    SchemaOp rename;
    rename.type = SchemaOp::Type::RenameTable;
    rename.table = "events";
    rename.newName = "activity";
    rename.view.name = "events";
    rename.view.columns = {"id", "kind", "body"};
    rename.view.baseTable = "activity";
    const OpScript script = d.script(rename, before, Policy());
    QVERIFY(script.offline);
    QVERIFY(script.offlineReason.contains("INSTEAD OF"));
    QCOMPARE(script.units.size(), 1);
    const ScriptUnit &u = script.units.first();
    Shell run = sqlite3(t.path(), u.sql.toUtf8());
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(t.value("SELECT type FROM sqlite_master WHERE name = 'events'").toString(), QString("view"));
    QCOMPARE(t.value("SELECT type FROM sqlite_master WHERE name = 'activity'").toString(), QString("table"));
    QCOMPARE(t.value("SELECT \"table\" FROM pragma_foreign_key_list('notes')").toString(), QString("activity"));
    // The old version writes the old name: an insert that leaves kind out gets its default.
    run = sqlite3(t.path(), "INSERT INTO events (body) VALUES ('old app');"
                            "UPDATE events SET body = 'changed' WHERE id = 1;"
                            "DELETE FROM events WHERE id = 2;", true);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(t.value("SELECT group_concat(id || ':' || kind || ':' || coalesce(body, '-'), ' ') FROM (SELECT * FROM activity ORDER BY id)").toString(),
             QString("1:warn:changed 3:info:old app"));
    // Run again it stops at its check and changes nothing; apply's guard skips it.
    const QString once = snapshot(t.path());
    run = sqlite3(t.path(), u.sql.toUtf8());
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.output.contains("CHECK constraint failed: tideline: "), qPrintable(run.output));
    QCOMPARE(snapshot(t.path()), once);
    QVERIFY(!u.guard.isEmpty());
    QSqlQuery guard(t.db());
    QVERIFY2(guard.exec(u.guard) && guard.next(), qPrintable(guard.lastError().text()));
    QCOMPARE(guard.value(0).toString(), QString("the table is renamed"));
    // The live catalog reads the view back (its triggers are noted, not tables' triggers).
    Schema live;
    QString error;
    QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
    QCOMPARE(live.views.value("events").columns, QStringList({"id", "kind", "body"}));
    QVERIFY(live.table("activity"));
}

void TestSqliteDialect::viewsAreMadeAndReplaced()
{
    // create_view and replace_view on SQLite: CREATE VIEW IF NOT EXISTS; a replacement drops
    // and makes the view in one transaction, runs twice unchanged, and apply's guard knows it
    // is done (SQLite keeps the CREATE VIEW text as written).
    if (sqlite3Binary().isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    Schema before;
    before.tables.insert("customer", keyedTable("customer", {column("name", "text")}));
    const SqliteDialect d;
    TempDatabase t;
    for (const ScriptUnit &u : d.createSchema(before))
        QVERIFY(sqlite3(t.path(), u.sql.toUtf8()).exitCode == 0);

    SchemaOp create;
    create.type = SchemaOp::Type::CreateView;
    create.view.name = "names";
    create.view.columns = {"id"};
    create.view.definition = "SELECT id FROM customer";
    Schema after = before;
    after.views.insert("names", create.view);
    SchemaOp replace = create;
    replace.replace = true;
    replace.view.columns = {"id", "label"};
    replace.view.definition = "SELECT id, name FROM customer";
    for (const auto &[op, state] : {std::pair{create, before}, std::pair{replace, after}}) {
        const OpScript script = d.script(op, state, Policy());
        QCOMPARE(script.units.size(), 1);
        const ScriptUnit &u = script.units.first();
        QSqlQuery guard(t.db());
        QVERIFY2(guard.exec(u.guard), qPrintable(guard.lastError().text()));
        QVERIFY(!guard.next());
        Shell run = sqlite3(t.path(), u.sql.toUtf8());
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        const QString once = snapshot(t.path());
        run = sqlite3(t.path(), u.sql.toUtf8());
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QCOMPARE(snapshot(t.path()), once);
        QVERIFY2(guard.exec(u.guard) && guard.next(), qPrintable(u.guard));
    }
    QCOMPARE(t.value("SELECT group_concat(name, ',') FROM pragma_table_info('names')").toString(), QString("id,label"));
}

QTEST_GUILESS_MAIN(TestSqliteDialect)
#include "tst_sqlitedialect.moc"
