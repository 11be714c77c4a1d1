// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// `tideline-cli drift` on live databases of every engine it reads (SQLite in a file; PostgreSQL
// and MariaDB with TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN):
// - a database built from a plan shows no drift: drift-shop's baseline, and sql-every-kind after
//   every release (each S_k, in process, and the last one through the CLI);
// - one of each kind of difference planted in drift-shop's baseline (missing and extra table and
//   column, type, nullability, default, missing and extra index and constraint) is each found
//   and named, in the text and in --json, with exit code 1, and nothing else is reported;
// - end to end through the CLI: every fixture plan's states built by `tideline-cli apply`,
//   phase by phase, show no drift after each (`tideline-cli drift`), on every engine;
// - every field the model gained (FK actions, partial, INCLUDE, DESC and prefix indexes,
//   comments, identity kinds, sequences, enums, generated columns, collation and charset,
//   CHECK expressions, user and sync triggers, table options) planted in the verify-drift
//   fixtures' databases is found.

#include "execution.h"
#include "scratchdatabase.h"
#include "sqlfixtures.h"

#include <sql/connection.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out, err;
};

bool execute(const QString &dsn, const QStringList &statements, QString *error)
{
    Connection db;
    return db.open(dsn, error) && runStatements(db.database(), statements, error);
}

/** Sets @p server to the DSN for @p dialect (empty for SQLite); returns why to skip, if so. */
QString skipReason(const QString &dialect, QString *server)
{
    if (dialect == "sqlite")
        return {};
    const QString variable = dialect == "postgresql" ? "TIDELINE_TEST_PG_DSN" : "TIDELINE_TEST_MYSQL_DSN";
    *server = qEnvironmentVariable(qPrintable(variable));
    return server->isEmpty() ? variable + " is not set (./test.sh starts a throwaway server and sets it)" : QString();
}

const QString ShopPlan = QStringLiteral(TIDELINE_TEST_DATA "/drift-shop.tideline.json");

CliRun cli(const QStringList &arguments)
{
    QProcess process;
    process.start(TIDELINE_CLI, arguments);
    CliRun run;
    if (process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

CliRun drift(const QStringList &arguments)
{
    return cli(QStringList{"drift"} + arguments);
}

/** `apply` of one release and phase; a line saying why it failed, or nothing. */
QString apply(const QString &plan, const QString &release, const QString &phase, const QString &dsn)
{
    QStringList arguments{"apply", plan, "--release", release, "--dsn", dsn};
    if (!phase.isEmpty())
        arguments << "--phase" << phase;
    const CliRun run = cli(arguments);
    return run.exitCode == 0 ? QString() : QStringLiteral("apply %1 %2: %3").arg(release, phase, QString::fromUtf8(run.err).trimmed());
}

/** `drift` of one state: its differences, one line each, named by the state. */
QStringList driftLines(const QString &plan, const QString &release, const QString &phase, const QString &dsn)
{
    QStringList arguments{"drift", plan, "--release", release, "--dsn", dsn};
    if (!phase.isEmpty())
        arguments << "--phase" << phase;
    const CliRun run = cli(arguments);
    if (run.exitCode == 0)
        return {};
    QStringList lines;
    for (const QString &line : QString::fromUtf8(run.out + run.err).split('\n', Qt::SkipEmptyParts))
        lines << QStringLiteral("%1 %2: %3").arg(release, phase.isEmpty() ? QStringLiteral("baseline") : phase, line);
    return lines;
}

/** The difference lines `drift` prints, cut to their kind and object. */
QStringList kindsAndObjects(const QByteArray &out)
{
    QStringList found;
    for (const QString &line : QString::fromUtf8(out).split('\n', Qt::SkipEmptyParts))
        found << line.section(':', 0, 0);
    found.sort();
    return found;
}

/** The releases of a plan file, in order. */
QStringList releasesOf(const QString &plan)
{
    QFile file(plan);
    QStringList ids;
    if (!file.open(QIODevice::ReadOnly))
        return ids;
    for (const QJsonValue &r : QJsonDocument::fromJson(file.readAll()).object()["releases"].toArray())
        if (r["status"].toString() != "cancelled")
            ids << r["id"].toString();
    return ids;
}

} // namespace

class TestDrift : public QObject
{
    Q_OBJECT

private slots:
    /** Every test runs per engine (data tags sqlite, postgresql, mariadb); skips without its server. */
    void init();
    void engines_data();
    void noDriftOnPlannedDatabase_data() { engines_data(); }
    void noDriftOnPlannedDatabase();
    void everyKindPlanted_data() { engines_data(); }
    void everyKindPlanted();
    void noDriftThroughCli_data();
    void noDriftThroughCli();
    void newFieldsPlanted_data() { engines_data(); }
    void newFieldsPlanted();
    void droppedSyncTrigger_data() { engines_data(); }
    void droppedSyncTrigger();
    void runnerTablesNotCompared_data() { engines_data(); }
    void runnerTablesNotCompared();

private:
    QString m_dialect, m_server;
};

void TestDrift::init()
{
    const QString tag = QString::fromUtf8(QTest::currentDataTag()).section(' ', 0, 0); // "postgresql sql-every-kind"
    m_dialect = tag == "mariadb" ? "mysql" : tag;
    m_server.clear();
    if (const QString why = skipReason(m_dialect, &m_server); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestDrift::engines_data()
{
    QTest::addColumn<QString>("engine"); // a data function needs a column; the tag names it
    QTest::newRow("sqlite");
    QTest::newRow("postgresql");
    QTest::newRow("mariadb");
}

void TestDrift::noDriftOnPlannedDatabase()
{
    const QString dialect = m_dialect, server = m_server;
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-every-kind", &loaded, &error), qPrintable(error));
    ScratchDatabase scratch;
    QVERIFY2(scratch.create(server, "drift_planned", &error), qPrintable(error));
    QStringList log, drifted;
    {
        Connection db;
        QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
        if (dialect == "postgresql") // re-runs say "already exists, skipping": expected here
            QSqlQuery(db.database()).exec("SET client_min_messages = warning");
        // Before release k runs, the database is at S_(k-1): drift's comparison finds nothing.
        const auto noDrift = [&](int release) {
            Schema live;
            QString message;
            if (!LiveCatalog::read(db.database(), dialect, &live, &message)) {
                drifted << message;
                return;
            }
            const SchemaState *state = loaded.engine->state(release - 1, Phase::Post);
            for (const SchemaDifference &d : SchemaDiff::compare(state->schema, live, dialect))
                drifted << state->name + ": " + d.toString();
        };
        const bool ran = runPlanOnDatabase(loaded.plan, *Dialect::forName(dialect), db.database(), &log,
                                           &error, noDrift);
        QVERIFY2(ran, qPrintable(error + '\n' + log.join('\n')));
    }
    QVERIFY2(drifted.isEmpty(), qPrintable(drifted.join('\n')));

    const QString last = loaded.engine->releaseId(loaded.engine->releaseCount());
    const CliRun run = drift({QString(TIDELINE_TEST_DATA "/sql-every-kind.tideline.json"), "--release", last,
                              "--phase", "post", "--dsn", scratch.dsn()});
    QVERIFY2(run.exitCode == 0 && run.out.startsWith("No drift"), run.out + run.err);
}

void TestDrift::everyKindPlanted()
{
    const QString dialect = m_dialect, server = m_server;
    ScratchDatabase scratch;
    QString error;
    QVERIFY2(scratch.create(server, "drift_planted", &error), qPrintable(error));
    // The real CLI builds the baseline: apply, then drift finds nothing.
    {
        QProcess apply;
        apply.start(TIDELINE_CLI, {"apply", ShopPlan, "--release", "baseline", "--dsn", scratch.dsn()});
        QVERIFY(apply.waitForFinished(120000));
        QVERIFY2(apply.exitCode() == 0, apply.readAllStandardError());
    }
    const CliRun clean = drift({ShopPlan, "--release", "baseline", "--dsn", scratch.dsn()});
    QVERIFY2(clean.exitCode == 0 && clean.out.startsWith("No drift"), clean.out + clean.err);

    QStringList expected{
        "missing_table tags",
        "extra_table extra_things",
        "missing_column customer.name",
        "extra_column customer.nickname",
        "type orders.note",
        "nullable orders.customer_id",
        "default orders.total",
        "missing_index orders index (customer_id)",
        "extra_index orders index (note)",
        "missing_constraint orders foreign key (customer_id) references customer (id)",
        // MySQL has no UNIQUE constraint apart from its unique index: the same thing.
        dialect == "mysql" ? "extra_index orders index (note)" : "extra_constraint orders unique (note)",
        "missing_constraint orders check orders_total_check",
        "extra_constraint orders check orders_note_check",
    };
    QStringList plant{
        "DROP TABLE tags",
        "CREATE TABLE extra_things (id integer)",
        "ALTER TABLE customer DROP COLUMN name",
        "ALTER TABLE customer ADD COLUMN nickname varchar(50)",
    };
    if (dialect == "sqlite") {
        // No ALTER COLUMN: orders is built again, differing in everything planted on it.
        plant << "DROP TABLE orders"
              << "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id integer, "
                 "total numeric(10,2) NOT NULL DEFAULT 1, note varchar(300), UNIQUE (note), "
                 "CONSTRAINT orders_note_check CHECK (note <> ''))"
              << "CREATE INDEX orders_note_idx ON orders (note)";
    } else if (dialect == "postgresql") {
        plant << "ALTER TABLE orders ALTER COLUMN note TYPE varchar(300)"
              << "ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL"
              << "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 1"
              << "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk"
              << "DROP INDEX orders_customer_idx"
              << "CREATE INDEX orders_note_idx ON orders (note)"
              << "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE (note)"
              << "ALTER TABLE orders DROP CONSTRAINT orders_total_check"
              << "ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> '')";
    } else {
        plant << "ALTER TABLE orders MODIFY note varchar(300) NULL"
              << "ALTER TABLE orders DROP FOREIGN KEY orders_customer_fk"
              << "ALTER TABLE orders MODIFY customer_id int NULL"
              << "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 1"
              << "DROP INDEX orders_customer_idx ON orders"
              << "CREATE INDEX orders_note_idx ON orders (note)"
              << "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE (note)"
              << "ALTER TABLE orders DROP CONSTRAINT orders_total_check"
              << "ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> '')";
    }
    QVERIFY2(execute(scratch.dsn(), plant, &error), qPrintable(error));

    // Text: one line per difference, each starting with its kind and object.
    const CliRun text = drift({ShopPlan, "--release", "baseline", "--dsn", scratch.dsn()});
    QVERIFY2(text.exitCode == 1, text.out + text.err);
    QStringList lines = QString::fromUtf8(text.out).split('\n', Qt::SkipEmptyParts);
    QStringList found;
    for (const QString &line : std::as_const(lines))
        found << line.section(':', 0, 0);
    found.sort();
    expected.sort();
    QCOMPARE(found, expected);

    // --json: the same differences, with both sides described.
    const CliRun json = drift({ShopPlan, "--release", "baseline", "--dsn", scratch.dsn(), "--json"});
    QVERIFY2(json.exitCode == 1, json.out + json.err);
    const QJsonObject report = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(report["drift"].toBool(), true);
    QCOMPARE(report["dialect"].toString(), dialect);
    QStringList fromJson;
    for (const QJsonValue &d : report["differences"].toArray()) {
        fromJson << d["kind"].toString() + ' ' + d["object"].toString();
        QVERIFY2(!d["expected"].toString().isEmpty() || !d["actual"].toString().isEmpty(),
                 qPrintable(fromJson.last() + " describes neither side"));
    }
    fromJson.sort();
    QCOMPARE(fromJson, expected);
}

void TestDrift::noDriftThroughCli_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("plan");
    const QList<QPair<QString, QStringList>> plans{
        {"sqlite", {"sql-every-kind", "drift-shop", "verify-sync", "verify-drift-sqlite", "sql-kinds-tables-sqlite"}},
        {"postgresql", {"sql-every-kind", "drift-shop", "verify-sync", "verify-drift-postgresql", "sql-kinds-tables"}},
        {"mariadb", {"sql-every-kind-mysql", "drift-shop", "verify-drift-mysql", "sql-kinds-tables"}},
    };
    for (const auto &[engine, names] : plans)
        for (const QString &name : names)
            QTest::addRow("%s %s", qPrintable(engine), qPrintable(name)) << engine << name;
}

void TestDrift::noDriftThroughCli()
{
    // A database built by Tideline's own scripts, as a user runs them (tideline-cli apply, one
    // phase after the other), matches every state the plan expects there: drift says nothing.
    // offline/ runs with pre/: both come before P_k.
    QFETCH(QString, plan);
    const QString path = QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(plan);
    ScratchDatabase scratch;
    QString error;
    QVERIFY2(scratch.create(m_server, "drift_cli", &error), qPrintable(error));
    const QString dsn = scratch.dsn();
    QStringList problems;
    const auto step = [&](const QString &release, const QString &phase) {
        const QString failed = apply(path, release, phase, dsn);
        if (!failed.isEmpty())
            problems << failed;
    };
    step("baseline", {});
    problems += driftLines(path, "baseline", {}, dsn);
    for (const QString &release : releasesOf(path)) {
        for (const char *phase : {"offline", "pre", "backfill"})
            step(release, phase);
        problems += driftLines(path, release, "pre", dsn);
        step(release, "post");
        problems += driftLines(path, release, "post", dsn);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

void TestDrift::newFieldsPlanted()
{
    // The verify-drift fixture of each engine holds every field the model gained. Built by
    // tideline-cli apply it shows no drift; each change planted on it is found, and nothing else.
    const QString dialect = m_dialect;
    const QString path = QStringLiteral(TIDELINE_TEST_DATA "/verify-drift-%1.tideline.json").arg(dialect);
    ScratchDatabase scratch;
    QString error;
    QVERIFY2(scratch.create(m_server, "drift_fields", &error), qPrintable(error));
    const QString failed = apply(path, "baseline", {}, scratch.dsn());
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    const QStringList clean = driftLines(path, "baseline", {}, scratch.dsn());
    QVERIFY2(clean.isEmpty(), qPrintable(clean.join('\n')));

    QStringList plant, expected;
    if (dialect == "postgresql") {
        plant << "ALTER TABLE member DROP CONSTRAINT member_team_fk"
              << "ALTER TABLE member ADD CONSTRAINT member_team_fk FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE"
              << "DROP INDEX member_email_live"
              << "CREATE UNIQUE INDEX member_email_live ON member (email) WHERE team_id > 0"
              << "DROP INDEX member_team_cover" << "CREATE INDEX member_team_cover ON member (team_id)"
              << "DROP INDEX member_joined_desc" << "CREATE INDEX member_joined_desc ON member (joined)"
              << "COMMENT ON COLUMN team.name IS 'changed'" << "COMMENT ON TABLE team IS NULL"
              << "ALTER TABLE team ALTER COLUMN id SET GENERATED BY DEFAULT"
              << "ALTER SEQUENCE ticket_no_seq INCREMENT BY 2" << "ALTER TYPE mood ADD VALUE 'angry'"
              << "ALTER TABLE member DROP COLUMN email_lower"
              << "ALTER TABLE member ADD COLUMN email_lower varchar(200) GENERATED ALWAYS AS (upper(email)) STORED"
              << "ALTER TABLE team ALTER COLUMN code TYPE text COLLATE \"POSIX\""
              << "ALTER TABLE member ALTER COLUMN lucky SET DEFAULT (random()*100)::int"
              << "ALTER TABLE member DROP CONSTRAINT member_email_at"
              << "ALTER TABLE member ADD CONSTRAINT member_email_at CHECK (email LIKE '%@%.%')"
              << "DROP TRIGGER member_touch ON member"
              << "CREATE TRIGGER other_touch BEFORE UPDATE ON team FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()";
        expected << "constraint_definition member foreign key (team_id) references team (id)"
                 << "index_definition member index member_email_live" << "index_definition member index member_team_cover"
                 << "index_definition member index member_joined_desc" << "comment team.name" << "table_option team comment"
                 << "identity team.id" << "sequence ticket_no_seq" << "enum mood" << "generated member.email_lower"
                 << "collation team.code" << "default member.lucky" << "constraint_definition member check member_email_at"
                 << "missing_trigger member trigger member_touch" << "extra_trigger team trigger other_touch";
    } else if (dialect == "mysql") {
        plant << "ALTER TABLE member DROP FOREIGN KEY member_team_fk"
              << "ALTER TABLE member ADD CONSTRAINT member_team_fk FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE"
              << "DROP INDEX member_email_prefix ON member" << "CREATE INDEX member_email_prefix ON member (email(30))"
              << "DROP INDEX member_joined_desc ON member" << "CREATE INDEX member_joined_desc ON member (joined)"
              << "ALTER TABLE team MODIFY name varchar(100) NOT NULL COMMENT 'changed'" << "ALTER TABLE team COMMENT = 'changed'"
              << "ALTER TABLE team MODIFY code varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
              << "ALTER TABLE member MODIFY email_lower varchar(200) AS (upper(email)) VIRTUAL"
              << "ALTER TABLE member ALTER COLUMN lucky SET DEFAULT (floor(rand()*100))"
              << "ALTER TABLE member DROP CONSTRAINT member_email_at"
              << "ALTER TABLE member ADD CONSTRAINT member_email_at CHECK (email LIKE '%@%.%')" << "DROP TRIGGER member_touch";
        expected << "constraint_definition member foreign key (team_id) references team (id)"
                 << "index_definition member index member_email_prefix" << "index_definition member index member_joined_desc"
                 << "comment team.name" << "table_option team comment" << "charset team.code" << "collation team.code"
                 << "generated member.email_lower" << "default member.lucky"
                 << "constraint_definition member check member_email_at" << "missing_trigger member trigger member_touch";
    } else {
        plant << "DROP TABLE tag" << "CREATE TABLE tag (name text NOT NULL PRIMARY KEY, note text)"
              << "DROP TABLE member"
              << "CREATE TABLE member (id INTEGER PRIMARY KEY, team_id integer, email varchar(200) NOT NULL, "
                 "lucky integer NOT NULL DEFAULT (abs(random()) % 100), email_lower text GENERATED ALWAYS AS (upper(email)) VIRTUAL, "
                 "joined timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                 "CONSTRAINT member_team_fk FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE, "
                 "CONSTRAINT member_email_at CHECK (email LIKE '%@%.%'))"
              << "CREATE UNIQUE INDEX member_email_live ON member (email) WHERE team_id > 0"
              << "CREATE INDEX member_joined_desc ON member (joined)" << "CREATE INDEX member_lower_email ON member (lower(email))"
              << "DROP TABLE team" << "CREATE TABLE team (id INTEGER PRIMARY KEY, name varchar(100) NOT NULL, code text)";
        expected << "table_option tag without rowid" << "constraint_definition member foreign key (team_id) references team (id)"
                 << "generated member.email_lower" << "default member.lucky"
                 << "constraint_definition member check member_email_at" << "index_definition member index member_email_live"
                 << "index_definition member index member_joined_desc" << "missing_trigger member trigger member_touch"
                 << "identity team.id" << "collation team.code";
    }
    QVERIFY2(execute(scratch.dsn(), plant, &error), qPrintable(error));
    const CliRun run = drift({path, "--release", "baseline", "--dsn", scratch.dsn()});
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    expected.sort();
    QCOMPARE(kindsAndObjects(run.out), expected);
}

void TestDrift::droppedSyncTrigger()
{
    // On P_1 of verify-sync sync triggers keep contact_email, full_name and score_new filled.
    // Tideline's own triggers are no extra trigger; without contact_email's, its sync trigger is
    // missing (the others show the catalog reader reads them).
    const QString path = QStringLiteral(TIDELINE_TEST_DATA "/verify-sync.tideline.json");
    ScratchDatabase scratch;
    QString error;
    QVERIFY2(scratch.create(m_server, "drift_sync", &error), qPrintable(error));
    for (const auto &[release, phase] : QList<QPair<QString, QString>>{{"baseline", {}}, {"r1", "offline"}, {"r1", "pre"}}) {
        const QString failed = apply(path, release, phase, scratch.dsn());
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    const QStringList clean = driftLines(path, "r1", "pre", scratch.dsn());
    QVERIFY2(clean.isEmpty(), qPrintable(clean.join('\n')));
    // Drop every trigger Tideline made, found in the engine's own catalog.
    Connection db;
    QVERIFY2(db.open(scratch.dsn(), &error), qPrintable(error));
    const QString list = m_dialect == "sqlite" ? "SELECT name, '' FROM sqlite_master WHERE type = 'trigger' "
                                                 "AND name LIKE 'tideline_sync%contact_email%'"
                         : m_dialect == "postgresql"
                             ? "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'tideline_sync%contact_email%'"
                             // MySQL's names are hashes: the body names the column it sets.
                             : "SELECT trigger_name, '' FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
                               "AND trigger_name LIKE 'tideline_sync%' AND action_statement LIKE '%contact_email%'";
    QStringList drops;
    QSqlQuery query(db.database());
    QVERIFY2(query.exec(list), qPrintable(query.lastError().text()));
    while (query.next())
        drops << "DROP TRIGGER " + query.value(0).toString()
                     + (m_dialect == "postgresql" ? " ON " + query.value(1).toString() : QString());
    QVERIFY2(!drops.isEmpty(), "no tideline_sync_*contact_email* trigger on P_1");
    QVERIFY2(runStatements(db.database(), drops, &error), qPrintable(error));
    const CliRun run = drift({path, "--release", "r1", "--phase", "pre", "--dsn", scratch.dsn()});
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    const QStringList found = kindsAndObjects(run.out);
    QVERIFY2(found.contains("missing_sync_trigger member.contact_email"), run.out);
    QVERIFY2(std::none_of(found.cbegin(), found.cend(), [](const QString &f) { return f.startsWith("extra_trigger"); }), run.out);
}

QTEST_GUILESS_MAIN(TestDrift)
// A database a team migrates with Flyway or Liquibase holds the runner's history tables next
// to the application's; drift must not call that drift (issue 15), yet a table the team did not
// plan is still found, and --ignore-table leaves out what the team names.
void TestDrift::runnerTablesNotCompared()
{
    ScratchDatabase scratch;
    QString error;
    QVERIFY2(scratch.create(m_server, "drift_runners", &error), qPrintable(error));
    const QString dsn = scratch.dsn();
    const QString failed = apply(ShopPlan, "baseline", {}, dsn);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // As the runners create them (Flyway 9, Liquibase 4: upper-case names, unquoted).
    const QString timestamp = m_dialect == "mysql" ? "DATETIME" : "TIMESTAMP";
    QVERIFY2(execute(dsn,
                     {"CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, "
                      "version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, "
                      "script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL, "
                      "installed_on " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL, "
                      "execution_time INT NOT NULL, success BOOLEAN NOT NULL)",
                      "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, "
                      "FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED " + timestamp + " NOT NULL, "
                      "ORDEREXECUTED INT NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35))",
                      "CREATE TABLE DATABASECHANGELOGLOCK (ID INT NOT NULL PRIMARY KEY, LOCKED BOOLEAN NOT NULL, "
                      "LOCKGRANTED " + timestamp + ", LOCKEDBY VARCHAR(255))",
                      "CREATE TABLE audit_2026 (id INT PRIMARY KEY)"},
                     &error),
             qPrintable(error));
    const QStringList base{ShopPlan, "--release", "baseline", "--dsn", dsn};

    CliRun run = drift(base + QStringList{"--ignore-table", "AUDIT_*"});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.value(0).startsWith("No drift"), run.out);
    // PostgreSQL folds unquoted names to lower case; SQLite and MariaDB keep them as written.
    const QString changelog = m_dialect == "postgresql" ? "databasechangelog" : "DATABASECHANGELOG";
    const QString lock = m_dialect == "postgresql" ? "databasechangeloglock" : "DATABASECHANGELOGLOCK";
    const QStringList expected{"not compared: table audit_2026 (--ignore-table AUDIT_*)",
                               "not compared: table " + changelog + " (Liquibase's change log)",
                               "not compared: table " + lock + " (Liquibase's lock)",
                               "not compared: table flyway_schema_history (Flyway's schema history)"};
    lines.removeFirst();
    lines.sort(Qt::CaseInsensitive);
    QCOMPARE(lines, expected);

    // The JSON form lists them too.
    run = drift(base + QStringList{"--ignore-table", "audit_*", "--json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(result["drift"].toBool(true), false);
    QCOMPARE(result["notCompared"].toArray().size(), 4);

    // Without the pattern the team's own unplanned table is drift; with
    // --compare-runner-tables so are the runners' tables.
    run = drift(base);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(kindsAndObjects(run.out.left(run.out.indexOf("not compared"))), QStringList{"extra_table audit_2026"});
    run = drift(base + QStringList{"--ignore-table", "audit_*", "--compare-runner-tables"});
    QCOMPARE(run.exitCode, 1);
    QStringList extra = kindsAndObjects(run.out.left(run.out.indexOf("not compared")));
    for (QString &line : extra)
        line = line.toLower();
    QCOMPARE(extra, (QStringList{"extra_table databasechangelog", "extra_table databasechangeloglock",
                                 "extra_table flyway_schema_history"}));
}

#include "tst_drift.moc"
