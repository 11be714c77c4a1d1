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
#include <sql/connection.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <pg_query.h>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

const QStringList FixturePlans{QStringLiteral("sql-every-kind"), QStringLiteral("sql-hostile")};

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
    QCOMPARE(d.quoteString("a\\b"), QString("'a\\b'")); // standard_conforming_strings: no escapes
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
    everyScriptParses_data();
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
            QSqlQuery q(db.database());
            const QStringList rows = plan == "sql-hostile"
                ? QStringList{"INSERT INTO \"Robert'); DROP TABLE x;--\" (\"select\", \"prénom\", \"we\"\"ird`]\") "
                              "VALUES ('a', 'Zoé', 'w'), (NULL, 'Ana', NULL), ('c', 'Li', 'x'), ('d', 'Bo', NULL), "
                              "('e', 'Jo', 'y')"}
                : QStringList{"INSERT INTO customer (first_name, last_name, email, nickname, phone) "
                              "SELECT 'First' || i, 'Last' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'User' || i || "
                              "'@example.org' END, 'nick' || i, '555' FROM generate_series(1, 2500) AS i",
                              "INSERT INTO posts (title, author_name, author_email) SELECT 'Post ' || i, "
                              "CASE WHEN i % 5 = 0 THEN NULL ELSE 'Author ' || (i % 7) END, "
                              "CASE WHEN i % 5 = 0 THEN NULL ELSE 'a' || (i % 7) || '@example.org' END "
                              "FROM generate_series(1, 2100) AS i",
                              "INSERT INTO orders (customer_id, total, note) SELECT i, i * 1.25, "
                              "CASE WHEN i % 2 = 0 THEN 'n' END FROM generate_series(1, 3001) AS i"};
            for (const QString &sql : rows)
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
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

QTEST_GUILESS_MAIN(TestPostgresDialect)
#include "tst_postgresdialect.moc"
