// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The .tideline file under faults (issue 14, items 1, 2 and the plan-file messages of 8): other
// processes that hold it (an sqlite3 shell, another Tideline), processes killed mid-write, read-only
// and older files, damaged files, a TMPDIR that is not there. Everything is judged from the real
// file: the sqlite3 tool, its bytes and mtime, or a fresh load.
#include <document/document.h>
#include <io/planfile.h>
#include <io/planjson.h>
#include <storage/planstore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QThread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Tideline;

namespace {

QString dataPath(const QString &name)
{
    return QStringLiteral(TIDELINE_TEST_DATA) + u'/' + name;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Plan fixture(const QString &name)
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanJson::read(readFile(dataPath(name)), &plan, &errors, name))
        qWarning("%s", qPrintable(errors.value(0).toString()));
    return plan;
}

struct Run
{
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + "\n--- stdout:\n" + out.toUtf8()
               + "\n--- stderr:\n" + err.toUtf8();
    }
};

Run run(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    process.start();
    Run result;
    if (!process.waitForStarted(30000)) {
        result.err = process.errorString();
        return result;
    }
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = u"timed out"_s;
        return result;
    }
    result.finished = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// The CLI under test: this build's, or TIDELINE_CLI_UNDER_TEST (an older build, to see the
// tests fail where the faults are still there).
QString cliProgram()
{
    const QString other = qEnvironmentVariable("TIDELINE_CLI_UNDER_TEST");
    return other.isEmpty() ? QStringLiteral(TIDELINE_CLI) : other;
}

Run cli(const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    return run(cliProgram(), arguments, environment);
}

// The sqlite3 tool's own answer, not ours.
QString sqlite3(const QString &path, const QString &sql)
{
    const Run r = run(u"sqlite3"_s, {path, sql});
    return r.exitCode == 0 ? r.out.trimmed() : u"sqlite3 failed: "_s + r.err;
}

// Runs statements on a file through a connection of the test's own, as another program would.
void runSql(const QString &path, const QStringList &statements)
{
    const QString name = u"tst_planfaults-raw"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
}

/** A process that keeps running: an sqlite3 shell in a transaction, or a Tideline holding a
 *  lock. Killed with SIGKILL when the test is done with it (or fails). */
class Holder
{
public:
    ~Holder() { kill(); }

    // Starts program and feeds it input, then waits until it prints `ready`.
    bool start(const QString &program, const QStringList &arguments, const QByteArray &input,
               const QByteArray &ready)
    {
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.start();
        if (!m_process.waitForStarted(30000))
            return false;
        m_process.write(input);
        QByteArray said;
        while (!said.contains(ready)) {
            if (!m_process.waitForReadyRead(30000))
                return false;
            said += m_process.readAllStandardOutput();
        }
        return true;
    }
    qint64 pid() const { return m_process.processId(); }
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill(); // SIGKILL: no chance to clean anything up
        m_process.waitForFinished(30000);
    }

private:
    QProcess m_process;
};

struct FileState
{
    QByteArray bytes;
    QDateTime modified;
    bool operator==(const FileState &o) const { return bytes == o.bytes && modified == o.modified; }
};

FileState stateOf(const QString &path)
{
    return {readFile(path), QFileInfo(path).fileTime(QFileDevice::FileModificationTime)};
}

// A plan of storage version 2, as an older Tideline wrote it (what versions 3 to 5 added is
// dropped, so the file is what version 2's schema was).
void makeVersion2File(const QString &path, const Plan &plan)
{
    QString error;
    QVERIFY2(PlanStore::write(path, plan, &error), qPrintable(error));
    runSql(path, {u"ALTER TABLE settings DROP COLUMN max_contract_age"_s,
                  u"DROP TABLE app_statements"_s, u"DROP TABLE acknowledgements"_s,
                  u"ALTER TABLE baseline DROP COLUMN sequences_json"_s,
                  u"ALTER TABLE baseline DROP COLUMN enums_json"_s,
                  u"ALTER TABLE refactorings DROP COLUMN after_json"_s,
                  u"ALTER TABLE releases DROP COLUMN shipped_json"_s, u"ALTER TABLE releases DROP COLUMN baseline_sha256"_s,
                  u"ALTER TABLE releases DROP COLUMN baseline_algorithm"_s, u"DROP TABLE history"_s,
                  u"PRAGMA user_version = 2"_s, u"VACUUM"_s});
}

// The plan as version 2 held it.
Plan asVersion2(Plan plan)
{
    plan.policy.maxContractAge = Policy().maxContractAge;
    plan.statements.clear();
    plan.acknowledgements.clear();
    plan.baseline.schema.sequences.clear();
    plan.baseline.schema.enums.clear();
    for (Refactoring &r : plan.refactorings)
        r.after.clear();
    return plan;
}

// Another plan than `plan`, told apart by name, labels and count of releases.
Plan otherPlan(Plan plan, int extraReleases)
{
    plan.name = u"The other plan"_s;
    for (Release &r : plan.releases)
        r.label = u"other "_s + r.label;
    for (int i = 0; i < extraReleases; ++i)
        plan.releases.append(Release{u"x%1"_s.arg(i), u"extra %1"_s.arg(i), {}, {}});
    return plan;
}

// Large enough that a save takes a while: a long note and many releases.
Plan bigPlan(const Plan &plan)
{
    Plan big = otherPlan(plan, 3000);
    big.refactorings.first().note = QString(8 * 1024 * 1024, u'x');
    return big;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class tst_PlanFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // item 1
    void saveFailsWhileAnotherProcessWritesThenRecovers();
    void saveFailsOnExclusiveLock();
    void killedSaveLeavesOldOrNewPlan_data();
    void killedSaveLeavesOldOrNewPlan();
    void staleJournalIsNotRolledIntoANewPlan();
    void anotherTidelineHoldingTheFileIsNamed();
    void staleLockOfAKilledTidelineIsTakenOver();
    void lockOfAReusedProcessIdIsTakenOver();
    void garbledLockIsNotTakenAsFree();
    void emptyLockOfAKilledTidelineIsTakenOver();
    void unreadableLockOfARunningProcessIsRefused();
    void documentRefusesAFileOpenInAnotherTideline();
    // item 4
    void convertStoppedBySignalLeavesNothingBeside();
    // item 2
    void readCommandsLeaveAnOlderFileUntouched();
    void documentOpenLeavesAnOlderFileUntouched();
    void readOnlyOlderFileIsReadable();
    void saveMigratesTheOlderFile();
    // item 8
    void lockedFileIsNamedAsLocked();
    void damagedFileIsNamedAsDamaged();
    void unusableTmpdirDoesNotStopASave();
    void badReleaseDateIsNamed_data();
    void badReleaseDateIsNamed();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Plan m_full;
};

void tst_PlanFaults::initTestCase()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        QSKIP("the QSQLITE driver is not available");
    QVERIFY2(!QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty(),
             "the sqlite3 tool is missing (Debian: apt-get install sqlite3)");
    // A plan every command accepts (validates, runs, reviews), as the CLI tests need.
    m_full = fixture(u"cli-valid.tideline.json"_s);
    QVERIFY(m_full.releases.size() >= 3);
}

void tst_PlanFaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Item 1: an sqlite3 shell holds a write transaction on the plan (its journal on disk) while we
// save; then it is killed -9 and leaves its hot journal. Today's save renamed a new file under
// that journal, and the next open rolled the old pages into the new plan.
void tst_PlanFaults::saveFailsWhileAnotherProcessWritesThenRecovers()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY2(PlanFile::save(path, m_full, &errors), qPrintable(errors.value(0).toString()));

    // A transaction larger than its page cache: SQLite syncs the journal (hot from then on)
    // and writes pages of the transaction into the file itself.
    Holder shell;
    QVERIFY(shell.start(u"sqlite3"_s, {path},
                        "PRAGMA cache_size = 1;\nBEGIN;\n"
                        "UPDATE releases SET label = 'half-written';\n"
                        "UPDATE settings SET name = 'half-written';\n"
                        "INSERT INTO baseline_rows SELECT 'filler' || i, i FROM (WITH RECURSIVE "
                        "n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                        "SELECT i FROM n);\nSELECT 'holding';\n",
                        "holding"));

    const Plan other = otherPlan(m_full, 200);
    const QString in = m_dir->filePath(u"other.tideline.json"_s);
    QVERIFY(PlanFile::save(in, other, &errors));
    Run r = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(r.exitCode == 2, "saved over a file another process writes\n" + r.describe());
    QVERIFY2(r.err.contains(u"error: %1: locked by another process"_s.arg(path)), r.describe());

    shell.kill(); // leaves the hot journal of its open transaction
    QVERIFY2(readFile(path + u"-journal"_s).startsWith(QByteArray::fromHex("d9d505f920a163d7")),
             "the killed shell left no hot journal");

    r = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(r.exitCode == 0, r.describe());
    QVERIFY2(!QFileInfo::exists(path + u"-journal"_s), "a journal stays beside the new plan");
    QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), other.name);
    QStringList labels;
    for (const Release &release : other.releases)
        labels << release.id + u'|' + release.label;
    QCOMPARE(sqlite3(path, u"SELECT id || '|' || label FROM releases ORDER BY position"_s),
             labels.join(u'\n'));
    Plan loaded;
    QVERIFY2(PlanFile::load(path, &loaded, &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(loaded == other);
}

// Item 1: a file another process holds exclusively is not saved over "at once".
void tst_PlanFaults::saveFailsOnExclusiveLock()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    const QByteArray before = readFile(path);
    const QString in = m_dir->filePath(u"other.tideline.json"_s);
    QVERIFY(PlanFile::save(in, otherPlan(m_full, 3), &errors));
    {
        Holder shell;
        QVERIFY(shell.start(u"sqlite3"_s, {path}, "BEGIN EXCLUSIVE;\nSELECT 'holding';\n",
                            "holding"));
        const Run r = cli({u"convert"_s, u"--force"_s, in, path});
        QVERIFY2(r.exitCode == 2, r.describe());
        QVERIFY2(r.err.contains(u"error: %1: locked by another process"_s.arg(path)),
                 r.describe());
    }
    QCOMPARE(readFile(path), before);
    QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
}

void tst_PlanFaults::killedSaveLeavesOldOrNewPlan_data()
{
    QTest::addColumn<bool>("existing");
    QTest::newRow("new file") << false;
    QTest::newRow("over an older plan") << true;
}

// Item 1: a save killed -9 at one moment after another leaves the old plan (or none, for a new
// file) or the whole new one, whole by SQLite's own check. The kills come 0, 2, 4, ... ms after
// the save starts, until one save ends on its own; what is asserted holds whichever moment a
// kill hits (how many hit the write itself is printed, not asserted).
void tst_PlanFaults::killedSaveLeavesOldOrNewPlan()
{
    QFETCH(bool, existing);
    const Plan big = bigPlan(m_full);
    const QString json = m_dir->filePath(u"big.tideline.json"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(json, big, &errors));

    const QString path = m_dir->filePath(u"plan.tideline"_s);
    int old = 0, whole = 0, none = 0, midWrite = 0;
    // Every 2 ms at first, then about 6% further each round: the moments of a slow save (a
    // sanitized build's takes seconds) are not each tried one by one.
    for (int delay = 0; delay <= 5000; delay += 2 + delay / 16) {
        QFile::remove(path);
        QFile::remove(path + u"-journal"_s);
        // A kill can land between the creation of the lock file and its first byte: an empty
        // lock file is then left, taken over only once it is a few seconds old
        // (emptyLockOfAKilledTidelineIsTakenOver), so each round starts without it.
        QFile::remove(PlanFileLock::lockPath(path));
        if (existing)
            QVERIFY2(PlanFile::save(path, m_full, &errors),
                     qPrintable(errors.isEmpty() ? QString() : errors.constFirst().toString()));
        QProcess saver;
        saver.start(QCoreApplication::applicationFilePath(), {u"--save"_s, path, json});
        QVERIFY(saver.waitForStarted());
        // The kill comes `delay` ms after the helper has read the plan and starts to save.
        QByteArray said;
        while (!said.contains("saving") && saver.waitForReadyRead(30000))
            said += saver.readAllStandardOutput();
        QVERIFY(said.contains("saving"));
        const bool finished = saver.waitForFinished(delay);
        if (!finished) {
            saver.kill();
            saver.waitForFinished();
        }
        const QStringList beside = QDir(m_dir->path()).entryList({u"plan.tideline*"_s},
                                                                 QDir::Files | QDir::Hidden);
        if (beside.contains(u"plan.tideline-journal"_s)
            || beside.filter(QRegularExpression(u"^plan\\.tideline\\.\\w{6}$"_s)).size() > 0)
            ++midWrite; // killed while writing: a journal or QSaveFile's file beside the plan
        for (const QString &name : beside) { // QSaveFile's leftovers of a killed writer
            if (name != u"plan.tideline"_s && name != u"plan.tideline-journal"_s)
                QFile::remove(m_dir->filePath(name));
        }
        if (!QFileInfo::exists(path)) {
            QVERIFY2(!existing, "the old plan is gone");
            ++none;
        } else {
            QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
            Plan loaded;
            QVERIFY2(PlanFile::load(path, &loaded, &errors),
                     qPrintable(errors.value(0).toString()));
            if (loaded == big)
                ++whole;
            else if (existing && loaded == m_full)
                ++old;
            else
                QFAIL(qPrintable(u"killed after %1 ms: neither the old plan nor the new one"_s.arg(
                    delay)));
        }
        if (finished) {
            QVERIFY2(saver.exitCode() == 0, saver.readAllStandardError().constData());
            break;
        }
    }
    qInfo("kills that left: the old plan %d, no file %d, the new plan %d; %d of them hit the "
          "write itself", old, none, whole, midWrite);
}

// Item 1: the hot journal of a database that is gone (its sqlite3 shell killed mid-write, the
// file then deleted) lies beside the path a new plan is saved to. Renamed in beside it, the new
// plan got the old pages rolled into it on its first open.
void tst_PlanFaults::staleJournalIsNotRolledIntoANewPlan()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    const QString gone = m_dir->filePath(u"gone.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(gone, otherPlan(m_full, 500), &errors));
    {
        Holder shell;
        QVERIFY(shell.start(u"sqlite3"_s, {gone},
                            "PRAGMA cache_size = 1;\nBEGIN;\n"
                            "UPDATE releases SET label = label || ' changed';\n"
                            "SELECT 'holding';\n",
                            "holding"));
    } // killed -9
    QVERIFY(readFile(gone + u"-journal"_s).startsWith(QByteArray::fromHex("d9d505f920a163d7")));
    QVERIFY(QFile::rename(gone + u"-journal"_s, path + u"-journal"_s));
    QVERIFY(QFile::remove(gone));

    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QVERIFY(PlanFile::save(in, m_full, &errors));
    const Run r = cli({u"convert"_s, in, path});
    QVERIFY2(r.exitCode == 0, r.describe());
    QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), m_full.name);
    QCOMPARE(sqlite3(path, u"SELECT count(*) FROM releases"_s),
             QString::number(m_full.releases.size()));
}

// Item 1: a Tideline that has the file open (its lock beside it) is named, not saved over.
void tst_PlanFaults::anotherTidelineHoldingTheFileIsNamed()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    const QByteArray before = readFile(path);
    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QVERIFY(PlanFile::save(in, m_full, &errors));

    Holder tideline;
    QVERIFY(tideline.start(QCoreApplication::applicationFilePath(), {u"--hold-lock"_s, path}, {},
                           "holding"));
    const Run r = cli({u"convert"_s, u"--force"_s, in, path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"%1: open in another Tideline (tst_planfaults, process %2 on "_s.arg(
                 path, QString::number(tideline.pid()))),
             r.describe());
    QCOMPARE(readFile(path), before);
}

// Item 1: the lock of a Tideline that was killed is stale and taken over.
void tst_PlanFaults::staleLockOfAKilledTidelineIsTakenOver()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(in, m_full, &errors));
    {
        Holder tideline;
        QVERIFY(tideline.start(QCoreApplication::applicationFilePath(),
                               {u"--hold-lock"_s, path}, {}, "holding"));
    } // killed -9: its lock file stays
    QVERIFY(QFileInfo::exists(PlanFileLock::lockPath(path)));
    const Run r = cli({u"convert"_s, in, path});
    QVERIFY2(r.exitCode == 0, r.describe());
    QVERIFY2(!QFileInfo::exists(PlanFileLock::lockPath(path)), "the stale lock stays");
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), m_full.name);
}

// Item 1: a lock whose process id has come round as the id of a thread of a running Tideline
// (ids are shared by processes and threads, and the window's workers come and go) is stale.
// Qt's check reads the id's program, which for a thread is its process's, and counts the lock
// as held; the thread's own command name tells them apart.
void tst_PlanFaults::lockOfAReusedProcessIdIsTakenOver()
{
#ifndef Q_OS_LINUX
    QSKIP("process and thread ids are told apart through /proc");
#else
    QSemaphore started;
    QSemaphore done;
    std::atomic<qint64> tid{0};
    std::unique_ptr<QThread> thread(QThread::create([&] {
        tid = ::gettid();
        started.release();
        done.acquire();
    }));
    thread->setObjectName(u"planfaults-tid"_s); // its command name, as a worker's is
    thread->start();
    started.acquire();
    const auto stop = qScopeGuard([&] {
        done.release();
        thread->wait();
    });
    QVERIFY(tid != QCoreApplication::applicationPid());

    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    {
        QFile lock(PlanFileLock::lockPath(path)); // QLockFile's layout, as a Tideline wrote it
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(tid.load()) + '\n'
                   + QFileInfo(QCoreApplication::applicationFilePath()).fileName().toUtf8()
                   + '\n' + QSysInfo::machineHostName().toUtf8() + '\n'
                   + QSysInfo::machineUniqueId() + '\n' + QSysInfo::bootUniqueId() + '\n');
    }
    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QVERIFY(PlanFile::save(in, otherPlan(m_full, 1), &errors));
    const Run r = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(r.exitCode == 0, r.describe());
    QVERIFY(!QFileInfo::exists(PlanFileLock::lockPath(path)));
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), u"The other plan"_s);
#endif
}

// Review finding: a lock file nobody can read (garbled, cut short) once made acquire() say
// "free" without holding anything; who has the plan open is unknown, so while it is young (it
// may be a lock being written) the save is refused, the lock file named, and the plan left as
// it was. Once it is older than the grace time, and no process holds it, it is taken over and
// named.
void tst_PlanFaults::garbledLockIsNotTakenAsFree()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    const QByteArray garbled("\x01\x02 not a lock\n");
    {
        QFile lock(PlanFileLock::lockPath(path));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        QCOMPARE(lock.write(garbled), qint64(garbled.size()));
    }
    PlanFileLock lock(path);
    QVERIFY(!lock.acquire());
    QVERIFY2(lock.errorString().contains(PlanFileLock::lockPath(path)), qPrintable(lock.errorString()));

    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QVERIFY(PlanFile::save(in, otherPlan(m_full, 1), &errors));
    const Run r = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(r.exitCode == 2, r.describe());
    QVERIFY2(r.err.contains(PlanFileLock::lockPath(path).toUtf8()), r.describe());
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), m_full.name); // the plan as it was
    {
        QFile lockFile(PlanFileLock::lockPath(path));
        QVERIFY(lockFile.open(QIODevice::ReadWrite));
        QCOMPARE(lockFile.readAll(), garbled); // and the lock file too
        // Made an hour ago (its time set back: the test does not wait for the clock).
        QVERIFY(lockFile.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                     QFileDevice::FileModificationTime));
    }
    const Run taken = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(taken.exitCode == 0, taken.describe());
    QVERIFY2(taken.err.contains(u"tideline-cli: note: %1: took over the lock file %2: it could not "
                                "be read (garbled (%3 bytes), "_s.arg(path, PlanFileLock::lockPath(path),
                                                                       QString::number(garbled.size()))),
             taken.describe());
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), u"The other plan"_s);
    QVERIFY2(!QFileInfo::exists(PlanFileLock::lockPath(path)), "the taken-over lock stays");
}

// A kill between the creation of the lock file and its first byte (QLockFile creates it, takes
// its native lock, then writes it) left an empty lock file that blocked every save until it
// was removed by hand. A process that does exactly that is killed -9; a save right after is
// refused (the lock may be in the making), one after the grace time takes it over and says so.
void tst_PlanFaults::emptyLockOfAKilledTidelineIsTakenOver()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    const QString lockPath = PlanFileLock::lockPath(path);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QVERIFY(PlanFile::save(in, otherPlan(m_full, 1), &errors));
    {
        Holder creator;
        QVERIFY(creator.start(QCoreApplication::applicationFilePath(),
                              {u"--create-lock-file"_s, lockPath}, {}, "created"));
    } // killed -9 before writing a byte
    QVERIFY(QFileInfo::exists(lockPath));
    QCOMPARE(QFileInfo(lockPath).size(), qint64(0));

    const Run young = cli({u"convert"_s, u"--force"_s, in, path});
    if (QFileInfo(lockPath).fileTime(QFileDevice::FileModificationTime)
            .secsTo(QDateTime::currentDateTime())
        < PlanFileLock::UnreadableLockGraceSeconds) { // (a very slow machine may be past it)
        QVERIFY2(young.exitCode == 2, young.describe());
        QVERIFY2(young.err.contains(u"the lock file %1 cannot be read (empty)"_s.arg(lockPath)),
                 young.describe());
        QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), m_full.name);
    }
    // The grace time passes (waited for, not asserted on).
    while (QFileInfo(lockPath).fileTime(QFileDevice::FileModificationTime)
               .secsTo(QDateTime::currentDateTime())
           <= PlanFileLock::UnreadableLockGraceSeconds)
        QThread::msleep(250);
    const Run r = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(r.exitCode == 0, r.describe());
    QVERIFY2(r.err.contains(u"took over the lock file %1: it could not be read (empty, "_s.arg(lockPath)),
             r.describe());
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), u"The other plan"_s);
    QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
    QVERIFY2(!QFileInfo::exists(lockPath), "the taken-over lock stays");
}

// The take-over of an old unreadable lock file is not a way round a running holder: a process
// that holds the lock file's native lock (as every running QLockFile holder does) keeps it,
// however old and empty the file; the save is refused and the file and the plan are left.
void tst_PlanFaults::unreadableLockOfARunningProcessIsRefused()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    const QString lockPath = PlanFileLock::lockPath(path);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    const QByteArray before = readFile(path);
    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QVERIFY(PlanFile::save(in, otherPlan(m_full, 1), &errors));
    Holder creator; // alive, its lock file empty
    QVERIFY(creator.start(QCoreApplication::applicationFilePath(),
                          {u"--create-lock-file"_s, lockPath}, {}, "created"));
    {
        QFile lockFile(lockPath);
        QVERIFY(lockFile.open(QIODevice::ReadWrite));
        QVERIFY(lockFile.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                     QFileDevice::FileModificationTime));
    }
    const Run r = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(r.exitCode == 2, r.describe());
    QVERIFY2(r.err.contains(u"the lock file %1 cannot be read (empty) but a running process holds "
                            "it"_s.arg(lockPath)),
             r.describe());
    QCOMPARE(readFile(path), before);
    QVERIFY(QFileInfo::exists(lockPath));
    PlanFileLock lock(path); // and in-process, as the window takes it
    QVERIFY(!lock.acquire());
    QVERIFY2(lock.errorString().contains(u"a running process holds it"_s), qPrintable(lock.errorString()));

    creator.kill(); // now nobody holds it: taken over
    const Run after = cli({u"convert"_s, u"--force"_s, in, path});
    QVERIFY2(after.exitCode == 0, after.describe());
    QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), u"The other plan"_s);
}

// Item 1: the window does not open a plan another Tideline has open, and says which.
void tst_PlanFaults::documentRefusesAFileOpenInAnotherTideline()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    Holder tideline;
    QVERIFY(tideline.start(QCoreApplication::applicationFilePath(), {u"--hold-lock"_s, path}, {},
                           "holding"));
    Document document;
    QVERIFY(!document.open(path, &errors));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).message.startsWith(u"open in another Tideline (tst_planfaults, process %1"_s
                                                 .arg(tideline.pid())),
             qPrintable(errors.at(0).toString()));
    tideline.kill();
    QVERIFY2(document.open(path, &errors), qPrintable(errors.value(0).toString()));
    // While the document has it open, its own saves go through, and its lock is beside it.
    QString error;
    QVERIFY2(document.save(path, &error), qPrintable(error));
    QVERIFY(QFileInfo::exists(PlanFileLock::lockPath(path)));
    document.reset(Plan());
    QVERIFY(!QFileInfo::exists(PlanFileLock::lockPath(path)));
}

// Item 4: `convert` stopped by SIGTERM (CI's timeout, systemd, Ctrl+C's SIGINT alike) at any
// moment leaves OUT whole, old or new, and nothing beside it: no journal, no temporary file.
void tst_PlanFaults::convertStoppedBySignalLeavesNothingBeside()
{
    const Plan big = bigPlan(m_full);
    const QString json = m_dir->filePath(u"big.tideline.json"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(json, big, &errors));
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    int old = 0, whole = 0;
    for (int delay = 0; delay <= 3000; delay += 100) {
        QFile::remove(path);
        QVERIFY(PlanFile::save(path, m_full, &errors));
        QProcess convert;
        convert.start(cliProgram(), {u"convert"_s, u"--force"_s, json, path});
        QVERIFY(convert.waitForStarted());
        if (!convert.waitForFinished(delay)) {
            convert.terminate();
            QVERIFY(convert.waitForFinished(60000));
        }
        const QStringList beside = QDir(m_dir->path()).entryList({u"plan.tideline*"_s, u".plan.tideline*"_s},
                                                                 QDir::Files | QDir::Hidden);
        QCOMPARE(beside, QStringList{u"plan.tideline"_s});
        QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
        Plan loaded;
        QVERIFY2(PlanFile::load(path, &loaded, &errors), qPrintable(errors.value(0).toString()));
        if (loaded == big)
            ++whole;
        else if (loaded == m_full)
            ++old;
        else
            QFAIL("the plan is neither the old one nor the new one");
    }
    qInfo("stopped converts: %d left the old plan, %d the new one", old, whole); // not asserted: timing
}

// Item 2: validate, compat, check, report and export read an older file without writing it.
void tst_PlanFaults::readCommandsLeaveAnOlderFileUntouched()
{
    const QString path = m_dir->filePath(u"old.tideline"_s);
    makeVersion2File(path, m_full);
    QTemporaryDir outputs; // outputs elsewhere: the plan's folder must stay as it was
    const QStringList folderBefore = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    const FileState before = stateOf(path);
    QThread::msleep(20); // a write now would show in the mtime

    const QList<QStringList> commands{
        {u"validate"_s, path},
        {u"compat"_s, path},
        {u"check"_s, path},
        {u"pending"_s, path},
        {u"report"_s, path, u"--format"_s, u"json"_s, u"--out"_s, outputs.filePath(u"r.json"_s)},
        {u"export"_s, path, u"--release"_s, m_full.releases.at(0).id, u"--dialect"_s,
         u"postgresql"_s, u"--out"_s, outputs.filePath(u"bundle"_s)},
    };
    for (const QStringList &command : commands) {
        const Run r = cli(command);
        QVERIFY2(r.finished && (r.exitCode == 0 || r.exitCode == 1), r.describe());
        QVERIFY2(!r.err.contains(u"error:"_s), r.describe());
        QVERIFY2(stateOf(path) == before, qPrintable(command.first() + u" wrote the plan"_s));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), folderBefore);
    }
    QCOMPARE(sqlite3(path, u"PRAGMA user_version"_s), u"2"_s);
}

// Item 2: opening in the window reads an older file, migrated in memory only.
void tst_PlanFaults::documentOpenLeavesAnOlderFileUntouched()
{
    const QString path = m_dir->filePath(u"old.tideline"_s);
    makeVersion2File(path, m_full);
    const FileState before = stateOf(path);
    QThread::msleep(20);
    QList<PlanError> errors;
    {
        Document document;
        QVERIFY2(document.open(path, &errors), qPrintable(errors.value(0).toString()));
        QVERIFY(document.plan() == asVersion2(m_full));
    }
    QVERIFY(stateOf(path) == before);
    QCOMPARE(sqlite3(path, u"PRAGMA user_version"_s), u"2"_s);
}

// Item 2: an older plan that is read-only (file 0444 in a read-only folder) reads, as another
// user than root where the test runs as root (root's writes are not stopped by the mode).
void tst_PlanFaults::readOnlyOlderFileIsReadable()
{
    const QString path = m_dir->filePath(u"old.tideline"_s);
    makeVersion2File(path, m_full);
    const FileState before = stateOf(path);
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup
                                            | QFileDevice::ReadOther));
    const auto readOnlyFolder = QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                | QFileDevice::ReadOther | QFileDevice::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), readOnlyFolder));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(m_dir->path(), readOnlyFolder | QFileDevice::WriteOwner);
    });

    Run r;
    if (isRoot()) {
        if (QStandardPaths::findExecutable(u"setpriv"_s).isEmpty())
            QSKIP("running as root without setpriv: the file's mode would not stop a write");
        r = run(u"setpriv"_s, {u"--reuid=nobody"_s, u"--regid=nogroup"_s, u"--clear-groups"_s,
                               u"--"_s, cliProgram(), u"validate"_s, path});
    } else {
        r = cli({u"validate"_s, path});
    }
    QVERIFY2(r.exitCode == 0, r.describe());
    QVERIFY2(r.out.contains(u"ok"_s), r.describe());
    QVERIFY(stateOf(path) == before);
    QCOMPARE(sqlite3(path, u"PRAGMA user_version"_s), u"2"_s);
}

// Item 2: the older file moves to the current version on an explicit save, with the new plan.
void tst_PlanFaults::saveMigratesTheOlderFile()
{
    const QString path = m_dir->filePath(u"old.tideline"_s);
    makeVersion2File(path, m_full);
    Document document;
    QList<PlanError> errors;
    QVERIFY(document.open(path, &errors));
    QString error;
    QVERIFY2(document.save(path, &error), qPrintable(error));
    QCOMPARE(sqlite3(path, u"PRAGMA user_version"_s), QString::number(PlanStore::StorageVersion));
    QCOMPARE(sqlite3(path, u"PRAGMA integrity_check"_s), u"ok"_s);
    Plan loaded;
    QVERIFY(PlanFile::load(path, &loaded, &errors));
    QVERIFY(loaded == asVersion2(m_full));
}

// Item 8: a plan another process holds locked is named so (after a short wait, not 5 s; the
// wait is PlanStore::BusyTimeoutMs, not timed here), not as "not a Tideline plan".
void tst_PlanFaults::lockedFileIsNamedAsLocked()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    Holder shell;
    QVERIFY(shell.start(u"sqlite3"_s, {path}, "BEGIN EXCLUSIVE;\nSELECT 'holding';\n",
                        "holding"));
    const Run r = cli({u"validate"_s, path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"error: %1: locked by another process"_s.arg(path)), r.describe());
    QVERIFY2(!r.err.contains(u"not a Tideline plan"_s), r.describe());
}

// Item 8: a file SQLite finds corrupt is a damaged plan file, not a bare SQLite error.
void tst_PlanFaults::damagedFileIsNamedAsDamaged()
{
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    const int page = sqlite3(path, u"PRAGMA page_size"_s).toInt();
    const int root = sqlite3(path, u"SELECT rootpage FROM sqlite_master WHERE name = 'releases'"_s)
                         .toInt();
    QVERIFY(page > 0 && root > 1);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(qint64(root - 1) * page));
        QCOMPARE(file.write(QByteArray(page, '\xff')), qint64(page));
    }
    const Run r = cli({u"validate"_s, path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"error: %1: damaged plan file (database disk image is malformed)"_s
                                .arg(path)),
             r.describe());
}

// Item 8: a save never goes through TMPDIR, so a TMPDIR where nothing can be created is not
// the target's fault. Here TMPDIR names a file, not a folder: nothing can be made in it, for
// root as for anyone (a full or read-only TMPDIR fails the same way, with another errno).
void tst_PlanFaults::unusableTmpdirDoesNotStopASave()
{
    const QString in = m_dir->filePath(u"in.tideline.json"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(in, m_full, &errors));
    const QString notAFolder = m_dir->filePath(u"tmp-is-a-file"_s);
    QVERIFY(QFile(notAFolder).open(QIODevice::WriteOnly));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"TMPDIR"_s, notAFolder);
    environment.insert(u"SQLITE_TMPDIR"_s, notAFolder);
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    for (const bool existing : {false, true}) {
        const Run r = cli(existing ? QStringList{u"convert"_s, u"--force"_s, in, path}
                                   : QStringList{u"convert"_s, in, path},
                          environment);
        QVERIFY2(r.exitCode == 0, r.describe());
        QCOMPARE(sqlite3(path, u"SELECT name FROM settings"_s), m_full.name);
    }
}

void tst_PlanFaults::badReleaseDateIsNamed_data()
{
    QTest::addColumn<QString>("date");
    QTest::newRow("no such day") << u"2027-02-30"_s;
    QTest::newRow("words") << u"next tuesday"_s;
    QTest::newRow("not ISO") << u"01/12/2027"_s;
}

// Item 8: a release date in a .tideline that is not a date is a validation error naming the
// release, as it is in a .tideline.json, not dropped in silence.
void tst_PlanFaults::badReleaseDateIsNamed()
{
    QFETCH(QString, date);
    const QString path = m_dir->filePath(u"plan.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(path, m_full, &errors));
    runSql(path, {u"UPDATE releases SET date = '%1' WHERE position = 1"_s.arg(date)});
    const Run r = cli({u"validate"_s, path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(
                 u"error: %1: releases[1].date: expected a date as YYYY-MM-DD, found \"%2\""_s.arg(
                     path, date)),
             r.describe());
}

// Helper modes, run by the tests above as other processes:
//   --save PATH JSON      reads JSON, prints "saving", saves the plan to PATH (as the CLI does)
//   --hold-lock PATH      has PATH open as a Tideline would (its lock), until killed
//   --create-lock-file LOCK  makes LOCK as QLockFile starts to (created, natively locked),
//                         prints "created" and waits, before writing a byte, to be killed
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args.at(1) == u"--save"_s) {
        Plan plan;
        QList<PlanError> errors;
        if (!PlanFile::load(args.at(3), &plan, &errors))
            return 2;
        QTextStream(stdout) << "saving" << Qt::endl;
        if (PlanFile::save(args.at(2), plan, &errors))
            return 0;
        QTextStream(stderr) << errors.value(0).toString() << Qt::endl;
        return 2;
    }
    if (args.size() == 3 && args.at(1) == u"--create-lock-file"_s) {
        const int fd = ::open(QFile::encodeName(args.at(2)).constData(),
                              O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0)
            return 2;
        QTextStream(stdout) << "created" << Qt::endl;
        for (;;)
            QThread::sleep(60);
    }
    if (args.size() == 3 && args.at(1) == u"--hold-lock"_s) {
        PlanFileLock lock(args.at(2));
        if (!lock.acquire())
            return 2;
        QTextStream(stdout) << "holding" << Qt::endl;
        for (;;)
            QThread::sleep(60);
    }
    tst_PlanFaults test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_planfaults.moc"
