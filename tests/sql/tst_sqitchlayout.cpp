// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sqitch layout (DESIGN.md §6) is consumable by sqitch itself: with TIDELINE_TEST_PG_DSN,
// every bundle of a plan (the baseline, then each release) is exported in the sqitch layout to a
// folder of its own and deployed with `sqitch deploy --verify`, then `sqitch verify`, against a
// fresh database; afterwards the database's catalog holds the schema the engine expects.

#include <sql/bundle.h>
#include <sql/bundlewriter.h>
#include <sql/connection.h>
#include <sql/livecatalog.h>
#include <sql/postgresdialect.h>

#include "execution.h"
#include "sqlfixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <functional>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

/** postgresql://user[:password]@host:port/db as sqitch's target URI for database @p database. */
QString sqitchTarget(const QString &dsn, const QString &database)
{
    QUrl url(dsn);
    url.setScheme(QStringLiteral("pg"));
    url.setPath(QLatin1Char('/') + database);
    return QStringLiteral("db:") + url.toString();
}

/**
 * Runs sqitch with @p arguments in @p folder, isolated from the user's and the system's sqitch
 * configuration, and with a planner identity so that nothing prompts. Returns false and sets
 * @p output to what sqitch printed when it fails or does not exit 0.
 */
bool runSqitch(const QString &folder, const QStringList &arguments, QString *output)
{
    QProcess sqitch;
    sqitch.setWorkingDirectory(folder);
    sqitch.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SQITCH_USER_CONFIG"), QDir(folder).filePath(QStringLiteral("no-user.conf")));
    env.insert(QStringLiteral("SQITCH_SYSTEM_CONFIG"), QDir(folder).filePath(QStringLiteral("no-system.conf")));
    env.insert(QStringLiteral("SQITCH_FULLNAME"), QStringLiteral("Tideline tests"));
    env.insert(QStringLiteral("SQITCH_EMAIL"), QStringLiteral("tests@tideline.invalid"));
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    env.insert(QStringLiteral("PGOPTIONS"), QStringLiteral("-c client_min_messages=warning"));
    sqitch.setProcessEnvironment(env);
    sqitch.setStandardInputFile(QProcess::nullDevice()); // never prompts
    sqitch.start(QStringLiteral("sqitch"), arguments);
    if (!sqitch.waitForStarted(30000)) {
        *output = QStringLiteral("sqitch did not start: %1").arg(sqitch.errorString());
        return false;
    }
    const bool finished = sqitch.waitForFinished(300000);
    *output = QString::fromUtf8(sqitch.readAll());
    if (!finished) {
        sqitch.kill();
        sqitch.waitForFinished();
        *output = QStringLiteral("sqitch timed out\n") + *output;
        return false;
    }
    return sqitch.exitStatus() == QProcess::NormalExit && sqitch.exitCode() == 0;
}

} // namespace

class TestSqitchLayout : public QObject
{
    Q_OBJECT

private slots:
    void deployAndVerify_data();
    void deployAndVerify();
};

void TestSqitchLayout::deployAndVerify_data()
{
    QTest::addColumn<QString>("plan");
    QTest::newRow("sql-every-kind") << "sql-every-kind";
    QTest::newRow("sql-hostile") << "sql-hostile";
}

void TestSqitchLayout::deployAndVerify()
{
    const QString dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    if (QStandardPaths::findExecutable("sqitch").isEmpty())
        QSKIP("sqitch is not on PATH (Debian: apt-get install sqitch)");
    if (QStandardPaths::findExecutable("psql").isEmpty())
        QSKIP("psql is not on PATH (Debian: apt-get install postgresql-client); sqitch's pg engine runs it");
    QFETCH(QString, plan);

    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(plan, &loaded, &error), qPrintable(error));
    const Engine *engine = loaded.engine.get();

    // A fresh database, created through the server's maintenance database.
    const QString name = QStringLiteral("tideline_sqitch_%1_%2")
                             .arg(plan)
                             .arg(QCoreApplication::applicationPid())
                             .replace(QLatin1Char('-'), QLatin1Char('_'));
    const auto dropDatabase = [&] {
        Connection admin;
        QString message;
        if (admin.open(dsn, &message))
            QSqlQuery(admin.database()).exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
    };
    {
        Connection admin;
        QVERIFY2(admin.open(dsn, &error), qPrintable(error));
        QSqlQuery q(admin.database());
        q.exec(QStringLiteral("SET client_min_messages = warning")); // DROP … IF EXISTS notices
        q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
        QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE %1").arg(name)), qPrintable(q.lastError().text()));
    }
    struct DropOnReturn
    {
        std::function<void()> drop;
        ~DropOnReturn() { drop(); }
    } dropOnReturn{dropDatabase};

    const QString target = sqitchTarget(dsn, name);
    QTemporaryDir work;
    QVERIFY2(work.isValid(), qPrintable(work.errorString()));

    // The baseline (S_0) first, then every release, each a sqitch project in a folder of its own.
    QStringList releases{QStringLiteral("baseline")};
    for (int k = 1; k <= engine->releaseCount(); ++k)
        releases << engine->releaseId(k);
    const PostgresDialect dialect;
    int changes = 0, outsideTransaction = 0;
    for (int k = 0; k < releases.size(); ++k) {
        Bundle bundle;
        QVERIFY2(Bundle::build(*engine, releases.at(k), dialect, &bundle, &error), qPrintable(error));
        changes += bundle.files.size();
        for (const BundleFile &f : std::as_const(bundle.files))
            outsideTransaction += f.transactional ? 0 : 1;
        const QString folder = work.filePath(QStringLiteral("%1-%2").arg(k).arg(releases.at(k)));
        QVERIFY2(BundleWriter::write(bundle, k, QStringLiteral("sqitch"), folder, false, &error), qPrintable(error));

        QString output;
        QVERIFY2(runSqitch(folder, {QStringLiteral("deploy"), QStringLiteral("--verify"), target}, &output),
                 qPrintable(QStringLiteral("sqitch deploy --verify of %1 failed:\n%2").arg(releases.at(k), output)));
        QVERIFY2(runSqitch(folder, {QStringLiteral("verify"), target}, &output),
                 qPrintable(QStringLiteral("sqitch verify of %1 failed:\n%2").arg(releases.at(k), output)));

        if (k == 0 && plan == QLatin1String("sql-every-kind")) {
            // Rows in S_0, so that the backfills' batches (DO blocks that COMMIT) have work to do.
            Connection db;
            QVERIFY2(db.open(QString(dsn).replace(QRegularExpression(QStringLiteral("/[^/]*$")),
                                                  QStringLiteral("/") + name),
                             &error),
                     qPrintable(error));
            QSqlQuery q(db.database());
            const QStringList rows{
                "INSERT INTO customer (first_name, last_name, email, nickname, phone) "
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
        }
    }

    // After the last release the database holds S_m: the engine's tables and columns.
    Connection db;
    QVERIFY2(db.open(QString(dsn).replace(QRegularExpression(QStringLiteral("/[^/]*$")), QStringLiteral("/") + name),
                     &error),
             qPrintable(error));
    Schema live;
    QVERIFY2(LiveCatalog::read(db.database(), QStringLiteral("postgresql"), &live, &error), qPrintable(error));
    const Schema &expected = engine->states().last().schema;
    QCOMPARE(live.tables.keys(), expected.tables.keys());
    for (const Table &want : expected.tables) {
        QStringList wantColumns, haveColumns;
        for (const Column &c : want.columns)
            wantColumns << c.name;
        for (const Column &c : live.tables.value(want.name).columns)
            haveColumns << c.name;
        wantColumns.sort();
        haveColumns.sort();
        QVERIFY2(haveColumns == wantColumns,
                 qPrintable(QStringLiteral("columns of %1: %2, expected %3")
                                .arg(want.name, haveColumns.join(", "), wantColumns.join(", "))));
    }
    // Types, nullability and primary keys too, as the Applier's execution tests compare them.
    QString difference;
    QVERIFY2(compareSchemas(expected, live, QStringLiteral("postgresql"), &difference), qPrintable(difference));

    // sqitch recorded every change of every release in its registry.
    QSqlQuery q(db.database());
    QVERIFY2(q.exec("SELECT count(DISTINCT project), count(*) FROM sqitch.changes"), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), releases.size());
    QCOMPARE(q.value(1).toInt(), changes);

    if (plan == QLatin1String("sql-every-kind")) {
        // Scripts that must run outside a transaction (CREATE INDEX CONCURRENTLY, backfills that
        // COMMIT between batches) were among them: psql runs sqitch's deploy scripts as they are.
        QVERIFY(outsideTransaction > 0);
        // The backfills moved the rows: equal authors are one row, every post with one points at it.
        QVERIFY(q.exec("SELECT count(*) FROM authors"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 7);
        QVERIFY(q.exec("SELECT count(*) FROM posts WHERE author_id IS NULL"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2100 / 5);
        QVERIFY(q.exec("SELECT full_name, email_lower FROM customer WHERE id = 1"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QString("First1 Last1"));
        QCOMPARE(q.value(1).toString(), QString("user1@example.org"));
    }
}

QTEST_GUILESS_MAIN(TestSqitchLayout)
#include "tst_sqitchlayout.moc"
