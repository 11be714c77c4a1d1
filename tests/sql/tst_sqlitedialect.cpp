// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteDialect: quoting, the SQL of each op, golden bundles, and proof by execution on real
// SQLite databases (temporary files), with Applier, LiveCatalog and Connection along the way.

#include "execution.h"

#include <engine/engine.h>
#include <engine/schemaops.h>
#include <io/planfile.h>
#include <sql/applier.h>
#include <sql/bundle.h>
#include <sql/connection.h>
#include <sql/livecatalog.h>
#include <sql/sqlitedialect.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Tideline;

Q_DECLARE_METATYPE(Tideline::SchemaOp)

namespace {

Plan loadPlan(const QString &name)
{
    Plan plan;
    QList<PlanError> errors;
    const bool ok = PlanFile::load(QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(name), &plan, &errors);
    if (!ok)
        qWarning() << "cannot load" << name << (errors.isEmpty() ? QString() : errors.first().message);
    return plan;
}

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

/** Runs a unit as the Applier does: guard first, then its statements in one transaction. */
bool runUnit(const TempDatabase &t, const ScriptUnit &unit, bool *skipped, QString *error)
{
    const SqliteDialect dialect;
    *skipped = false;
    if (!unit.guard.isEmpty()) {
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
    t.db().transaction();
    for (const QString &statement : dialect.splitStatements(unit.sql)) {
        if (!t.exec(statement, error)) {
            t.db().rollback();
            return false;
        }
    }
    if (!t.db().commit()) {
        *error = "commit: " + t.db().lastError().text();
        t.db().rollback();
        return false;
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

/** t(id identity, a text NOT NULL, b varchar(10), c integer), index on c. */
Schema smallSchema()
{
    Table t;
    t.name = "t";
    Column id = column("id", "integer", false);
    id.identity = true;
    t.columns = {id, column("a", "text", false), column("b", "varchar(10)"), column("c", "integer")};
    t.primaryKey = {"id"};
    Constraint pk;
    pk.kind = Constraint::Kind::PrimaryKey;
    pk.columns = {"id"};
    pk.name = "t_pkey";
    t.constraints = {pk};
    Index index;
    index.name = "t_c_idx";
    index.columns = {"c"};
    t.indexes = {index};
    Schema s;
    s.tables.insert(t.name, t);
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

QString goldenRoot()
{
    return QStringLiteral(TIDELINE_TEST_DATA "/golden/sqlite");
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
    void golden_data();
    void golden();
    void execution_data();
    void execution();
    void rowsSurvive();
    void applyTwice();
    void connectionErrors();
    void connectionSqlite();
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
    const QStringList names{"select", "we\"ird`]", "Robert'); DROP TABLE x;--", "naïve $$ column", "prénom"};
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
    QCOMPARE(units.first().sql,
             QString("CREATE TABLE IF NOT EXISTS \"t\" (\n"
                     "    \"id\" INTEGER NOT NULL CONSTRAINT \"t_pkey\" PRIMARY KEY,\n"
                     "    \"a\" text NOT NULL,\n"
                     "    \"b\" varchar(10),\n"
                     "    \"c\" integer\n"
                     ");\n"
                     "CREATE INDEX IF NOT EXISTS \"t_c_idx\" ON \"t\" (\"c\");"));
    TempDatabase t;
    bool skipped = false;
    QString error;
    for (int run = 0; run < 2; ++run)
        QVERIFY2(runUnit(t, units.first(), &skipped, &error), qPrintable(error));
    Schema live;
    QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
    QString difference;
    QVERIFY2(compareSchemas(smallSchema(), live, "sqlite", &difference), qPrintable(difference));
    QVERIFY(live.table("t")->column("id")->identity);
    QCOMPARE(live.table("t")->indexes.size(), 1);
    QCOMPARE(live.table("t")->indexes.first().columns, QStringList{"c"});
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
    // Another column order passes with a note.
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
    QTest::addColumn<QString>("contains"); // a piece of the SQL
    QTest::addColumn<bool>("guarded");

    SchemaOp add = op(SchemaOp::Type::AddColumn);
    add.column = column("d", "varchar(20)", false, "'none'");
    QTest::newRow("add column, constant default") << add << "ALTER TABLE \"t\" ADD COLUMN \"d\" varchar(20) NOT NULL DEFAULT 'none';" << true;
    SchemaOp addExpr = op(SchemaOp::Type::AddColumn);
    addExpr.column = column("d", "timestamp", true, "now()");
    QTest::newRow("add column, CURRENT_TIMESTAMP default: rebuild") << addExpr << "DEFAULT CURRENT_TIMESTAMP" << true;
    QTest::newRow("drop indexed column") << op(SchemaOp::Type::DropColumn, "c") << "DROP INDEX IF EXISTS \"t_c_idx\";\nALTER TABLE \"t\" DROP COLUMN \"c\";" << true;
    QTest::newRow("set not null: rebuild") << op(SchemaOp::Type::SetNotNull, "b") << "\"b\" varchar(10) NOT NULL" << true;
    QTest::newRow("drop not null: rebuild") << op(SchemaOp::Type::DropNotNull, "a") << "CREATE TABLE temp.\"tideline_old_t\" AS SELECT * FROM \"t\";" << true;
    SchemaOp check = op(SchemaOp::Type::AddConstraint);
    check.constraint.kind = Constraint::Kind::Check;
    check.constraint.name = "c_positive";
    check.constraint.columns = {"c"};
    check.constraint.expression = "\"c\" > 0";
    QTest::newRow("add check: rebuild") << check << "CONSTRAINT \"c_positive\" CHECK (\"c\" > 0)" << true;
    SchemaOp unique = op(SchemaOp::Type::AddConstraint);
    unique.constraint.kind = Constraint::Kind::Unique;
    unique.constraint.columns = {"a", "b"};
    QTest::newRow("add unique: rebuild") << unique << "UNIQUE (\"a\", \"b\")" << true;
    SchemaOp copy = op(SchemaOp::Type::Backfill, "b");
    copy.sourceColumn = "a";
    QTest::newRow("backfill by copy") << copy << "UPDATE \"t\" SET \"b\" = CAST(\"a\" AS varchar(10))\n    WHERE \"b\" IS NULL AND \"a\" IS NOT NULL;" << false;
    SchemaOp fill = op(SchemaOp::Type::Backfill, "b");
    fill.expression = "upper(a)";
    QTest::newRow("backfill by expression") << fill << "SET \"b\" = (upper(a))" << false;
    SchemaOp sync = op(SchemaOp::Type::AddSyncTrigger, "b");
    sync.sourceColumn = "a";
    QTest::newRow("sync trigger") << sync << "AFTER UPDATE OF \"a\" ON \"t\"" << false;
    SchemaOp swap = op(SchemaOp::Type::SwapColumn, "a");
    swap.newName = "b";
    QTest::newRow("swap: rebuild") << swap << "SELECT \"id\", \"b\", \"c\" FROM temp.\"tideline_old_t\";" << true;
    SchemaOp create;
    create.type = SchemaOp::Type::CreateTable;
    create.newTable.name = "u";
    create.newTable.columns = {column("x", "text")};
    QTest::newRow("create table") << create << "CREATE TABLE IF NOT EXISTS \"u\"" << false;
}

void TestSqliteDialect::ops()
{
    QFETCH(SchemaOp, operation);
    QFETCH(QString, contains);
    QFETCH(bool, guarded);
    const SqliteDialect d;
    const Schema before = smallSchema();
    const OpScript script = d.script(operation, before, Policy());
    QVERIFY(!script.offline);
    QCOMPARE(script.units.size(), 1);
    const ScriptUnit &unit = script.units.first();
    QVERIFY2(unit.sql.contains(contains), qPrintable(unit.sql));
    QCOMPARE(!unit.guard.isEmpty(), guarded);

    // On a database in state `before` with rows, the unit runs, and runs again harmlessly; the
    // result is the schema the engine computes.
    TempDatabase t;
    bool skipped = false;
    QString error;
    QVERIFY2(runUnit(t, d.createSchema(before).first(), &skipped, &error), qPrintable(error));
    QVERIFY(t.exec("INSERT INTO t (a, b, c) VALUES ('x', 'y', 1), ('z', 'w', 2)"));
    // With enforcement on and a row pointing at t, rebuilds of t must still go through.
    QVERIFY(t.exec("CREATE TABLE child (id INTEGER PRIMARY KEY, t_id integer REFERENCES t (id))"));
    QVERIFY(t.exec("INSERT INTO child (t_id) VALUES (1)"));
    QVERIFY(t.exec("PRAGMA foreign_keys = ON"));
    QVERIFY2(runUnit(t, unit, &skipped, &error), qPrintable(error));
    QVERIFY(!skipped);
    QVERIFY2(runUnit(t, unit, &skipped, &error), qPrintable(error));
    QCOMPARE(skipped, guarded);

    Schema expected = before;
    QSet<QString> filled;
    QVERIFY2(applySchemaOp(operation, &expected, &filled, &error), qPrintable(error));
    Schema live;
    QVERIFY2(LiveCatalog::read(t.db(), "sqlite", &live, &error), qPrintable(error));
    QCOMPARE(live.table("child")->constraints.last().refTable, QString("t"));
    live.tables.remove("child");
    QString difference;
    QVERIFY2(compareSchemas(expected, live, "sqlite", &difference), qPrintable(difference));
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    QCOMPARE(t.value("SELECT count(*) FROM t").toInt(), 2);
    QCOMPARE(t.value("SELECT count(*) FROM pragma_foreign_key_check").toInt(), 0);
    // The indexes the engine keeps are there after rebuilds too.
    QCOMPARE(live.table("t")->indexes.size(), expected.table("t")->indexes.size());
}

void TestSqliteDialect::golden_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("every kind") << "sql-every-kind";
    QTest::newRow("hostile") << "sql-hostile";
}

void TestSqliteDialect::golden()
{
    QFETCH(QString, plan);
    Engine engine(loadPlan(plan));
    QList<PlanError> errors;
    QVERIFY(engine.run(&errors));
    const bool update = qEnvironmentVariableIntValue("TIDELINE_UPDATE_GOLDEN") == 1;
    const SqliteDialect d;
    QStringList releases{"baseline"};
    for (int k = 1; k <= engine.releaseCount(); ++k)
        releases << engine.releaseId(k);
    for (const QString &release : std::as_const(releases)) {
        Bundle bundle;
        QString error;
        QVERIFY2(Bundle::build(engine, release, d, &bundle, &error), qPrintable(error));
        const QString dir = goldenRoot() + "/" + plan + "/" + release;
        if (update) {
            QDir(dir).removeRecursively();
            for (const BundleFile &f : std::as_const(bundle.files)) {
                const QString path = dir + "/" + f.path;
                QDir().mkpath(QFileInfo(path).absolutePath());
                QFile out(path);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(f.content);
            }
            continue;
        }
        QStringList expectedFiles;
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            expectedFiles << QDir(dir).relativeFilePath(it.next());
        QStringList actualFiles;
        for (const BundleFile &f : std::as_const(bundle.files)) {
            actualFiles << f.path;
            QFile golden(dir + "/" + f.path);
            QVERIFY2(golden.open(QIODevice::ReadOnly),
                     qPrintable(QString("no golden file %1/%2 (TIDELINE_UPDATE_GOLDEN=1 writes it)").arg(release, f.path)));
            QCOMPARE(QString::fromUtf8(f.content), QString::fromUtf8(golden.readAll()));
        }
        expectedFiles.sort();
        actualFiles.sort();
        QCOMPARE(actualFiles, expectedFiles);
    }
}

void TestSqliteDialect::execution_data()
{
    golden_data();
}

void TestSqliteDialect::execution()
{
    QFETCH(QString, plan);
    TempDatabase t;
    QStringList log;
    QString error;
    QVERIFY2(runPlanOnDatabase(loadPlan(plan), SqliteDialect(), t.db(), &log, &error),
             qPrintable(error + "\n" + log.join("\n")));
    QVERIFY(!log.isEmpty());
    if (qEnvironmentVariableIsSet("TIDELINE_SHOW_LOG"))
        qInfo().noquote() << log.join("\n");
    for (const QString &line : std::as_const(log))
        QVERIFY2(!line.contains("note:"), qPrintable(line)); // column order kept by rebuilds
    // Every file ran twice; guarded ones skipped the second time.
    QVERIFY(log.filter("skipped (guard)").size() > 0);
    // Nothing outside the plan was touched (the hostile table name holds "DROP TABLE x").
    QCOMPARE(t.value("SELECT count(*) FROM sqlite_temp_master WHERE name LIKE 'tideline_old_%'").toInt(), 0);
}

void TestSqliteDialect::rowsSurvive()
{
    TempDatabase t;
    QStringList log;
    QString error;
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
    QVERIFY2(runPlanOnDatabase(loadPlan("sql-every-kind"), SqliteDialect(), t.db(), &log, &error, seed),
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
}

void TestSqliteDialect::applyTwice()
{
    for (const QString &name : {QString("sql-every-kind"), QString("sql-hostile")}) {
        Engine engine(loadPlan(name));
        QList<PlanError> errors;
        QVERIFY(engine.run(&errors));
        TempDatabase t;
        const SqliteDialect d;
        Applier applier(t.db(), d);
        QString error;
        QStringList releases{"baseline"};
        for (int k = 1; k <= engine.releaseCount(); ++k)
            releases << engine.releaseId(k);
        int files = 0;
        for (const QString &release : std::as_const(releases)) {
            Bundle bundle;
            QVERIFY2(Bundle::build(engine, release, d, &bundle, &error), qPrintable(error));
            files += bundle.files.size();
            QVERIFY2(applier.apply(bundle, {}, &error), qPrintable(name + ": " + error));
            QVERIFY2(applier.apply(bundle, {}, &error), qPrintable(name + " (again): " + error));
        }
        QVERIFY(applier.log().first().startsWith("baseline/"));
        QVERIFY2(applier.log().filter(QRegularExpression(": applied \\(\\d+ statements?\\)$")).size() >= files,
                 qPrintable(applier.log().join("\n")));
        // The ledger has one row per applied run, with path and checksum.
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
    // Offline files run only when asked for.
    bundle.files.first().phase = "offline";
    QVERIFY2(applier.apply(bundle, {}, &error), qPrintable(error));
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

QTEST_GUILESS_MAIN(TestSqliteDialect)
#include "tst_sqlitedialect.moc"
