// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlfixtures.h"

//
// The PostgreSQL dialect: quoting, libpg_query parses every script, golden bundles, squawk finds
// nothing in pre/ and backfill/, and (with TIDELINE_TEST_PG_DSN) the bundles run on a real
// server and reproduce the engine's states.

#include <engine/engine.h>
#include <engine/schemaops.h>
#include <sql/livecatalog.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <sql/postgresdialect.h>

#include "execution.h"
#include "scratchdatabase.h"
#include <sql/connection.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <pg_query.h>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

const QStringList FixturePlans{QStringLiteral("sql-every-kind"), QStringLiteral("sql-hostile"), QStringLiteral("pg-swap"),
                               QStringLiteral("pg-hostile"), QStringLiteral("sql-kinds-keys"),
                               QStringLiteral("sql-kinds-attrs"), QStringLiteral("sql-kinds-tables")};

// Rules squawk may not apply to generated SQL; each reason is in docs/sql-generation.md.
const QStringList SquawkExcluded{
    QStringLiteral("prefer-bigint-over-int"),      // types are the plan's choice, not ours
    QStringLiteral("prefer-bigint-over-smallint"), // idem
    QStringLiteral("prefer-text-field"),           // idem (varchar(n) as the plan declares it)
    QStringLiteral("prefer-timestamptz"),          // idem
};




QString parseError(const QByteArray &sql)
{
    PgQueryParseResult result = pg_query_parse(sql.constData());
    QString message;
    if (result.error)
        message = QString::fromUtf8(result.error->message) + QStringLiteral(" at byte ")
                  + QString::number(result.error->cursorpos);
    pg_query_free_parse_result(result);
    return message;
}

QByteArray parseTree(const QByteArray &sql)
{
    PgQueryParseResult result = pg_query_parse(sql.constData());
    const QByteArray tree = result.error ? QByteArray() : QByteArray(result.parse_tree);
    pg_query_free_parse_result(result);
    return tree;
}

QString squawkProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("squawk"));
}

// ---- Running files the way users do: psql -X -v ON_ERROR_STOP=1 -f FILE ------------------------

/** Runs @p files, one after the other, in one psql session on @p dsn (as `psql -f A -f B`
 *  does); @p extra adds options (--single-transaction). Empty, or what psql said when it
 *  failed. */
QString psqlFiles(const QString &dsn, const QStringList &files, const QStringList &extra = {})
{
    if (files.isEmpty()) // psql would read its standard input
        return {};
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("PGOPTIONS", "-c client_min_messages=warning");
    p.setProcessEnvironment(env);
    QStringList arguments{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn};
    arguments += extra;
    for (const QString &file : files)
        arguments << "-f" << file;
    p.start("psql", arguments);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return "psql -f " + files.join(" -f ") + " failed: " + QString::fromUtf8(p.readAllStandardError())
               + QString::fromUtf8(p.readAllStandardOutput());
    return {};
}

QString psqlFile(const QString &dsn, const QString &file, const QStringList &extra = {})
{
    return psqlFiles(dsn, {file}, extra);
}

QString psqlSql(const QString &dsn, const QString &sql)
{
    QTemporaryFile file;
    if (!file.open() || file.write(sql.toUtf8()) < 0 || !file.flush())
        return "cannot write a temporary file";
    return psqlFile(dsn, file.fileName());
}

/** Every bundle of @p plan written out as `<release>/<path>`, in running order per release. */
struct WrittenPlan
{
    QTemporaryDir dir;
    QStringList baseline;
    QList<QPair<QString, QStringList>> releases; // release id, files in running order
};

bool writePlan(const QString &plan, WrittenPlan *written, QString *error)
{
    LoadedPlan loaded;
    if (!loadPlan(plan, &loaded, error))
        return false;
    const QList<Bundle> bundles = bundlesOf(*loaded.engine, PostgresDialect(), error);
    if (bundles.isEmpty())
        return false;
    for (const Bundle &b : bundles) {
        QStringList files;
        for (const QString &phase : {QStringLiteral("baseline"), QStringLiteral("offline"), QStringLiteral("pre"),
                                     QStringLiteral("backfill"), QStringLiteral("post")}) {
            for (const BundleFile *f : b.phase(phase)) {
                const QString path = written->dir.filePath(b.release + "/" + f->path);
                QDir().mkpath(QFileInfo(path).path());
                QFile out(path);
                if (!out.open(QIODevice::WriteOnly) || out.write(f->content) != f->content.size()) {
                    *error = "cannot write " + path;
                    return false;
                }
                files << path;
            }
        }
        if (b.release == "baseline")
            written->baseline = files;
        else
            written->releases.append({b.release, files});
    }
    return true;
}

/**
 * The database as PostgreSQL describes it, written independently of Tideline's model: every
 * column (format_type, NOT NULL, pg_get_expr default, identity, generated, collation, comment),
 * constraint (pg_get_constraintdef, validity), index (pg_indexes, validity), trigger
 * (pg_get_triggerdef), function (its source and comment), sequence, enum, view and table
 * comment of `public`, and an md5 of every table's rows. Columns are listed by name, so a swap
 * that moves a column to the end reads as the same table. A temporary function, so that psql
 * can take the snapshot between two runs of a file in one session.
 */
const char SnapshotFunction[] = R"sql(
CREATE OR REPLACE FUNCTION pg_temp.tideline_test_snapshot() RETURNS text LANGUAGE plpgsql AS $snapshot$
DECLARE
    result text;
    t record;
    digest text;
BEGIN
    SELECT string_agg(line, E'\n' ORDER BY line) INTO result FROM (
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
               || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
               || CASE WHEN a.attcollation <> ty.typcollation THEN ' collate ' || a.attcollation::regcollation::text ELSE '' END
               || coalesce(' comment ' || col_description(c.oid, a.attnum), '')
          FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid JOIN pg_type ty ON ty.oid = a.atttypid
          LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
           AND NOT a.attisdropped AND c.relname <> 'tideline_applied'
        UNION ALL
        SELECT 'constraint ' || c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
               || CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END
          FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
         WHERE c.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'index ' || i.indexdef || CASE WHEN x.indisvalid THEN '' ELSE ' (INVALID)' END
          FROM pg_indexes i JOIN pg_class ic ON ic.relname = i.indexname AND ic.relnamespace = 'public'::regnamespace
          JOIN pg_index x ON x.indexrelid = ic.oid
         WHERE i.schemaname = 'public'
        UNION ALL
        SELECT 'trigger ' || pg_get_triggerdef(tg.oid) FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
         WHERE NOT tg.tgisinternal AND c.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'function ' || p.proname || ' ' || md5(p.prosrc) || coalesce(' ' || obj_description(p.oid, 'pg_proc'), '')
          FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'sequence ' || c.relname || ' ' || format_type(q.seqtypid, NULL)
          FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid WHERE c.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'enum ' || ty.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
          FROM pg_type ty JOIN pg_enum e ON e.enumtypid = ty.oid WHERE ty.typnamespace = 'public'::regnamespace
         GROUP BY ty.typname
        UNION ALL
        SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
        UNION ALL
        SELECT 'table ' || c.relname || coalesce(' comment ' || obj_description(c.oid, 'pg_class'), '')
          FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
           AND c.relname <> 'tideline_applied') AS lines(line);
    -- Rows: every column by name (so column order does not count), every row, sorted.
    FOR t IN SELECT c.oid, c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
               AND c.relkind IN ('r', 'p') AND c.relname <> 'tideline_applied' ORDER BY c.relname LOOP
        EXECUTE format('SELECT count(*) || '' '' || md5(coalesce(string_agg(r::text, E''\n'' ORDER BY r::text), '''')) '
                       'FROM (SELECT %s FROM public.%I) AS r',
                       (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attname) FROM pg_attribute
                         WHERE attrelid = t.oid AND attnum > 0 AND NOT attisdropped), t.relname) INTO digest;
        result := result || E'\nrows ' || t.relname || ': ' || digest;
    END LOOP;
    RETURN result;
END
$snapshot$;
)sql";

QStringList snapshot(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QString::fromUtf8(SnapshotFunction)) || !q.exec("SELECT pg_temp.tideline_test_snapshot()") || !q.next()) {
        *error = q.lastError().text();
        return {};
    }
    return q.value(0).toString().split('\n');
}

/** Runs @p file in a new psql session, then again in the same session, taking the snapshot
 *  after each run: the two snapshots, or the error. */
bool psqlTwice(const QString &dsn, const QString &file, QStringList *once, QStringList *twice, QString *error)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("PGOPTIONS", "-c client_min_messages=warning");
    p.setProcessEnvironment(env);
    const QString take = "SELECT '=== snapshot' || E'\\n' || pg_temp.tideline_test_snapshot()";
    p.start("psql", {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", file, "-c",
                     QString::fromUtf8(SnapshotFunction), "-c", take, "-f", file, "-c", take});
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = "psql -f " + file + " (twice) failed: " + QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    const QStringList parts = QString::fromUtf8(p.readAllStandardOutput()).split("=== snapshot\n");
    if (parts.size() != 3) {
        *error = "psql printed " + QString::number(parts.size() - 1) + " snapshots";
        return false;
    }
    *once = parts.at(1).trimmed().split('\n');
    *twice = parts.at(2).trimmed().split('\n');
    return true;
}

QString seedOf(const QString &plan);

/** A fresh database with @p plan's baseline (run in psql) and its seed rows; the plan's
 *  bundles written into @p written. Empty, or what went wrong. */
QString startPlan(const QString &plan, const QString &tag, WrittenPlan *written, ScratchDatabase *scratch)
{
    QString error;
    if (!writePlan(plan, written, &error) || !scratch->create(qEnvironmentVariable("TIDELINE_TEST_PG_DSN"), tag, &error))
        return error;
    for (const QString &file : std::as_const(written->baseline)) {
        if (!(error = psqlFile(scratch->dsn(), file)).isEmpty())
            return error;
    }
    return psqlSql(scratch->dsn(), seedOf(plan));
}

/** The first column of the first row of @p sql, or the error in angle brackets. */
QString firstValue(QSqlQuery &q, const QString &sql)
{
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<%1>").arg(q.lastError().text());
    return q.value(0).toString();
}

QString firstDifference(const QStringList &a, const QStringList &b)
{
    for (int i = 0; i < qMax(a.size(), b.size()); ++i) {
        if (a.value(i) != b.value(i))
            return QStringLiteral("line %1:\n  before: %2\n  after:  %3").arg(i + 1).arg(a.value(i, "<none>"), b.value(i, "<none>"));
    }
    return {};
}

/** Rows each fixture plan starts with, written as the application of S_0 would. */
QString seedOf(const QString &plan)
{
    if (plan == "sql-every-kind")
        return "INSERT INTO customer (first_name, last_name, email, nickname, phone) SELECT 'First' || i, 'Last' || i, "
               "CASE WHEN i % 3 = 0 THEN NULL ELSE 'User' || i || '@example.org' END, 'nick' || i, '555' "
               "FROM generate_series(1, 2500) AS i;\n"
               "INSERT INTO posts (title, author_name, author_email) SELECT 'Post ' || i, CASE WHEN i % 5 = 0 THEN NULL "
               "ELSE 'Author ' || (i % 7) END, CASE WHEN i % 5 = 0 THEN NULL ELSE 'a' || (i % 7) || '@example.org' END "
               "FROM generate_series(1, 2100) AS i;\n"
               "INSERT INTO orders (customer_id, total, note) SELECT i, i * 1.25, CASE WHEN i % 2 = 0 THEN 'n' END "
               "FROM generate_series(1, 3001) AS i;\n";
    if (plan == "sql-kinds-attrs")
        return "INSERT INTO accounts (name, email, mood, note) SELECT 'Name ' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE "
               "'User' || i || '@Example.org' END, CASE WHEN i % 2 = 0 THEN 'sad' END::mood, CASE WHEN i % 4 = 0 THEN "
               "'line1\nline2' END FROM generate_series(1, 300) AS i;\n";
    if (plan == "sql-hostile")
        return "INSERT INTO \"Robert'); DROP TABLE x;--\" (\"select\", \"prénom\", \"we\"\"ird`]\") "
               "VALUES ('a', 'Zoé', 'w'), (NULL, 'Ana', NULL), ('c', 'Li', 'x'), ('d', 'Bo', NULL), ('e', 'Jo', 'y');\n";
    if (plan == "pg-swap")
        return "INSERT INTO accounts (code, email, score) SELECT (i % 5)::text, 'user' || i || '@example.org', i "
               "FROM generate_series(1, 10) AS i;\n"
               "INSERT INTO orders (account_id, reviewer_id, note) SELECT 1 + i % 10, CASE WHEN i % 3 = 0 THEN 2 END, "
               "'n' || i FROM generate_series(1, 20) AS i;\n";
    if (plan == "sql-kinds-keys")
        return "INSERT INTO region (name, code) SELECT 'Region ' || i, 'R' || i FROM generate_series(1, 12) AS i;\n"
               "INSERT INTO customer (email, code, score, region_id, note) SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE "
               "'c' || i || '@example.org' END, 'C' || i, i % 7, CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 12 END, "
               "CASE WHEN i % 3 = 0 THEN 'line one\nline two' END FROM generate_series(1, 1500) AS i;\n"
               "INSERT INTO orders (customer_id, total, status) SELECT 1 + i % 1500, i * 0.5, CASE WHEN i % 6 = 0 THEN NULL "
               "ELSE 'open' END FROM generate_series(1, 2200) AS i;\n"
               "INSERT INTO ledger (entry, account, amount) SELECT i, 'A' || (i % 3), i FROM generate_series(1, 900) AS i;\n";
    if (plan == "sql-kinds-tables")
        return "INSERT INTO legacy_tag (label) VALUES ('gold'), ('silver');\n"
               "INSERT INTO customer (name, email, tag_id) SELECT 'Customer ' || i, CASE WHEN i % 4 = 0 THEN NULL "
               "ELSE 'c' || i || '@example.org' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + i % 2 END "
               "FROM generate_series(1, 40) AS i;\n"
               "INSERT INTO old_events (customer_id, kind, body) SELECT 1 + i % 40, CASE WHEN i % 5 = 0 THEN 'warn' "
               "ELSE 'info' END, 'event ' || i FROM generate_series(1, 120) AS i;\n"
               "INSERT INTO legacy_log (event_id, message) SELECT i, 'line ' || i FROM generate_series(1, 30) AS i;\n";
    if (plan == "pg-hostile")
        return "INSERT INTO canary VALUES (1, 'alive'), (2, 'still');\n"
               "INSERT INTO \"t */ $tideline$ %1 'q' \\b\" (\"a\"\"b\", \"x*/y\", \"$tideline1$\", \"%2 %1\", "
               "\"" + QString(31, QChar(0xE9)) + "x\", \"n\\'\") VALUES ('A', 'x1', 'T', 1, 'long', 1), "
               "(NULL, 'x2', NULL, 2, NULL, 2), ('B''s', 'x3', E'three\\nlines', NULL, 'l', 3);\n";
    return {};
}

} // namespace

class TestPostgresDialect : public QObject
{
    Q_OBJECT

private slots:
    void quoteIdentifier_data();
    void quoteIdentifier();
    void quoteString();
    void mapType();
    void limitName();
    void preamble();
    void splitStatements();
    void hostileScriptsQuoteEverything();
    void everyScriptParses_data();
    void everyScriptParses();
    void golden_data();
    void golden();
    void squawk();
    void execution_data();
    void execution();
    void opsNotInFixturesRunTwice();
    void indentLeavesUserTextAlone();
    void newOpsRender();
    void runNote();
    void createSchemaRendersTheModel();
    void filesRunInPsql_data();
    void filesRunInPsql();
    void swapKeepsWhatHangsOnTheColumn();
    void syncTriggerFillsOnlyWhatIsLeftToIt();
    void newOpsOnTheServer();
    void hostileNamesStayNames();
    void namesOverTheLimitAreRefused();
    void runNoteTellsTheTruth();
};

void TestPostgresDialect::quoteIdentifier_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "customer" << "\"customer\"";
    QTest::newRow("keyword") << "select" << "\"select\"";
    QTest::newRow("injection") << "Robert'); DROP TABLE x;--" << "\"Robert'); DROP TABLE x;--\"";
    QTest::newRow("accent") << "prénom" << "\"prénom\"";
    QTest::newRow("double quote") << "we\"ird`]" << "\"we\"\"ird`]\"";
    QTest::newRow("dollars") << "naïve $$ column" << "\"naïve $$ column\"";
    QTest::newRow("upper case stays") << "Customer" << "\"Customer\"";
}

void TestPostgresDialect::quoteIdentifier()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    const PostgresDialect d;
    QCOMPARE(d.quoteIdentifier(name), quoted);
    // The server reads the quoted form back as the same name.
    const QByteArray sql = ("SELECT 1 AS " + d.quoteIdentifier(name)).toUtf8();
    QVERIFY2(parseError(sql).isEmpty(), qPrintable(parseError(sql)));
}

void TestPostgresDialect::quoteString()
{
    const PostgresDialect d;
    QCOMPARE(d.quoteString("it's"), QString("'it''s'"));
    // A backslash is doubled in an E'' string, so the literal means the same whatever
    // standard_conforming_strings says (a name holding \' cannot end the string early).
    QCOMPARE(d.quoteString("a\\b"), QString("E'a\\\\b'"));
    QCOMPARE(d.quoteString("x\\'; DROP TABLE t; --"), QString("E'x\\\\''; DROP TABLE t; --'"));
}

void TestPostgresDialect::mapType()
{
    const PostgresDialect d;
    QCOMPARE(d.mapType("integer"), QString("integer"));
    QCOMPARE(d.mapType("int"), QString("integer"));
    QCOMPARE(d.mapType("INT4"), QString("integer"));
    QCOMPARE(d.mapType("varchar(100)"), QString("varchar(100)"));
    QCOMPARE(d.mapType("nvarchar(10)"), QString("varchar(10)"));
    QCOMPARE(d.mapType("numeric(10,2)"), QString("numeric(10,2)"));
    QCOMPARE(d.mapType("double"), QString("double precision"));
    QCOMPARE(d.mapType("bool"), QString("boolean"));
    QCOMPARE(d.mapType("datetime"), QString("timestamp"));
    QCOMPARE(d.mapType("jsonb"), QString("jsonb"));
}

void TestPostgresDialect::limitName()
{
    QCOMPARE(PostgresDialect::limitName("short"), QString("short"));
    const QString longName = QString(70, QChar(0xE9));
    const QString cut = PostgresDialect::limitName(longName);
    QVERIFY(cut.toUtf8().size() <= 63);
    QVERIFY(cut != PostgresDialect::limitName(longName + "x"));
    QCOMPARE(PostgresDialect::limitName(longName), cut); // deterministic
}

void TestPostgresDialect::preamble()
{
    const PostgresDialect d;
    const Policy policy;
    QCOMPARE(d.preamble(policy, Phase::Pre), QString("SET lock_timeout = '1s';\nSET statement_timeout = '5s';"));
    QCOMPARE(d.preamble(policy, Phase::Post), d.preamble(policy, Phase::Pre));
    QCOMPARE(d.preamble(policy, Phase::Backfill), QString("SET lock_timeout = '1s';\nSET statement_timeout = 0;"));
    Policy slow;
    slow.lockTimeout = "250ms";
    slow.statementTimeout = "1min";
    QCOMPARE(d.preamble(slow, Phase::Post), QString("SET lock_timeout = '250ms';\nSET statement_timeout = '1min';"));
}

void TestPostgresDialect::splitStatements()
{
    const PostgresDialect d;
    const QString sql = "-- header; with a semicolon\nSET lock_timeout = '1s';\n"
                        "DO $tideline$\nBEGIN\n    PERFORM 1; PERFORM ';';\nEND\n$tideline$;\n"
                        "SELECT 'a;b', \"x;y\" FROM t; /* c; */\n";
    const QStringList parts = d.splitStatements(sql);
    QCOMPARE(parts.size(), 3);
    QVERIFY(parts.at(0).endsWith("SET lock_timeout = '1s'"));
    QVERIFY(parts.at(1).startsWith("DO $tideline$"));
    QVERIFY(parts.at(1).endsWith("$tideline$"));
    QVERIFY(parts.at(2).startsWith("SELECT 'a;b', \"x;y\" FROM t"));
    QVERIFY(d.splitStatements("  \n").isEmpty());
}

void TestPostgresDialect::hostileScriptsQuoteEverything()
{
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-hostile", &loaded, &error), qPrintable(error));
    const QList<Bundle> bundles = bundlesOf(*loaded.engine, PostgresDialect(), &error);
    QVERIFY2(!bundles.isEmpty(), qPrintable(error));
    int statements = 0;
    for (const Bundle &b : bundles) {
        for (const BundleFile &f : b.files) {
            const QString text = QString::fromUtf8(f.content);
            // libpg_query's parse tree: the name is a relation, and no statement touches `x`.
            const QByteArray tree = parseTree(f.content);
            QVERIFY2(!tree.contains("\"sval\":\"x\"") && !tree.contains("\"relname\":\"x\""), qPrintable(f.path));
            if (b.release == "baseline")
                QVERIFY2(tree.contains("\"relname\":\"Robert'); DROP TABLE x;--\""), qPrintable(f.path));
            if (text.contains("naïve"))
                QVERIFY2(!text.contains("$$\n") && !text.contains("DO $$"), qPrintable(f.path));
            for (const QString &s : PostgresDialect().splitStatements(text)) {
                ++statements;
                QVERIFY2(parseError(s.toUtf8()).isEmpty(),
                         qPrintable(f.path + ": " + parseError(s.toUtf8()) + "\n" + s));
            }
        }
    }
    QVERIFY(statements > 10);
}

void TestPostgresDialect::everyScriptParses_data()
{
    QTest::addColumn<QString>("plan");
    for (const QString &p : FixturePlans)
        QTest::newRow(qPrintable(p)) << p;
}

void TestPostgresDialect::everyScriptParses()
{
    QFETCH(QString, plan);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));
    const QList<Bundle> bundles = bundlesOf(*loaded.engine, PostgresDialect(), &error);
    QVERIFY2(!bundles.isEmpty(), qPrintable(error));
    int files = 0;
    for (const Bundle &b : bundles) {
        for (const BundleFile &f : b.files) {
            ++files;
            const QString message = parseError(f.content);
            QVERIFY2(message.isEmpty(), qPrintable(b.release + "/" + f.path + ": " + message));
        }
    }
    QVERIFY(files > 0);
}

void TestPostgresDialect::golden_data()
{
    everyScriptParses_data();
}

void TestPostgresDialect::golden()
{
    QFETCH(QString, plan);
    const QString difference = goldenDifferenceOfPlan(plan, PostgresDialect(), "postgresql");
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestPostgresDialect::squawk()
{
    const QString program = squawkProgram();
    if (program.isEmpty())
        QSKIP("squawk is not installed (npm install squawk-cli; ./test.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList files;
    for (const QString &plan : FixturePlans) {
        LoadedPlan loaded;
        QString error;
        QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));
        const QList<Bundle> bundles = bundlesOf(*loaded.engine, PostgresDialect(), &error);
        QVERIFY2(!bundles.isEmpty(), qPrintable(error));
        for (const Bundle &b : bundles) {
            for (const BundleFile &f : b.files) {
                if (f.phase != "pre" && f.phase != "backfill")
                    continue;
                const QString path = dir.filePath(plan + "/" + b.release + "/" + f.path);
                QVERIFY(QDir().mkpath(QFileInfo(path).path()));
                QFile out(path);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(f.content);
                files << path;
            }
        }
    }
    QVERIFY(!files.isEmpty());
    QProcess squawk;
    squawk.setProcessChannelMode(QProcess::MergedChannels);
    squawk.setProcessEnvironment([] { auto e = QProcessEnvironment::systemEnvironment(); e.insert("NO_COLOR", "1"); return e; }());
    squawk.start(program, QStringList{"--pg-version=15", "--reporter=gcc", "--exclude=" + SquawkExcluded.join(",")} + files);
    QVERIFY(squawk.waitForFinished(120000));
    const QString output = QString::fromUtf8(squawk.readAll());
    QVERIFY2(squawk.exitStatus() == QProcess::NormalExit && squawk.exitCode() == 0, qPrintable(output));
}

void TestPostgresDialect::execution_data()
{
    filesRunInPsql_data();
}

void TestPostgresDialect::execution()
{
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    QFETCH(QString, plan);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));

    // A fresh database per plan and run, created through the server's maintenance database.
    const QString name = QStringLiteral("tideline_%1_%2").arg(plan).arg(QCoreApplication::applicationPid())
                             .replace(QLatin1Char('-'), QLatin1Char('_'));
    {
        Connection admin;
        QVERIFY2(admin.open(dsn, &error), qPrintable(error));
        QSqlQuery q(admin.database());
        q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
        QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE %1").arg(name)), qPrintable(q.lastError().text()));
    }
    QString target = dsn;
    target.replace(QRegularExpression(QStringLiteral("/[^/]*$")), QStringLiteral("/") + name);
    bool ok = false;
    QStringList log;
    {
        Connection db;
        QVERIFY2(db.open(target, &error), qPrintable(error));
        QSqlQuery(db.database()).exec("SET client_min_messages = warning"); // IF [NOT] EXISTS notices
        // Rows in S_0, so that backfills, validations and the swap have data to work on.
        const auto seed = [&](int release) {
            if (release != 1)
                return;
            for (const QString &sql : PostgresDialect().splitStatements(seedOf(plan))) {
                QSqlQuery q(db.database());
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            }
        };
        ok = runPlanOnDatabase(loaded.plan, PostgresDialect(), db.database(), &log, &error, seed);
        if (ok && plan == "sql-every-kind") {
            // The data made it: every post with an author points at one, equal authors are one row.
            QSqlQuery q(db.database());
            QVERIFY(q.exec("SELECT count(*) FROM authors"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 7);
            QVERIFY(q.exec("SELECT count(*) FROM posts WHERE author_id IS NULL"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 2100 / 5);
            QVERIFY(q.exec("SELECT count(*) FROM orders WHERE total = id * 1.25"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 3001);
            QVERIFY(q.exec("SELECT full_name, email_lower FROM customer WHERE id = 1"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QString("First1 Last1"));
            QCOMPARE(q.value(1).toString(), QString("user1@example.org"));
        }
    }
    {
        Connection admin;
        QVERIFY2(admin.open(dsn, &error), qPrintable(error));
        QSqlQuery(admin.database()).exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
    }
    QVERIFY2(ok, qPrintable(error + "\n" + log.join("\n")));
}

void TestPostgresDialect::opsNotInFixturesRunTwice()
{
    // Paths the fixture plans do not reach: a swap of a NOT NULL column with a default, an
    // index and a unique constraint; CHECK and UNIQUE constraints added online.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    QString error;
    Connection db;
    QVERIFY2(db.open(dsn, &error), qPrintable(error));
    QSqlQuery q(db.database());
    q.exec("SET client_min_messages = warning");
    const PostgresDialect d;
    auto run = [&](const QList<ScriptUnit> &units) {
        for (int pass = 0; pass < 2; ++pass) {
            for (const ScriptUnit &u : units) {
                for (const QString &statement : d.splitStatements(u.sql))
                    QVERIFY2(q.exec(statement), qPrintable(q.lastError().text() + "\n" + statement));
            }
        }
    };
    QVERIFY(q.exec("DROP TABLE IF EXISTS \"odd \"\"t\"\"\""));
    Table t;
    t.name = "odd \"t\"";
    Column id;
    id.name = "id";
    id.type = "integer";
    id.nullable = false;
    id.identity = true;
    Column score;
    score.name = "score";
    score.type = "integer";
    score.nullable = false;
    score.defaultValue = "7";
    t.columns = {id, score};
    t.primaryKey = {"id"};
    t.indexes = {Index{"odd_score_idx", {"score"}, false}};
    Schema schema;
    schema.tables.insert(t.name, t);
    run(d.createSchema(schema));
    QVERIFY(q.exec("INSERT INTO \"odd \"\"t\"\"\" (score) SELECT i FROM generate_series(1, 50) AS i"));

    SchemaOp unique;
    unique.type = SchemaOp::Type::AddConstraint;
    unique.table = t.name;
    unique.constraint.kind = Constraint::Kind::Unique;
    unique.constraint.name = "odd_score_key";
    unique.constraint.columns = {"score"};
    run(d.script(unique, schema, Policy()).units);
    schema.tables[t.name].constraints << unique.constraint;

    SchemaOp check = unique;
    check.constraint.kind = Constraint::Kind::Check;
    check.constraint.name = "odd_score_positive";
    check.constraint.expression = "score > 0";
    run(d.script(check, schema, Policy()).units);
    schema.tables[t.name].constraints << check.constraint;

    // change_type score integer -> bigint with a conversion expression, then swap.
    SchemaOp add;
    add.type = SchemaOp::Type::AddColumn;
    add.table = t.name;
    add.column.name = "score_new";
    add.column.type = "bigint";
    SchemaOp sync;
    sync.type = SchemaOp::Type::AddSyncTrigger;
    sync.table = t.name;
    sync.columnName = "score_new";
    sync.sourceColumn = "score";
    sync.expression = "score * 10";
    SchemaOp fill = sync;
    fill.type = SchemaOp::Type::Backfill;
    SchemaOp swap;
    swap.type = SchemaOp::Type::SwapColumn;
    swap.table = t.name;
    swap.columnName = "score";
    swap.newName = "score_new";
    QSet<QString> filled;
    for (const SchemaOp &op : {add, sync, fill, swap}) {
        run(d.script(op, schema, Policy()).units);
        QVERIFY(applySchemaOp(op, &schema, &filled, &error));
        if (op.type == SchemaOp::Type::AddSyncTrigger)
            QVERIFY(q.exec("INSERT INTO \"odd \"\"t\"\"\" (score) VALUES (51)")); // through the trigger
    }

    Schema live;
    QVERIFY2(LiveCatalog::read(db.database(), "postgresql", &live, &error), qPrintable(error));
    const Table *after = live.table(t.name);
    QVERIFY(after);
    const Column *c = after->column("score");
    QVERIFY(c);
    QCOMPARE(c->type, QString("bigint"));
    QVERIFY(!c->nullable);
    QCOMPARE(c->defaultValue, QString("7"));
    QVERIFY(!after->column("score_new"));
    QCOMPARE(after->indexes.size(), 1);
    QCOMPARE(after->indexes.first().name, QString("odd_score_idx"));
    QStringList names;
    for (const Constraint &k : after->constraints)
        names << k.name;
    names.sort();
    QCOMPARE(names, (QStringList{"odd \"t\"_pkey", "odd_score_key", "odd_score_positive"}));
    QVERIFY(q.exec("SELECT count(*), min(score), max(score) FROM \"odd \"\"t\"\"\""));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 51);
    QCOMPARE(q.value(1).toInt(), 10);
    QCOMPARE(q.value(2).toInt(), 510);
    QVERIFY(q.exec("DROP TABLE \"odd \"\"t\"\"\""));
}

void TestPostgresDialect::indentLeavesUserTextAlone()
{
    // Lines inside literals, quoted names, dollar quotes and block comments keep their bytes.
    const QString text = "SELECT 'a\nb', E'c\\'\nd', \"e\nf\", $x$g\nh$x$, /* i\n /* j */\n k */ 1\n-- l\nm";
    const QString expected = "    SELECT 'a\nb', E'c\\'\nd', \"e\nf\", $x$g\nh$x$, /* i\n /* j */\n k */ 1\n    -- l\n    m";
    QCOMPARE(PostgresDialect::indent(text), expected);
    QCOMPARE(PostgresDialect::indent("a\n\nb", 2), QString("        a\n\n        b"));
}

void TestPostgresDialect::newOpsRender()
{
    // The SQL of each new op, as PostgreSQL's documentation spells the clause.
    const PostgresDialect d;
    Schema schema = customers();
    Table &t = schema.tables["customer"];
    t.columns << Column{"tags", "jsonb"};
    auto sql = [&](const SchemaOp &op) { return sqlOf(d.script(op, schema, Policy())); };

    SchemaOp index;
    index.type = SchemaOp::Type::AddIndex;
    index.table = "customer";
    index.index.name = "customer_recent";
    index.index.columns = {"lower(name)", "id"};
    index.index.descending = {false, true};
    index.index.include = {"total"};
    index.index.where = "total > 0";
    QVERIFY2(sql(index).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"customer_recent\" ON \"customer\" "
                                 "((lower(name)), \"id\" DESC) INCLUDE (\"total\") WHERE total > 0;"),
             qPrintable(sql(index)));
    QVERIFY(sql(index).contains("AND NOT indisvalid) THEN\n        DROP INDEX \"customer_recent\";"));
    QVERIFY(!d.script(index, schema, Policy()).units.first().transactional);
    index.index = Index{"customer_tags", {"tags"}, false};
    index.index.method = "gin";
    QVERIFY2(sql(index).contains("ON \"customer\" USING gin (\"tags\");"), qPrintable(sql(index)));

    SchemaOp drop = index;
    drop.type = SchemaOp::Type::DropIndex;
    QCOMPARE(sql(drop), QString("DROP INDEX CONCURRENTLY IF EXISTS \"customer_tags\";"));

    SchemaOp fk;
    fk.type = SchemaOp::Type::AddConstraint;
    fk.table = "customer";
    fk.constraint.kind = Constraint::Kind::ForeignKey;
    fk.constraint.name = "customer_total_fk";
    fk.constraint.columns = {"total"};
    fk.constraint.refTable = "customer";
    fk.constraint.refColumns = {"id"};
    fk.constraint.onDelete = "set null";
    fk.constraint.onUpdate = "CASCADE";
    fk.constraint.deferrable = true;
    fk.constraint.initiallyDeferred = true;
    QVERIFY2(sql(fk).contains("ADD CONSTRAINT \"customer_total_fk\" FOREIGN KEY (\"total\") REFERENCES \"customer\" "
                              "(\"id\") ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID;"),
             qPrintable(sql(fk)));

    SchemaOp dropFk = fk;
    dropFk.type = SchemaOp::Type::DropConstraint;
    QCOMPARE(sql(dropFk), QString("ALTER TABLE IF EXISTS \"customer\" DROP CONSTRAINT IF EXISTS \"customer_total_fk\";"));

    SchemaOp setDefault;
    setDefault.type = SchemaOp::Type::SetDefault;
    setDefault.table = "customer";
    setDefault.columnName = "name";
    setDefault.value = "'line1\nline2'";
    QVERIFY2(sql(setDefault).contains("ALTER TABLE \"customer\" ALTER COLUMN \"name\" SET DEFAULT 'line1\nline2';"),
             qPrintable(sql(setDefault)));
    SchemaOp dropDefault = setDefault;
    dropDefault.type = SchemaOp::Type::DropDefault;
    QVERIFY(sql(dropDefault).contains("ALTER TABLE \"customer\" ALTER COLUMN \"name\" DROP DEFAULT;"));

    SchemaOp comment = setDefault;
    comment.type = SchemaOp::Type::SetComment;
    comment.value = "it's */ a\\b";
    QVERIFY2(sql(comment).contains("COMMENT ON COLUMN \"customer\".\"name\" IS E'it''s */ a\\\\b';"), qPrintable(sql(comment)));
    comment.columnName.clear();
    comment.value.clear();
    QVERIFY(sql(comment).contains("COMMENT ON TABLE \"customer\" IS NULL;"));

    SchemaOp dropSync;
    dropSync.type = SchemaOp::Type::DropSyncTrigger;
    dropSync.table = "customer";
    dropSync.columnName = "total_new";
    QCOMPARE(sql(dropSync), QString("DROP TRIGGER IF EXISTS \"tideline_sync_customer_total_new\" ON \"customer\";\n"
                                    "DROP FUNCTION IF EXISTS \"%1\"();")
                                .arg(PostgresDialect::syncFunctionName("customer", "total_new")));
    // Functions share one namespace: (order, item_id) and (order_item, id) must not share one.
    QVERIFY(PostgresDialect::syncFunctionName("order", "item_id") != PostgresDialect::syncFunctionName("order_item", "id"));
}

void TestPostgresDialect::createSchemaRendersTheModel()
{
    Schema schema;
    schema.enums.insert("mood", EnumType{"mood", {"sad", "it's ok"}});
    Table t;
    t.name = "t";
    Column id{"id", "bigint", false};
    id.identity = true;
    id.identityKind = Column::Identity::Always;
    Column serial{"n", "integer", false};
    serial.identity = true;
    serial.identityKind = Column::Identity::Sequence;
    Column code{"code", "integer"};
    code.collation = "C"; // left over from a text column: integer takes no collation
    Column name{"name", "text"};
    name.collation = "C";
    name.comment = "line1\nline2";
    Column upper{"upper_name", "text"};
    upper.generated = true;
    upper.generatedExpression = "upper(name)";
    Column feeling{"feeling", "mood", true, "'sad'"};
    t.columns = {id, serial, code, name, upper, feeling};
    t.primaryKey = {"id"};
    schema.tables.insert(t.name, t);
    schema.views.insert("a_view", View{"a_view", {"id"}, "SELECT id FROM z_view"});
    schema.views.insert("z_view", View{"z_view", {"id"}, "SELECT id FROM t"});
    QStringList parts;
    for (const ScriptUnit &u : PostgresDialect().createSchema(schema))
        parts << u.sql;
    const QString sql = parts.join("\n");
    QVERIFY2(sql.contains("IF pg_catalog.to_regtype('\"mood\"') IS NULL THEN\n        CREATE TYPE \"mood\" AS ENUM ('sad', 'it''s ok');"),
             qPrintable(sql));
    QVERIFY(sql.contains("CREATE SEQUENCE IF NOT EXISTS \"t_n_seq\" AS integer;"));
    QVERIFY(sql.contains("\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,"));
    QVERIFY(sql.contains("\"n\" integer NOT NULL DEFAULT nextval('\"t_n_seq\"'::regclass),"));
    QVERIFY(sql.contains("\"code\" integer,"));
    QVERIFY(sql.contains("\"name\" text COLLATE \"C\","));
    QVERIFY(sql.contains("\"upper_name\" text GENERATED ALWAYS AS (upper(name)) STORED,"));
    QVERIFY(sql.contains("\"feeling\" \"mood\"") || sql.contains("\"feeling\" mood DEFAULT 'sad'"));
    QVERIFY(sql.contains("ALTER SEQUENCE \"t_n_seq\" OWNED BY \"t\".\"n\";"));
    QVERIFY(sql.contains("COMMENT ON COLUMN \"t\".\"name\" IS 'line1\nline2';"));
    QVERIFY2(sql.indexOf("VIEW \"z_view\"") < sql.indexOf("VIEW \"a_view\""), qPrintable(sql)); // what it reads first
    QVERIFY2(parseError(sql.toUtf8()).isEmpty(), qPrintable(parseError(sql.toUtf8())));
}

void TestPostgresDialect::runNote()
{
    const PostgresDialect d;
    QVERIFY(d.runNote(true, {}).contains("psql -X -v ON_ERROR_STOP=1 -f FILE"));
    QVERIFY(d.runNote(true, {}).contains("--single-transaction"));
    QVERIFY(d.runNote(false, {}).contains("NOT in a transaction"));
    // Every line goes through Dialect::comment, so the note is comments only.
    for (const QString &line : d.comment(d.runNote(false, {})).split('\n'))
        QVERIFY(line.startsWith("-- "));
}

void TestPostgresDialect::filesRunInPsql_data()
{
    QTest::addColumn<QString>("plan");
    for (const QString &p : FixturePlans)
        QTest::newRow(qPrintable(p)) << p;
}

void TestPostgresDialect::filesRunInPsql()
{
    // Every file of every bundle runs in psql as it stands; run again at once it changes
    // nothing (catalog and rows as PostgreSQL describes them); and every release runs again
    // after all of them, harmlessly. The header's run note says the same.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    QFETCH(QString, plan);
    WrittenPlan written;
    ScratchDatabase scratch;
    QString error = startPlan(plan, "psql_" + QString(plan).replace('-', '_'), &written, &scratch);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &file : std::as_const(written.baseline)) // the baseline, too, runs again
        QVERIFY2((error = psqlFile(scratch.dsn(), file)).isEmpty(), qPrintable(error));
    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    for (const auto &[release, files] : std::as_const(written.releases)) {
        for (const QString &file : files) {
            QFile in(file);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(in.readAll());
            QVERIFY2(text.contains("-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE"), qPrintable(file));
            QStringList once, twice;
            QVERIFY2(psqlTwice(scratch.dsn(), file, &once, &twice, &error), qPrintable(release + ": " + error));
            QVERIFY2(once.size() > 1, qPrintable(once.join('\n')));
            QVERIFY2(once == twice, qPrintable(file + ": the second run changed " + firstDifference(once, twice)));
        }
    }
    // No sync trigger or function outlives its refactoring.
    const QStringList done = snapshot(db.database(), &error);
    QVERIFY2(!done.join('\n').contains("tideline_sync"), qPrintable(done.join('\n')));
    // Each earlier release alone, after all of them (its backfill after the contract dropped
    // its source, its expand after the swap): nothing fails, nothing changes.
    QStringList all;
    for (const auto &[release, files] : std::as_const(written.releases)) {
        QVERIFY2((error = psqlFiles(scratch.dsn(), files)).isEmpty(), qPrintable("rerun of " + release + ": " + error));
        const QStringList after = snapshot(db.database(), &error);
        QVERIFY2(done == after, qPrintable("running " + release + " again changed " + firstDifference(done, after)));
        all += files;
    }
    QVERIFY2((error = psqlFiles(scratch.dsn(), all)).isEmpty(), qPrintable("rerun: " + error));
    const QStringList again = snapshot(db.database(), &error);
    QVERIFY2(done == again, qPrintable("running every release again changed " + firstDifference(done, again)));
}

void TestPostgresDialect::swapKeepsWhatHangsOnTheColumn()
{
    // change_type of a primary key with an ALWAYS identity referenced by two foreign keys, of a
    // text column with DEFAULT '0'::text to integer, of a CHECKed column and of a serial (all
    // read by two views), and a rename of a UNIQUE column with an expression index: run release by release in psql, with
    // the old and the new application writing between the steps as the runbook orders them
    // (and the old one again after the contract, as a rollback would). The expectations are
    // PostgreSQL's own words for each object, written out here.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    WrittenPlan written;
    ScratchDatabase scratch;
    QString error = startPlan("pg-swap", "swap", &written, &scratch);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList phases{"/pre/", "/backfill/", "/post/"};
    // What each application version writes, after which phase of which release.
    const QMap<QString, QString> writes{
        {"r1/pre/", "INSERT INTO accounts (code, email, score) VALUES ('7', 'a0-early@x', 5);"
                    "INSERT INTO orders (account_id, note) VALUES (11, 'from A0');"},
        {"r1/backfill/", "INSERT INTO accounts (code, email, mail, score) VALUES ('8', 'a1@x', 'a1@x', 6);"},
        {"r1/post/", "INSERT INTO accounts (code, email, score) VALUES ('9', 'a0-rollback@x', 7);"},
        {"r2/pre/", "INSERT INTO accounts (code, email, mail, score) VALUES (4, 'a1b@x', 'a1b@x', 8);"},
        {"r3/pre/", "INSERT INTO accounts (code, email, mail, score) VALUES (5, 'big@x', 'big@x', 5000000000);"},
        {"r4/post/", "INSERT INTO accounts (code, mail, score) VALUES (6, 'a4@x', 9);"
                     "INSERT INTO orders (account_id) VALUES (16);"},
    };
    for (const auto &[release, files] : std::as_const(written.releases)) {
        for (const QString &phase : phases) {
            for (const QString &file : files) {
                if (file.contains(release + phase))
                    QVERIFY2((error = psqlFile(scratch.dsn(), file)).isEmpty(), qPrintable(error));
            }
            const QString sql = writes.value(release + phase);
            if (!sql.isEmpty())
                QVERIFY2((error = psqlSql(scratch.dsn(), sql)).isEmpty(), qPrintable(release + phase + ": " + error));
        }
    }

    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    QSqlQuery q(db.database());
    const auto one = [&](const QString &sql) { return firstValue(q, sql); };
    const auto column = [&](const QString &table, const QString &name) {
        return one(QStringLiteral("SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' "
                                  "ELSE '' END || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') || "
                                  "CASE a.attidentity WHEN 'a' THEN ' always' WHEN 'd' THEN ' by default' ELSE '' END "
                                  "|| coalesce(' -- ' || col_description(a.attrelid, a.attnum), '') "
                                  "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                  "WHERE a.attrelid = '%1'::regclass AND a.attname = '%2' AND NOT a.attisdropped")
                       .arg(table, name));
    };
    const auto constraint = [&](const QString &name) {
        return one(QStringLiteral("SELECT pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALIDATED' END "
                                  "FROM pg_constraint WHERE conname = '%1'").arg(name));
    };
    QCOMPARE(column("accounts", "id"), QString("bigint not null always -- the account"));
    QCOMPARE(column("accounts", "code"), QString("integer not null default 0"));
    QCOMPARE(column("accounts", "score"), QString("bigint not null default 0"));
    QCOMPARE(column("accounts", "legacy_no"), QString("bigint not null default nextval('accounts_legacy_no_seq'::regclass)"));
    QCOMPARE(column("accounts", "mail"), QString("character varying(200) not null"));
    QCOMPARE(column("orders", "memo"), QString("text not null default 'line1\nline2'::text"));
    QCOMPARE(one("SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_attribute WHERE attrelid = 'accounts'::regclass "
                 "AND attnum > 0 AND NOT attisdropped"),
             QString("code,id,legacy_no,mail,score"));
    QCOMPARE(constraint("accounts_pkey"), QString("PRIMARY KEY (id)"));
    QCOMPARE(constraint("accounts_mail_key"), QString("UNIQUE (mail)"));
    QCOMPARE(constraint("accounts_score_check"), QString("CHECK ((score >= 0))"));
    QCOMPARE(constraint("orders_account_id_fkey"), QString("FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE"));
    QCOMPARE(constraint("orders_reviewer_id_fkey"),
             QString("FOREIGN KEY (reviewer_id) REFERENCES accounts(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED"));
    QCOMPARE(one("SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'accounts'"),
             QString("CREATE UNIQUE INDEX accounts_mail_key ON public.accounts USING btree (mail)\n"
                     "CREATE INDEX accounts_mail_lower_idx ON public.accounts USING btree (lower((mail)::text)) WHERE (score > 0)\n"
                     "CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)"));
    QCOMPARE(one("SELECT count(*) FROM pg_index WHERE NOT indisvalid"), QString("0"));
    QCOMPARE(one("SELECT pg_get_serial_sequence('accounts', 'legacy_no')"), QString("public.accounts_legacy_no_seq"));
    QCOMPARE(one("SELECT string_agg(viewname || ': ' || definition, E'\\n' ORDER BY viewname) FROM pg_views "
                 "WHERE schemaname = 'public'"),
             QString("account_codes:  SELECT accounts.id,\n    accounts.code,\n    accounts.score\n   FROM accounts\n"
                     "  WHERE (accounts.score >= 0);\n"
                     "top_codes:  SELECT account_codes.code\n   FROM account_codes\n  WHERE (account_codes.id < 100);"));
    QCOMPARE(one("SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute "
                 "WHERE attrelid = 'account_codes'::regclass"),
             QString("bigint,integer,bigint"));
    QCOMPARE(one("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"), QString("0"));
    QCOMPARE(one("SELECT count(*) FROM pg_proc WHERE proname LIKE 'tideline%'"), QString("0"));

    // The rows: seeded, then written by each version in turn; nothing lost, nothing rewritten.
    QStringList expected;
    for (int i = 1; i <= 10; ++i)
        expected << QStringLiteral("%1|%2|user%1@example.org|%1|%1").arg(i).arg(i % 5);
    expected << "11|7|a0-early@x|5|11" << "12|8|a1@x|6|12" << "13|9|a0-rollback@x|7|13" << "14|4|a1b@x|8|14"
             << "15|5|big@x|5000000000|15" << "16|6|a4@x|9|16";
    QCOMPARE(one("SELECT string_agg(concat_ws('|', id, code, mail, score, legacy_no), ',' ORDER BY id) FROM accounts"),
             expected.join(','));
    QCOMPARE(one("SELECT string_agg(concat_ws('|', id, account_id, memo), ',' ORDER BY id) FROM orders WHERE id IN (1, 21, 22)"),
             QString("1|2|multi\nline 1,21|11|multi\nline 21,22|16|line1\nline2"));

    // And what hangs on the columns still works: the identity goes on after the highest id,
    // ALWAYS still refuses a value, the keys and checks hold, the foreign keys cascade.
    QCOMPARE(one("INSERT INTO accounts (code, mail, score) VALUES (1, 'after@x', 1) RETURNING id || '|' || legacy_no"),
             QString("17|17"));
    QVERIFY(!q.exec("INSERT INTO accounts (id, code, mail, score) VALUES (100, 1, 'id@x', 1)"));
    QVERIFY(!q.exec("INSERT INTO accounts (code, mail, score) VALUES (1, 'after@x', 1)"));
    QVERIFY(!q.exec("INSERT INTO accounts (code, mail, score) VALUES (1, 'neg@x', -1)"));
    QVERIFY(!q.exec("INSERT INTO orders (account_id) VALUES (999)"));
    QVERIFY2(q.exec("DELETE FROM accounts WHERE id = 2"), qPrintable(q.lastError().text()));
    QCOMPARE(one("SELECT count(*) || '|' || count(reviewer_id) FROM orders WHERE account_id = 2 OR reviewer_id = 2"),
             QString("0|0"));
    QCOMPARE(one("SELECT count(*) FROM orders WHERE reviewer_id IS NULL AND note LIKE 'n%' AND id % 3 = 0"), QString("6"));
}

void TestPostgresDialect::syncTriggerFillsOnlyWhatIsLeftToIt()
{
    // A scratch database built by createSchema from P_1 (which holds the sync triggers of a
    // rename and two type changes) behaves as the real one: an INSERT that leaves the new
    // column NULL gets it filled, an UPDATE of a source recomputes it, and what a version
    // writes into the new column itself is never overwritten.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("pg-swap", &loaded, &error), qPrintable(error));
    const Schema state = loaded.engine->state(1, Phase::Pre)->schema;
    QCOMPARE(state.table("accounts")->syncs.size(), 3);
    ScratchDatabase scratch;
    QVERIFY2(scratch.create(dsn, "sync", &error), qPrintable(error));
    QStringList ddl;
    for (const ScriptUnit &u : PostgresDialect().createSchema(state))
        ddl << u.sql;
    QVERIFY2((error = psqlSql(scratch.dsn(), ddl.join('\n'))).isEmpty(), qPrintable(error));

    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    QSqlQuery q(db.database());
    const auto row = [&](const QString &where) {
        if (!q.exec("SELECT concat_ws('|', id, id_new, code, code_new, email, mail) FROM accounts WHERE " + where) || !q.next())
            return QStringLiteral("<%1>").arg(q.lastError().text());
        return q.value(0).toString();
    };
    const auto exec = [&](const QString &sql) { QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + ": " + sql)); };
    exec("INSERT INTO accounts (code, email, score) VALUES ('3', 'old@x', 1)");   // the old version
    QCOMPARE(row("email = 'old@x'"), QString("1|1|3|3|old@x|old@x"));
    exec("INSERT INTO accounts (code, email, mail, score) VALUES ('4', 'e@x', 'own@x', 1)"); // the new one
    QCOMPARE(row("email = 'e@x'"), QString("2|2|4|4|e@x|own@x"));
    exec("UPDATE accounts SET email = 'old2@x', code = '12' WHERE id = 1");        // a source changes
    QCOMPARE(row("id = 1"), QString("1|1|12|12|old2@x|old2@x"));
    exec("UPDATE accounts SET mail = 'mine@x' WHERE id = 1");                      // the target alone
    QCOMPARE(row("id = 1"), QString("1|1|12|12|old2@x|mine@x"));
    exec("UPDATE accounts SET email = 'both@x', mail = 'both-own@x' WHERE id = 1"); // both
    QCOMPARE(row("id = 1"), QString("1|1|12|12|both@x|both-own@x"));
    exec("UPDATE accounts SET score = 9 WHERE id = 2");                            // neither
    QCOMPARE(row("id = 2"), QString("2|2|4|4|e@x|own@x"));
    exec("UPDATE accounts SET code_new = 40 WHERE id = 2");
    QCOMPARE(row("id = 2"), QString("2|2|4|40|e@x|own@x"));
}

void TestPostgresDialect::newOpsOnTheServer()
{
    // Each new op, run twice on the server; PostgreSQL's own description afterwards.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    ScratchDatabase scratch;
    QString error;
    QVERIFY2(scratch.create(dsn, "ops", &error), qPrintable(error));
    const PostgresDialect d;
    Schema schema = customers();
    schema.tables["customer"].columns << Column{"tags", "jsonb"};
    Table parent;
    parent.name = "parent";
    parent.columns = {Column{"id", "integer", false}};
    parent.primaryKey = {"id"};
    schema.tables.insert(parent.name, parent);
    // A trigger whose function a baseline does not hold, and one written for MySQL: left out
    // with a warning, the rest of the baseline is built.
    schema.tables["customer"].triggers
        << Trigger{"audit", "CREATE TRIGGER audit AFTER INSERT ON customer FOR EACH ROW EXECUTE FUNCTION audit()"}
        << Trigger{"my_trg", "CREATE TRIGGER my_trg BEFORE INSERT ON customer FOR EACH ROW SET NEW.total = 1"};
    const auto run = [&](const QList<ScriptUnit> &units) {
        QStringList sql;
        for (const ScriptUnit &u : units)
            sql << u.sql;
        for (int pass = 0; pass < 2; ++pass) {
            const QString problem = psqlSql(scratch.dsn(), sql.join('\n'));
            if (!problem.isEmpty())
                return problem;
        }
        return QString();
    };
    QVERIFY2((error = run(d.createSchema(schema))).isEmpty(), qPrintable(error));
    QVERIFY2((error = psqlSql(scratch.dsn(), "INSERT INTO parent VALUES (1), (2);"
                                             "INSERT INTO customer (name, total, tags) VALUES ('a', 1, '{}'), "
                                             "('a', 2, '{\"k\": 1}'), ('b', 0, NULL);"))
                 .isEmpty(),
             qPrintable(error));
    const auto apply = [&](const SchemaOp &op) {
        const QString problem = run(d.script(op, schema, Policy()).units);
        QSet<QString> filled;
        QString ignored;
        applySchemaOp(op, &schema, &filled, &ignored);
        return problem;
    };
    // An INVALID leftover of a failed concurrent build of the same unique index comes first.
    QVERIFY(!psqlSql(scratch.dsn(), "CREATE UNIQUE INDEX CONCURRENTLY customer_name_key ON customer (name);").isEmpty());
    SchemaOp index;
    index.type = SchemaOp::Type::AddIndex;
    index.table = "customer";
    index.index.name = "customer_name_key";
    index.index.unique = true;
    index.index.columns = {"lower(name)", "id"};
    index.index.descending = {false, true};
    index.index.include = {"total"};
    index.index.where = "total > 0";
    QVERIFY2((error = apply(index)).isEmpty(), qPrintable(error));
    SchemaOp gin = index;
    gin.index = Index{"customer_tags_idx", {"tags"}, false};
    gin.index.method = "gin";
    QVERIFY2((error = apply(gin)).isEmpty(), qPrintable(error));
    SchemaOp dropTotal = index;
    dropTotal.type = SchemaOp::Type::DropIndex;
    dropTotal.index.name = "customer_total_idx";
    QVERIFY2((error = apply(dropTotal)).isEmpty(), qPrintable(error));
    SchemaOp fk;
    fk.type = SchemaOp::Type::AddConstraint;
    fk.table = "customer";
    fk.constraint.kind = Constraint::Kind::ForeignKey;
    fk.constraint.name = "customer_parent_fkey";
    fk.constraint.columns = {"id"};
    fk.constraint.refTable = "parent";
    fk.constraint.refColumns = {"id"};
    fk.constraint.onDelete = "CASCADE";
    fk.constraint.onUpdate = "SET NULL";
    fk.constraint.deferrable = true;
    fk.constraint.initiallyDeferred = true;
    QVERIFY2((error = psqlSql(scratch.dsn(), "INSERT INTO parent VALUES (3);")).isEmpty(), qPrintable(error));
    QVERIFY2((error = apply(fk)).isEmpty(), qPrintable(error));
    SchemaOp check = fk;
    check.constraint = Constraint{Constraint::Kind::Check, "customer_name_check", {"name"}, "name <> 'line1\nline2'"};
    QVERIFY2((error = apply(check)).isEmpty(), qPrintable(error));
    SchemaOp dropCheck = check;
    dropCheck.type = SchemaOp::Type::DropConstraint;
    QVERIFY2((error = apply(dropCheck)).isEmpty(), qPrintable(error));
    SchemaOp setDefault;
    setDefault.type = SchemaOp::Type::SetDefault;
    setDefault.table = "customer";
    setDefault.columnName = "name";
    setDefault.value = "'line1\nline2'";
    QVERIFY2((error = apply(setDefault)).isEmpty(), qPrintable(error));
    SchemaOp dropDefault = setDefault;
    dropDefault.type = SchemaOp::Type::DropDefault;
    dropDefault.columnName = "total";
    SchemaOp totalDefault = setDefault;
    totalDefault.columnName = "total";
    totalDefault.value = "0";
    QVERIFY2((error = apply(totalDefault)).isEmpty(), qPrintable(error));
    QVERIFY2((error = apply(dropDefault)).isEmpty(), qPrintable(error));
    SchemaOp comment = setDefault;
    comment.type = SchemaOp::Type::SetComment;
    comment.value = "it's */ a\\b\n-- $tideline$";
    QVERIFY2((error = apply(comment)).isEmpty(), qPrintable(error));
    SchemaOp tableComment = comment;
    tableComment.columnName.clear();
    tableComment.value = "the customers";
    QVERIFY2((error = apply(tableComment)).isEmpty(), qPrintable(error));

    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    QSqlQuery q(db.database());
    const auto one = [&](const QString &sql) { return firstValue(q, sql); };
    QCOMPARE(one("SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'customer'"),
             QString("CREATE UNIQUE INDEX customer_name_key ON public.customer USING btree (lower((name)::text), id DESC) "
                     "INCLUDE (total) WHERE (total > (0)::numeric)\n"
                     "CREATE UNIQUE INDEX customer_pkey ON public.customer USING btree (id)\n"
                     "CREATE INDEX customer_tags_idx ON public.customer USING gin (tags)"));
    QCOMPARE(one("SELECT count(*) FROM pg_index WHERE NOT indisvalid"), QString("0"));
    QCOMPARE(one("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"), QString("0"));
    QCOMPARE(one("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\\n' ORDER BY conname) "
                 "FROM pg_constraint WHERE conrelid = 'customer'::regclass"),
             QString("customer_parent_fkey FOREIGN KEY (id) REFERENCES parent(id) ON UPDATE SET NULL ON DELETE CASCADE "
                     "DEFERRABLE INITIALLY DEFERRED\n"
                     "customer_pkey PRIMARY KEY (id)"));
    QCOMPARE(one("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'customer'::regclass AND adnum = 2"),
             QString("'line1\nline2'::character varying"));
    QCOMPARE(one("SELECT count(*) FROM pg_attrdef WHERE adrelid = 'customer'::regclass AND adnum = 3"), QString("0"));
    QCOMPARE(one("SELECT col_description('customer'::regclass, 2)"), QString("it's */ a\\b\n-- $tideline$"));
    QCOMPARE(one("SELECT obj_description('customer'::regclass, 'pg_class')"), QString("the customers"));
}

void TestPostgresDialect::hostileNamesStayNames()
{
    // pg-hostile names hold */, $tideline$, %1, quotes, backslashes, and one is 63 bytes: after
    // every file of every release (twice, and again), the canary table is there with its rows,
    // and what the plan's user SQL wrote is there byte for byte.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    WrittenPlan written;
    ScratchDatabase scratch;
    QString error = startPlan("pg-hostile", "hostile", &written, &scratch);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList all;
    for (const auto &[release, files] : std::as_const(written.releases))
        all += files;
    QVERIFY2((error = psqlFiles(scratch.dsn(), all + all)).isEmpty(), qPrintable(error));
    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    QSqlQuery q(db.database());
    QVERIFY2(q.exec("SELECT string_agg(id || word, ',' ORDER BY id) FROM canary") && q.next(), qPrintable(q.lastError().text()));
    QCOMPARE(q.value(0).toString(), QString("1alive,2still"));
    const QString table = "\"t */ $tideline$ %1 'q' \\b\"";
    QVERIFY2(q.exec("SELECT \"line $tideline$\", \"m %1\", \"y/*x\", \"n\\'\" FROM " + table + " ORDER BY id"),
             qPrintable(q.lastError().text()));
    const QStringList lines{"it's A \\ \t\n  indented\n|A\nT|x1|1", "it's - \\ \t\n  indented\n|\n|x2|2", "it's B's \\ \t\n  indented\n|B's\nthree\nlines|x3|3"};
    for (const QString &expected : lines) {
        QVERIFY(q.next());
        const QStringList want = expected.split('|');
        QCOMPARE(q.value(0).toString(), want.at(0));
        QCOMPARE(q.value(1).toString(), want.at(1));
        QCOMPARE(q.value(2).toString(), want.at(2));
        QCOMPARE(q.value(3).toString(), want.at(3));
    }
    q.prepare("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(?) "
              "AND attname = ? AND NOT attisdropped");
    q.addBindValue(table);
    q.addBindValue("n\\'");
    QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
    QCOMPARE(q.value(0).toString(), QString("bigint"));
    q.prepare("SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = to_regclass(?)");
    q.addBindValue(table);
    QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
    // The rename carried the UNIQUE to the new column under the catalog's copy name.
    QCOMPARE(q.value(0).toString(), QString("ck %1 'q',t */ $tideline$ %1 'q' \\b_pkey,uq */ $tideline$_y/*x"));
}

void TestPostgresDialect::namesOverTheLimitAreRefused()
{
    // 63 bytes is PostgreSQL's limit (NAMEDATALEN - 1): a name of 64 is refused with the
    // reason, through the CLI a user runs; 63 is just a name (hostileNamesStayNames runs one).
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("pg-hostile", &loaded, &error), qPrintable(error));
    QTemporaryDir dir;
    QFile in(TIDELINE_TEST_DATA "/pg-hostile.tideline.json");
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray json = in.readAll();
    const QByteArray longName = QString(QString(31, QChar(0xE9)) + "xy").toUtf8(); // 64 bytes
    QCOMPARE(longName.size(), 64);
    json.replace("\"to\": \"" + QString(30, QChar(0xE9)).toUtf8() + "xyz\"", "\"to\": \"" + longName + "\"");
    const QString path = dir.filePath("long.tideline.json");
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(json);
    out.close();
    QProcess cli;
    cli.start(TIDELINE_CLI, {"validate", path});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 2);
    const QString message = QString::fromUtf8(cli.readAllStandardError() + cli.readAllStandardOutput());
    QVERIFY2(message.contains("the name is 64 bytes long; PostgreSQL keeps at most 63"), qPrintable(message));
    QCOMPARE(PostgresDialect().identifierProblem(QString::fromUtf8(longName)),
             QString("the name is 64 bytes long; PostgreSQL keeps at most 63 and would cut it"));
    QVERIFY(PostgresDialect().identifierProblem(QString(31, QChar(0xE9)) + "x").isEmpty());
}

void TestPostgresDialect::runNoteTellsTheTruth()
{
    // What the header says about transactions holds in psql: a file marked for running outside
    // a transaction fails inside one, and one that may run in a transaction does.
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    WrittenPlan written;
    ScratchDatabase scratch;
    QString error = startPlan("pg-swap", "note", &written, &scratch);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &file : std::as_const(written.baseline))
        QVERIFY2((error = psqlFile(scratch.dsn(), file, {"--single-transaction"})).isEmpty(), qPrintable(error));
    LoadedPlan loaded;
    QVERIFY2(loadPlan("pg-swap", &loaded, &error), qPrintable(error));
    Bundle r1;
    QVERIFY2(Bundle::build(*loaded.engine, "r1", PostgresDialect(), &r1, &error), qPrintable(error));
    int inside = 0, outside = 0;
    for (const BundleFile &f : std::as_const(r1.files)) {
        const QString path = written.dir.filePath("r1/" + f.path);
        const QString text = QString::fromUtf8(f.content);
        if (f.transactional) {
            QVERIFY2(text.contains("it may also run in one transaction"), qPrintable(f.path));
            QVERIFY2((error = psqlFile(scratch.dsn(), path, {"--single-transaction"})).isEmpty(), qPrintable(error));
            ++inside;
        } else {
            QVERIFY2(text.contains("NOT in a transaction"), qPrintable(f.path));
            // CREATE INDEX CONCURRENTLY and COMMIT inside DO refuse a transaction block.
            if (text.contains("COMMIT;") || text.contains("CONCURRENTLY"))
                QVERIFY2(!psqlFile(scratch.dsn(), path, {"--single-transaction"}).isEmpty(), qPrintable(f.path));
            QVERIFY2((error = psqlFile(scratch.dsn(), path)).isEmpty(), qPrintable(error));
            ++outside;
        }
    }
    QVERIFY(inside > 0 && outside > 0);
}

QTEST_GUILESS_MAIN(TestPostgresDialect)
#include "tst_postgresdialect.moc"
