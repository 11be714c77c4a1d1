// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// `tideline-cli drift` on live databases of every engine it reads (SQLite in a file; PostgreSQL
// and MariaDB with TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN):
// - a database built from a plan shows no drift: drift-shop's baseline, and sql-every-kind after
//   every release (each S_k, in process, and the last one through the CLI);
// - one of each kind of difference planted in drift-shop's baseline (missing and extra table and
//   column, type, nullability, default, missing and extra index and constraint) is each found
//   and named, in the text and in --json, with exit code 1, and nothing else is reported.

#include "execution.h"
#include "scratchdatabase.h"
#include "sqlfixtures.h"

#include <sql/connection.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out, err;
};

CliRun drift(const QStringList &arguments)
{
    QProcess cli;
    cli.start(TIDELINE_CLI, QStringList{"drift"} + arguments);
    CliRun run;
    if (cli.waitForFinished(120000) && cli.exitStatus() == QProcess::NormalExit)
        run.exitCode = cli.exitCode();
    run.out = cli.readAllStandardOutput();
    run.err = cli.readAllStandardError();
    return run;
}

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

private:
    QString m_dialect, m_server;
};

void TestDrift::init()
{
    const QString tag = QTest::currentDataTag();
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
        "extra_constraint orders unique (note)",
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

QTEST_GUILESS_MAIN(TestDrift)
#include "tst_drift.moc"
