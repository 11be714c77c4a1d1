// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `tideline-cli verify --dsn` works in a tideline_verify_* database it creates on the user's
// server (issue 14, item 4). Stopped by SIGTERM it drops it on the way out; killed by SIGKILL it
// cannot, and the next verify of this machine drops it, naming it, and nothing else: not another
// machine's, not one of a process that still runs. Judged by the server's own list of databases.

#include <sql/connection.h>
#include <verify/scratchserver.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <csignal>
#include <memory>

using namespace Tideline;

class TestScratchDatabases : public QObject
{
    Q_OBJECT

private slots:
    void servers_data();
    void sigtermDropsTheDatabase_data() { servers_data(); }
    void sigtermDropsTheDatabase();
    void killedRunIsDroppedByTheNext_data() { servers_data(); }
    void killedRunIsDroppedByTheNext();

private:
    /** The row's server, or an empty DSN after QSKIP's reason. */
    QString dsn();
    QStringList databases(); // the server's tideline_verify_* databases
    bool exec(const QString &sql);
    /** Starts verify --dsn and waits until its database is there; returns its name. */
    QString startVerify(QProcess *process, int rows);

    std::unique_ptr<Connection> m_admin;
    QString m_dsn;
};

void TestScratchDatabases::servers_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("plan");
    QTest::newRow("postgresql") << "TIDELINE_TEST_PG_DSN" << "verify-drift-postgresql";
    QTest::newRow("mariadb") << "TIDELINE_TEST_MYSQL_DSN" << "verify-drift-mysql";
}

QString TestScratchDatabases::dsn()
{
    QFETCH(QString, variable);
    const QString value = qEnvironmentVariable(qPrintable(variable));
    if (value.isEmpty())
        return {};
    if (!m_admin || m_dsn != value) {
        m_admin = std::make_unique<Connection>();
        m_dsn = value;
        QString error;
        if (!m_admin->open(value, &error))
            qWarning("cannot connect to %s: %s", qPrintable(variable), qPrintable(error));
    }
    return value;
}

QStringList TestScratchDatabases::databases()
{
    QSqlQuery query(m_admin->database());
    const bool postgres = m_admin->dialect() == QLatin1String("postgresql");
    if (!query.exec(postgres ? "SELECT datname FROM pg_database WHERE datname LIKE 'tideline\\_verify\\_%'"
                             : "SHOW DATABASES LIKE 'tideline\\_verify\\_%'"))
        qWarning("cannot list the databases: %s", qPrintable(query.lastError().text()));
    QStringList names;
    while (query.next())
        names << query.value(0).toString();
    return names;
}

bool TestScratchDatabases::exec(const QString &sql)
{
    QSqlQuery query(m_admin->database());
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

QString TestScratchDatabases::startVerify(QProcess *process, int rows)
{
    QFETCH(QString, plan);
    process->start(TIDELINE_CLI, {"verify", QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(plan), "--release",
                                  "r1", "--rows", QString::number(rows), "--dsn", m_dsn});
    if (!process->waitForStarted())
        return {};
    const QString ours = ScratchDatabase::namePrefix() + QString::number(process->processId()) + '_';
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 120000 && process->state() != QProcess::NotRunning) {
        for (const QString &name : databases()) {
            if (name.startsWith(ours))
                return name;
        }
        QThread::msleep(20);
    }
    return {};
}

void TestScratchDatabases::sigtermDropsTheDatabase()
{
    if (dsn().isEmpty())
        QSKIP("no server (./test.sh starts throwaway servers and sets TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN)");
    QVERIFY(m_admin->database().isOpen());
    QProcess verify;
    const QString name = startVerify(&verify, 20000); // rows enough to be busy when the signal comes
    QVERIFY2(!name.isEmpty(), verify.readAllStandardError());
    QVERIFY2(verify.state() == QProcess::Running, "verify ended before it could be stopped");

    verify.terminate(); // SIGTERM, as CI's timeout or systemd sends it
    QVERIFY(verify.waitForFinished(60000));
    QCOMPARE(verify.exitCode(), 128 + SIGTERM);
    QVERIFY2(!databases().contains(name), qPrintable(name + " is still on the server"));
}

void TestScratchDatabases::killedRunIsDroppedByTheNext()
{
    if (dsn().isEmpty())
        QSKIP("no server (./test.sh starts throwaway servers and sets TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN)");
    QVERIFY(m_admin->database().isOpen());
    QProcess verify;
    const QString name = startVerify(&verify, 20000);
    QVERIFY2(!name.isEmpty(), verify.readAllStandardError());
    const qint64 owner = verify.processId();
    verify.kill(); // SIGKILL: nothing runs on the way out
    QVERIFY(verify.waitForFinished(60000));
    QThread::msleep(200); // the server notices the closed session
    QVERIFY2(databases().contains(name), "the database went with its verify; nothing left to clean up");

    // Not ours to drop: another machine's (another host hash) and one of a process that runs.
    const QString otherMachine = QStringLiteral("tideline_verify_%1_%2_0123abcd")
                                     .arg(ScratchDatabase::namePrefix().contains("ffffffff") ? "eeeeeeee" : "ffffffff")
                                     .arg(owner);
    const QString running = ScratchDatabase::namePrefix() + QString::number(QCoreApplication::applicationPid()) + "_0123abcd";
    QVERIFY(exec("CREATE DATABASE " + otherMachine));
    QVERIFY(exec("CREATE DATABASE " + running));
    const auto dropDecoys = qScopeGuard([&] {
        exec("DROP DATABASE IF EXISTS " + otherMachine);
        exec("DROP DATABASE IF EXISTS " + running);
    });

    QProcess next;
    const QString left = startVerify(&next, 10);
    QVERIFY(next.waitForFinished(120000));
    const QString err = QString::fromUtf8(next.readAllStandardError());
    QVERIFY2(next.exitCode() == 0 || next.exitCode() == 1, qPrintable(err)); // it ran
    QVERIFY2(err.contains(QString("verify: dropped the scratch database %1 that verify (process %2, gone) left on the server")
                              .arg(name)
                              .arg(owner)),
             qPrintable(err));
    const QStringList after = databases();
    QVERIFY2(!after.contains(name), qPrintable(after.join(' ')));
    QVERIFY2(after.contains(otherMachine) && after.contains(running), qPrintable(after.join(' ')));
    QVERIFY2(!err.contains(otherMachine) && !err.contains(running), qPrintable(err));
    QVERIFY2(left.isEmpty() || !after.contains(left), qPrintable(left)); // and its own went at its end
}

QTEST_GUILESS_MAIN(TestScratchDatabases)
#include "tst_scratchdatabases.moc"
