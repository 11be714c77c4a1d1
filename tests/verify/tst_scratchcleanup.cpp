// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `tideline-cli verify` starts a throwaway PostgreSQL or MariaDB server in the temporary folder
// (issue 14, item 7). Stopped by SIGTERM, it stops that server and removes the folder on the
// way out; killed by SIGKILL, it cannot, and the next verify finds the folder, stops the server
// and removes it, naming both. Judged by the server's process and the folder on disk.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <csignal>

#include <pwd.h>
#include <unistd.h>

namespace {

bool processRuns(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

bool gone(qint64 pid)
{
    QElapsedTimer waited; // a stopped server is reaped by init a moment later
    waited.start();
    while (processRuns(pid) && waited.elapsed() < 10000)
        QThread::msleep(50);
    return !processRuns(pid);
}

} // namespace

class TestScratchCleanup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void engines_data();
    void sigtermStopsTheServer_data() { engines_data(); }
    void sigtermStopsTheServer();
    void killedRunIsCleanedUpByTheNext_data() { engines_data(); }
    void killedRunIsCleanedUpByTheNext();
    void sweepStopsOnlyItsOwnServer();

private:
    /** Starts verify of the row's plan and waits until its server runs; returns the server's pid. */
    qint64 startVerify(QProcess *process);
    QString missingServer(); // why the row's server cannot run here, if so
    QStringList scratchFolders() const;

    QTemporaryDir m_tmp; // the TMPDIR of every verify this test runs
};

void TestScratchCleanup::init()
{
    QVERIFY(m_tmp.isValid());
    QFile::setPermissions(m_tmp.path(), QFileDevice::Permissions(0x7777)); // the server runs as postgres
    for (const QString &folder : scratchFolders())
        QDir(m_tmp.filePath(folder)).removeRecursively();
}

void TestScratchCleanup::engines_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("pidFile"); // inside the scratch folder
    QTest::addColumn<QString>("binary");
    QTest::newRow("postgresql") << "verify-drift-postgresql" << "data/postmaster.pid" << "pg_ctlcluster";
    QTest::newRow("mariadb") << "verify-drift-mysql" << "mariadbd.pid" << "mariadb-install-db";
}

QStringList TestScratchCleanup::scratchFolders() const
{
    return QDir(m_tmp.path()).entryList({"tideline-verify-*"}, QDir::Dirs | QDir::NoDotAndDotDot);
}

QString TestScratchCleanup::missingServer()
{
    QFETCH(QString, binary);
    if (QStandardPaths::findExecutable(binary).isEmpty() && !QFile::exists("/usr/bin/" + binary))
        return binary + " is not installed (./test.sh installs the servers)";
    return {};
}

qint64 TestScratchCleanup::startVerify(QProcess *process)
{
    QFETCH(QString, plan);
    QFETCH(QString, pidFile);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TMPDIR", m_tmp.path());
    process->setProcessEnvironment(environment);
    process->start(TIDELINE_CLI, {"verify", QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(plan), "--release", "r1"});
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 120000 && process->state() != QProcess::NotRunning) {
        const QStringList folders = scratchFolders();
        if (folders.size() == 1) {
            QFile file(m_tmp.filePath(folders.first() + '/' + pidFile));
            // PostgreSQL writes a negative pid while initdb's bootstrap backend runs.
            if (file.open(QIODevice::ReadOnly))
                if (const qint64 pid = file.readLine().trimmed().toLongLong(); pid > 0 && processRuns(pid))
                    return pid;
        }
        QThread::msleep(20);
    }
    return 0;
}

void TestScratchCleanup::sigtermStopsTheServer()
{
    if (const QString why = missingServer(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QProcess verify;
    const qint64 server = startVerify(&verify);
    QVERIFY2(server > 0, verify.readAllStandardError());
    QCOMPARE(scratchFolders().size(), 1);

    verify.terminate(); // SIGTERM, as CI's timeout or systemd sends it
    QVERIFY(verify.waitForFinished(60000));
    QCOMPARE(verify.exitCode(), 128 + SIGTERM);
    QVERIFY2(gone(server), qPrintable(QString("the %1 server %2 still runs").arg(QTest::currentDataTag()).arg(server)));
    QCOMPARE(scratchFolders(), QStringList());
}

void TestScratchCleanup::killedRunIsCleanedUpByTheNext()
{
    if (const QString why = missingServer(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QProcess verify;
    const qint64 server = startVerify(&verify);
    QVERIFY2(server > 0, verify.readAllStandardError());
    const qint64 owner = verify.processId();
    verify.kill(); // SIGKILL: nothing runs on the way out
    QVERIFY(verify.waitForFinished(60000));
    QVERIFY2(processRuns(server), "the server stopped with its verify; nothing left to clean up");
    const QStringList left = scratchFolders();
    QCOMPARE(left.size(), 1);

    // The next verify, even of an SQLite plan that needs no server, cleans up and says what.
    QProcess next;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TMPDIR", m_tmp.path());
    next.setProcessEnvironment(environment);
    next.start(TIDELINE_CLI, {"verify", TIDELINE_TEST_DATA "/verify-drift-sqlite.tideline.json", "--release", "r1"});
    QVERIFY(next.waitForFinished(120000));
    const QString err = QString::fromUtf8(next.readAllStandardError());
    const QString expected = QString("verify: removed %1, left by process %2 that no longer runs (its %3 server, process %4, "
                                     "was still running and is stopped)")
                                 .arg(m_tmp.filePath(left.first()))
                                 .arg(owner)
                                 .arg(QTest::currentDataTag() == QByteArray("postgresql") ? "PostgreSQL" : "MariaDB")
                                 .arg(server);
    QVERIFY2(err.contains(expected), qPrintable(err));
    QVERIFY(gone(server));
    QCOMPARE(scratchFolders(), QStringList());
}

// The sweep acts on pid files, so it must not be talked into stopping a process that is not the
// folder's server (a reused pid, a planted file), nor touch a folder another user made.
void TestScratchCleanup::sweepStopsOnlyItsOwnServer()
{
    QProcess bystander; // a process the pid file names, but no server of that folder
    bystander.start("sleep", {"120"});
    QVERIFY(bystander.waitForStarted());
    const qint64 deadOwner = 99999999; // above any pid_max: a process that does not run
    const auto plant = [&](const QString &name) {
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir + "/data");
        QFile owner(dir + "/owner.pid");
        QFile pid(dir + "/data/postmaster.pid");
        return owner.open(QIODevice::WriteOnly) && owner.write(QByteArray::number(deadOwner) + '\n') > 0
               && pid.open(QIODevice::WriteOnly) && pid.write(QByteArray::number(bystander.processId()) + '\n') > 0;
    };
    QVERIFY(plant("tideline-verify-planted"));
    // Another user's folder: its owner file is not ours (only root can hand a file to another user).
    const bool asRoot = ::geteuid() == 0;
    if (asRoot) {
        QVERIFY(plant("tideline-verify-others"));
        const passwd *nobody = ::getpwnam("nobody");
        QVERIFY(nobody);
        QCOMPARE(::chown(QFile::encodeName(m_tmp.filePath("tideline-verify-others/owner.pid")).constData(),
                         nobody->pw_uid, nobody->pw_gid), 0);
    }

    QProcess next;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TMPDIR", m_tmp.path());
    next.setProcessEnvironment(environment);
    next.start(TIDELINE_CLI, {"verify", TIDELINE_TEST_DATA "/verify-drift-sqlite.tideline.json", "--release", "r1"});
    QVERIFY(next.waitForFinished(120000));
    const QString err = QString::fromUtf8(next.readAllStandardError());
    QVERIFY2(err.contains(QString("verify: removed %1, left by process %2 that no longer runs\n")
                              .arg(m_tmp.filePath("tideline-verify-planted"))
                              .arg(deadOwner)),
             qPrintable(err));
    QCOMPARE(bystander.state(), QProcess::Running);
    QCOMPARE(scratchFolders(), asRoot ? QStringList{"tideline-verify-others"} : QStringList());
    bystander.kill();
    bystander.waitForFinished();
}

QTEST_GUILESS_MAIN(TestScratchCleanup)
#include "tst_scratchcleanup.moc"
