// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Faults against the built tideline-cli, run as a separate process (issue 14): what --force may
// replace, full disks and read-only folders for every writer, passwords that must never be
// repeated, and the limits of the ledger of applied scripts. Every outcome is read back from
// the file system or the database, not from Tideline.
//
// The full-disk and read-only cases mount a small tmpfs (root only; skipped, saying why, where
// mount is refused). The database cases need TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN
// (./test.sh starts throwaway servers and sets them).

#include <sql/connection.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <algorithm>

#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace Tideline;

namespace {

struct Run
{
    int exitCode = -1; // -1: did not finish normally
    QByteArray out, err;
    QByteArray all() const { return out + err; }
    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
};

Run cli(const QStringList &arguments, const QString &workingDirectory = {})
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")); // report draws charts
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TIDELINE_CLI), arguments);
    Run run;
    if (!process.waitForFinished(180000)) {
        process.kill();
        process.waitForFinished();
    } else if (process.exitStatus() == QProcess::NormalExit) {
        run.exitCode = process.exitCode();
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

/** Every file under @p dir (relative path → sha256), read from the disk. */
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(dir).relativeFilePath(path), QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256).toHex());
    }
    return files;
}

const QString ValidPlan = QStringLiteral(TIDELINE_TEST_DATA "/cli-valid.tideline.json");

/** A tmpfs of @p kilobytes mounted on @p dir; unmounted by the guard's owner. Empty: mounted. */
QString mountTmpfs(const QString &dir, int kilobytes)
{
    QDir().mkpath(dir);
    QProcess mount;
    mount.start(QStringLiteral("mount"),
                {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                 QStringLiteral("size=%1k").arg(kilobytes), QStringLiteral("tmpfs"), dir});
    if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
        return QStringLiteral("cannot mount a tmpfs to fill (needs root and mount rights): %1")
            .arg(QString::fromLocal8Bit(mount.readAllStandardError()).trimmed() + mount.errorString());
    return {};
}

void unmount(const QString &dir)
{
    QProcess::execute(QStringLiteral("umount"), {dir});
}

bool remountReadOnly(const QString &dir)
{
    return QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), dir}) == 0;
}

/** Fills the file system of @p dir up to the last byte, then frees @p freeKiB again: a writer
 *  then gets that far and no further (a short write, not a failed one). */
void fill(const QString &dir, int freeKiB)
{
    QFile filler(QDir(dir).filePath(QStringLiteral("filler")));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return;
    const QByteArray block(512, 'f');
    while (filler.write(block) == block.size()) {
    }
    for (const QByteArray byte(1, 'f'); filler.write(byte) == 1;) {
    }
    if (freeKiB > 0)
        filler.resize(std::max<qint64>(0, filler.size() - freeKiB * 1024));
}

/** A plan the ledger tests apply: one nullable column added in r1, names as given. */
QByteArray ledgerPlan(const QString &name, const QString &release, const QString &refactoring = QStringLiteral("nickname"))
{
    const QJsonObject plan{
        {QStringLiteral("format"), QStringLiteral("tideline-plan")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("dialect"), QStringLiteral("postgresql")},
        {QStringLiteral("releases"), QJsonArray{QJsonObject{{QStringLiteral("id"), release}, {QStringLiteral("status"), QStringLiteral("planned")}}}},
        {QStringLiteral("baseline"),
         QJsonObject{{QStringLiteral("tables"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("customer")},
                                             {QStringLiteral("primaryKey"), QJsonArray{QStringLiteral("id")}},
                                             {QStringLiteral("columns"),
                                              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("id")},
                                                                     {QStringLiteral("type"), QStringLiteral("integer")},
                                                                     {QStringLiteral("nullable"), false}},
                                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("email")},
                                                                     {QStringLiteral("type"), QStringLiteral("varchar(255)")}}}}}}}}},
        {QStringLiteral("refactorings"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), refactoring},
                                {QStringLiteral("kind"), QStringLiteral("add_column")},
                                {QStringLiteral("start"), release},
                                {QStringLiteral("params"),
                                 QJsonObject{{QStringLiteral("table"), QStringLiteral("customer")},
                                             {QStringLiteral("column"), QStringLiteral("nickname")},
                                             {QStringLiteral("type"), QStringLiteral("varchar(50)")}}}}}}};
    return QJsonDocument(plan).toJson();
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Item 3: --force replaces only what we wrote.
    void exportForceRefusesForeignFolder();
    void exportForceReplacesOwnBundle_data();
    void exportForceReplacesOwnBundle();
    void exportForceRefusesForeignFileInBundle();
    void exportForceRefusesEditedScript_data();
    void exportForceRefusesEditedScript();
    void exportAllForceRefusesForeignFolder();
    void convertForceReplacesOnlyPlans();

    // Item 4 and the writer half of item 8: every write checked, the OS error named.
    void fullDisk_data();
    void fullDisk();
    void fullDevice();
    void standardOutputToFullDevice();
    void readOnlyFolder();

    // Item 5: one redaction for every DSN.
    void secretsNeverRepeated_data();
    void secretsNeverRepeated();

    void redactionKeepsPaths();
    void redactionMasksEveryForm_data();
    void redactionMasksEveryForm();

    // Item 7: an input-size cap on DDL, named before anything is read.
    void importRefusesAnOversizedFile_data();
    void importRefusesAnOversizedFile();

    // Item 6: the ledger's limits.
    void validationRefusesWhatTheLedgerCannotHold_data();
    void validationRefusesWhatTheLedgerCannotHold();
    void applyRecordsBeforeReportingApplied_data();
    void applyRecordsBeforeReportingApplied();
    void applyRunsNothingTheLedgerRefuses();

private:
    QTemporaryDir m_dir;
};

void TestFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(TIDELINE_CLI)).isExecutable(), TIDELINE_CLI);
}

// ---------------------------------------------------------------------------------------------
// Item 3

void TestFaults::exportForceRefusesForeignFolder()
{
    // A project folder: `export --out . --force` once deleted src/ and the README.
    const QString project = m_dir.filePath(QStringLiteral("project"));
    QVERIFY(writeFile(project + QStringLiteral("/src/main.cpp"), "int main() {}\n"));
    QVERIFY(writeFile(project + QStringLiteral("/README.md"), "# my project\n"));
    // A manifest.json that is not ours (an npm-like one) does not make it a bundle.
    QVERIFY(writeFile(project + QStringLiteral("/manifest.json"), "{\"name\": \"my-package\", \"files\": []}\n"));
    const auto before = snapshot(project);

    for (const QString &out : {QStringLiteral("."), project}) {
        const Run run = cli({QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
                             QStringLiteral("--out"), out, QStringLiteral("--force")},
                            project);
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(out.toUtf8() + ": not replaced"), run.describe()); // names the folder
        QVERIFY2(run.err.contains("manifest.json is not the manifest of a Tideline bundle"), run.describe()); // and why
        QCOMPARE(snapshot(project), before); // nothing deleted, nothing added
    }
    // Without the foreign manifest: the message names what in the folder is not ours.
    QVERIFY(QFile::remove(project + QStringLiteral("/manifest.json")));
    const Run run = cli({QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
                         QStringLiteral("--out"), project, QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 2, run.describe());
    QVERIFY2(run.err.contains("README.md") || run.err.contains("src/"), run.describe());
    QCOMPARE(snapshot(project).size(), 2);
    // A file in the place of the folder is not replaced either.
    const QString file = m_dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(file, "mine\n"));
    const Run onFile = cli({QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
                            QStringLiteral("--out"), file, QStringLiteral("--force")});
    QVERIFY2(onFile.exitCode == 2 && onFile.err.contains("it is a file"), onFile.describe());
    QCOMPARE(readFile(file), QByteArray("mine\n"));
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*.tideline-*")}, QDir::AllEntries | QDir::Hidden), QStringList());
}

void TestFaults::exportForceReplacesOwnBundle_data()
{
    QTest::addColumn<QString>("layout");
    QTest::newRow("folders") << QStringLiteral("folders");
    QTest::newRow("flyway") << QStringLiteral("flyway");
    QTest::newRow("liquibase") << QStringLiteral("liquibase");
    QTest::newRow("sqitch") << QStringLiteral("sqitch");
}

void TestFaults::exportForceReplacesOwnBundle()
{
    QFETCH(QString, layout);
    const QString out = m_dir.filePath(QStringLiteral("own-") + layout);
    const QStringList args{QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r2"),
                           QStringLiteral("--layout"), layout, QStringLiteral("--out"), out};
    const Run first = cli(args);
    QVERIFY2(first.exitCode == 0, first.describe());
    const auto written = snapshot(out);
    QVERIFY(written.contains(QStringLiteral("manifest.json")));
    // An earlier bundle of ours, of another release and layout: --force replaces it.
    const Run other = cli({QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
                           QStringLiteral("--out"), out, QStringLiteral("--force")});
    QVERIFY2(other.exitCode == 0, other.describe());
    const Run again = cli(args + QStringList{QStringLiteral("--force")});
    QVERIFY2(again.exitCode == 0, again.describe());
    QCOMPARE(snapshot(out), written);
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("own-*.tideline-*")}, QDir::AllEntries | QDir::Hidden), QStringList());
}

void TestFaults::exportForceRefusesForeignFileInBundle()
{
    const QString out = m_dir.filePath(QStringLiteral("bundle-with-notes"));
    const QStringList args{QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
                           QStringLiteral("--out"), out, QStringLiteral("--force")};
    QVERIFY2(cli(args).exitCode == 0, "first export");
    // Someone's file in our bundle (or in a folder of it): not ours, so nothing goes.
    for (const QString &foreign : {QStringLiteral("notes.txt"), QStringLiteral("pre/keep-me.sql"), QStringLiteral(".git/HEAD")}) {
        QVERIFY(writeFile(QDir(out).filePath(foreign), "mine\n"));
        const auto before = snapshot(out);
        const Run run = cli(args);
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(out.toUtf8()) && run.err.contains(foreign.section(QLatin1Char('/'), 0, 0).toUtf8()),
                 run.describe());
        QCOMPARE(snapshot(out), before);
        QVERIFY(QFile::remove(QDir(out).filePath(foreign)));
    }
}

void TestFaults::exportForceRefusesEditedScript_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("script"); // a folder of the layout that holds the scripts as written
    QTest::newRow("folders") << QStringLiteral("folders") << QStringLiteral("pre");
    QTest::newRow("flyway") << QStringLiteral("flyway") << QStringLiteral("sql");
    QTest::newRow("sqitch") << QStringLiteral("sqitch") << QStringLiteral("deploy");
}

// Review finding: our bundle files were recognised by name only, so a script edited by hand
// was replaced silently. Its sha256 in the manifest says whether it is still what we wrote.
void TestFaults::exportForceRefusesEditedScript()
{
    QFETCH(QString, layout);
    QFETCH(QString, script);
    const QString out = m_dir.filePath(QStringLiteral("edited-") + layout);
    const QStringList args{QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
                           QStringLiteral("--layout"), layout, QStringLiteral("--out"), out, QStringLiteral("--force")};
    const Run first = cli(args);
    QVERIFY2(first.exitCode == 0, first.describe());
    const QStringList scripts = QDir(QDir(out).filePath(script)).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    QVERIFY(!scripts.isEmpty());
    const QString relative = script + QLatin1Char('/') + scripts.first();
    const QString path = QDir(out).filePath(relative);
    QByteArray edited = readFile(path);
    QVERIFY(!edited.isEmpty());
    edited += "-- a hotfix made by hand\n";
    QVERIFY(writeFile(path, edited));
    const auto before = snapshot(out);

    const Run run = cli(args);
    QVERIFY2(run.exitCode == 2, run.describe());
    QVERIFY2(run.err.contains(out.toUtf8()) && run.err.contains(relative.toUtf8()), run.describe()); // names the file
    QVERIFY2(run.err.contains("changed since Tideline wrote it"), run.describe());
    QCOMPARE(snapshot(out), before);
    QCOMPARE(readFile(path), edited);
    // Put back as written, it is ours again.
    edited.chop(int(qstrlen("-- a hotfix made by hand\n")));
    QVERIFY(writeFile(path, edited));
    const Run again = cli(args);
    QVERIFY2(again.exitCode == 0, again.describe());
}

void TestFaults::exportAllForceRefusesForeignFolder()
{
    const QString out = m_dir.filePath(QStringLiteral("all"));
    const QStringList args{QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("all"),
                           QStringLiteral("--out"), out, QStringLiteral("--force")};
    QVERIFY2(cli(args).exitCode == 0, "first export");
    const auto written = snapshot(out);
    QVERIFY(written.contains(QStringLiteral("r1/manifest.json")));
    const Run again = cli(args); // a folder of our bundles: replaced
    QVERIFY2(again.exitCode == 0, again.describe());
    QCOMPARE(snapshot(out), written);
    QVERIFY(writeFile(QDir(out).filePath(QStringLiteral("docs/plan.md")), "mine\n"));
    const auto before = snapshot(out);
    const Run run = cli(args);
    QVERIFY2(run.exitCode == 2 && run.err.contains("docs/"), run.describe());
    QCOMPARE(snapshot(out), before);
}

void TestFaults::convertForceReplacesOnlyPlans()
{
    // Not a plan, though named like one: kept.
    const QString notes = m_dir.filePath(QStringLiteral("notes.tideline.json"));
    QVERIFY(writeFile(notes, "my notes, not a plan\n"));
    Run run = cli({QStringLiteral("convert"), ValidPlan, notes, QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 2 && run.err.contains(notes.toUtf8() + ": not replaced"), run.describe());
    QCOMPARE(readFile(notes), QByteArray("my notes, not a plan\n"));
    // An SQLite database that is not a plan: kept.
    const QString other = m_dir.filePath(QStringLiteral("app-data.tideline"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(other);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE accounts (id INTEGER)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    const QByteArray otherBytes = readFile(other);
    run = cli({QStringLiteral("convert"), ValidPlan, other, QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 2 && run.err.contains("not replaced"), run.describe());
    QCOMPARE(readFile(other), otherBytes);
    // A plan: replaced.
    const QString plan = m_dir.filePath(QStringLiteral("plan.tideline.json"));
    QVERIFY(writeFile(plan, ledgerPlan(QStringLiteral("old plan"), QStringLiteral("r1"))));
    run = cli({QStringLiteral("convert"), ValidPlan, plan, QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(QJsonDocument::fromJson(readFile(plan)).object().value(QStringLiteral("name")).toString(),
             QStringLiteral("CLI: valid plan"));
}

// ---------------------------------------------------------------------------------------------
// Item 4

void TestFaults::fullDisk_data()
{
    QTest::addColumn<QStringList>("command"); // OUT stands for the path written to
    QTest::addColumn<QString>("out");
    QTest::addColumn<int>("freeKiB"); // left free: part of the file fits (the report is 140 KB and more)
    const QStringList report{QStringLiteral("report"), ValidPlan, QStringLiteral("--force"), QStringLiteral("--out"),
                             QStringLiteral("OUT"), QStringLiteral("--format")};
    QTest::newRow("report html, nearly full") << (report + QStringList{QStringLiteral("html")}) << QStringLiteral("report.html") << 8;
    QTest::newRow("report html, full") << (report + QStringList{QStringLiteral("html")}) << QStringLiteral("report.html") << 0;
    QTest::newRow("report json, full") << (report + QStringList{QStringLiteral("json")}) << QStringLiteral("report.json") << 0;
    QTest::newRow("report pdf, nearly full") << (report + QStringList{QStringLiteral("pdf")}) << QStringLiteral("report.pdf") << 8;
    QTest::newRow("report pdf, full") << (report + QStringList{QStringLiteral("pdf")}) << QStringLiteral("report.pdf") << 0;
    QTest::newRow("export") << QStringList{QStringLiteral("export"), ValidPlan, QStringLiteral("--release"),
                                           QStringLiteral("r1"), QStringLiteral("--out"), QStringLiteral("OUT")}
                            << QStringLiteral("bundle") << 0;
    QTest::newRow("export all") << QStringList{QStringLiteral("export"), ValidPlan, QStringLiteral("--release"),
                                               QStringLiteral("all"), QStringLiteral("--out"), QStringLiteral("OUT")}
                                << QStringLiteral("bundles") << 0;
}

void TestFaults::fullDisk()
{
    QFETCH(QStringList, command);
    QFETCH(QString, out);
    QFETCH(int, freeKiB);
    const QString mountPoint = m_dir.filePath(QStringLiteral("full-%1-%2").arg(out).arg(freeKiB));
    if (const QString why = mountTmpfs(mountPoint, 64); !why.isEmpty())
        QSKIP(qPrintable(why));
    const auto unmountLater = qScopeGuard([&] { unmount(mountPoint); });
    const QString path = QDir(mountPoint).filePath(out);
    const bool folder = !out.contains(QLatin1Char('.'));
    // The old file (or an empty folder) is there before the disk fills.
    if (folder)
        QVERIFY(QDir().mkpath(path));
    else
        QVERIFY(writeFile(path, "OLD REPORT\n"));
    fill(mountPoint, freeKiB);
    command.replaceInStrings(QStringLiteral("OUT"), path);
    const Run run = cli(command);
    QVERIFY2(run.exitCode == 2, run.describe()); // not "wrote", not 0
    QVERIFY2(!run.out.contains("wrote"), run.describe());
    // The message names the path written and the system's reason.
    QVERIFY2(run.err.contains("cannot write " + path.toUtf8()), run.describe());
    QVERIFY2(run.err.contains("No space left on device"), run.describe());
    if (folder)
        QCOMPARE(QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    else
        QCOMPARE(readFile(path), QByteArray("OLD REPORT\n")); // whole
    // No temporary or staging file left behind.
    QStringList expected{QStringLiteral("filler"), out};
    expected.sort();
    QCOMPARE(QDir(mountPoint).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name), expected);
}

void TestFaults::fullDevice()
{
    // A writer that accepts a path accepts a device: /dev/full's own node, made in our folder so
    // that a writer that replaces the node (QSaveFile alone renames a file over it) harms nothing.
    const QString full = m_dir.filePath(QStringLiteral("full"));
    if (::mknod(QFile::encodeName(full).constData(), S_IFCHR | 0666, makedev(1, 7)) != 0)
        QSKIP("cannot make a device node like /dev/full here (needs root)");
    for (const QString &format : {QStringLiteral("html"), QStringLiteral("json"), QStringLiteral("pdf")}) {
        const Run run = cli({QStringLiteral("report"), ValidPlan, QStringLiteral("--format"), format,
                             QStringLiteral("--out"), full, QStringLiteral("--force")});
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains("cannot write " + full.toUtf8() + ": No space left on device"), run.describe());
        struct stat info;
        QVERIFY(::stat(QFile::encodeName(full).constData(), &info) == 0);
        QVERIFY2(S_ISCHR(info.st_mode), "the device node was replaced by a file");
    }
}

// `tideline-cli … > file` on a full disk: what the command prints is its output, and a short
// write of it must not end in exit 0 (a CI job would keep a cut baseline.json).
void TestFaults::standardOutputToFullDevice()
{
    if (!QFileInfo(QStringLiteral("/dev/full")).exists())
        QSKIP("no /dev/full here");
    for (const QStringList &arguments : {QStringList{QStringLiteral("catalog"), QStringLiteral("--json")},
                                         QStringList{QStringLiteral("compat"), ValidPlan, QStringLiteral("--json")},
                                         QStringList{QStringLiteral("check"), ValidPlan, QStringLiteral("--json")}}) {
        QProcess process;
        process.setStandardOutputFile(QStringLiteral("/dev/full"));
        process.start(QStringLiteral(TIDELINE_CLI), arguments);
        QVERIFY(process.waitForFinished(60000));
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(process.exitCode() == 2, qPrintable(arguments.join(u' ') + u'\n' + QString::fromUtf8(err)));
        QVERIFY2(err.contains("cannot write to standard output: No space left on device"), err.constData());
    }
}

void TestFaults::readOnlyFolder()
{
    const QString mountPoint = m_dir.filePath(QStringLiteral("read-only"));
    if (const QString why = mountTmpfs(mountPoint, 256); !why.isEmpty())
        QSKIP(qPrintable(why));
    const auto unmountLater = qScopeGuard([&] { unmount(mountPoint); });
    const QString old = QDir(mountPoint).filePath(QStringLiteral("report.html"));
    QVERIFY(writeFile(old, "OLD REPORT\n"));
    QVERIFY(remountReadOnly(mountPoint)); // root ignores file modes; a read-only mount it cannot
    Run run = cli({QStringLiteral("report"), ValidPlan, QStringLiteral("--format"), QStringLiteral("html"),
                   QStringLiteral("--out"), old, QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 2 && run.err.contains("cannot write " + old.toUtf8() + ": Read-only file system"),
             run.describe());
    QCOMPARE(readFile(old), QByteArray("OLD REPORT\n"));
    const QString bundle = QDir(mountPoint).filePath(QStringLiteral("bundle"));
    run = cli({QStringLiteral("export"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"),
               QStringLiteral("--out"), bundle});
    QVERIFY2(run.exitCode == 2 && run.err.contains(bundle.toUtf8()), run.describe());
    QVERIFY(!QFileInfo::exists(bundle));
}

// ---------------------------------------------------------------------------------------------
// Item 5

void TestFaults::secretsNeverRepeated_data()
{
    QTest::addColumn<QString>("dsn");      // SECRET stands for a fresh secret
    QTest::addColumn<QString>("secret");   // the password as the user means it
    const QString pg = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    const QString my = qEnvironmentVariable("TIDELINE_TEST_MYSQL_DSN");
    const QString dead = QStringLiteral("127.0.0.1:1"); // nothing listens there
    QTest::newRow("pg user:pw@, dead port") << QStringLiteral("postgresql://tl:SECRET@%1/db").arg(dead) << QString();
    QTest::newRow("pg ?password=, dead port") << QStringLiteral("postgresql://tl@%1/db?password=SECRET").arg(dead) << QString();
    QTest::newRow("pg ?sslmode&password=, dead port")
        << QStringLiteral("postgresql://tl@%1/db?sslmode=disable&password=SECRET").arg(dead) << QString();
    QTest::newRow("forgotten scheme") << QStringLiteral("tl:SECRET@%1/db").arg(dead) << QString();
    QTest::newRow("forgotten scheme, ?password=") << QStringLiteral("%1/db?password=SECRET").arg(dead) << QString();
    QTest::newRow("scheme without //") << QStringLiteral("postgresql:tl:SECRET@%1/db").arg(dead) << QString();
    QTest::newRow("percent-encoded") << QStringLiteral("postgresql://tl:SECRET%2Fp%40ss@%1/db").arg(dead)
                                     << QStringLiteral("SECRET/p@ss");
    // Review findings: a password with a raw ? (a URL parser ends the authority there), a
    // forgotten scheme with a / in the password.
    QTest::newRow("raw ? in the password") << QStringLiteral("postgresql://tl:SECRET?q@%1/db").arg(dead)
                                           << QStringLiteral("SECRET?q");
    QTest::newRow("forgotten scheme, / in the password") << QStringLiteral("tl:SECRET/q@%1/db").arg(dead)
                                                         << QStringLiteral("SECRET/q");
    QTest::newRow("mysql user:pw@, dead port") << QStringLiteral("mysql://root:SECRET@%1/db").arg(dead) << QString();
    QTest::newRow("not a valid URL") << QStringLiteral("postgresql://tl:SECRET@%1:99999999/db").arg(QStringLiteral("127.0.0.1"))
                                     << QString();
    if (!pg.isEmpty()) {
        const QUrl url(pg);
        const QString server = QStringLiteral("%1:%2").arg(url.host()).arg(url.port(5432));
        // The server is reached and refuses: an unknown role, with a password.
        QTest::newRow("pg server, wrong password") << QStringLiteral("postgresql://nobody_tl:SECRET@%1/postgres").arg(server)
                                                   << QString();
        QTest::newRow("pg server, ?password=")
            << QStringLiteral("postgresql://nobody_tl@%1/postgres?password=SECRET").arg(server) << QString();
    }
    if (!my.isEmpty()) {
        const QUrl url(my);
        QTest::newRow("mariadb server, wrong password")
            << QStringLiteral("mysql://root:SECRET@%1:%2/mysql").arg(url.host()).arg(url.port(3306)) << QString();
    }
}

void TestFaults::secretsNeverRepeated()
{
    QFETCH(QString, dsn);
    QFETCH(QString, secret);
    const QString unique = QStringLiteral("Pw%1x").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    dsn.replace(QStringLiteral("SECRET"), unique);
    secret = secret.isEmpty() ? unique : secret.replace(QStringLiteral("SECRET"), unique);
    // Every form the secret can take in a message: as meant, and percent-encoded.
    // and its random part alone (a password cut at a ? or / must not leave half of it).
    const QList<QByteArray> forms{secret.toUtf8(), QUrl::toPercentEncoding(secret), unique.toUtf8()};
    const QList<QStringList> commands{
        {QStringLiteral("verify"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"), QStringLiteral("--dsn"), dsn},
        {QStringLiteral("apply"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"), QStringLiteral("--dsn"), dsn},
        {QStringLiteral("drift"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"), QStringLiteral("--phase"),
         QStringLiteral("pre"), QStringLiteral("--dsn"), dsn},
        {QStringLiteral("import-schema"), QStringLiteral("--dsn"), dsn},
        {QStringLiteral("validate"), dsn + QStringLiteral("?plan=p")}, // a plan named by a DSN
        {QStringLiteral("check"), dsn + QStringLiteral("?plan=p")},
        {QStringLiteral("verify"), ValidPlan, QStringLiteral("--release"), QStringLiteral("r1"), QStringLiteral("--dsn"), dsn,
         QStringLiteral("--json")},
    };
    for (const QStringList &command : commands) {
        const Run run = cli(command);
        QVERIFY2(run.exitCode == 1 || run.exitCode == 2, run.describe());
        QVERIFY2(!run.err.trimmed().isEmpty(), run.describe()); // a message, naming the problem
        for (const QByteArray &form : forms)
            QVERIFY2(!run.all().contains(form), qPrintable(command.first() + QStringLiteral(" repeats the secret:\n")
                                                           + QString::fromUtf8(run.describe())));
    }
    // Nothing the commands wrote (none should have) holds it either.
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        for (const QByteArray &form : forms)
            QVERIFY2(!readFile(path).contains(form), qPrintable(path));
    }
}

void TestFaults::redactionKeepsPaths()
{
    // A path with an @ is no user:password@: the message still names the file.
    const QString file = m_dir.filePath(QStringLiteral("team@work/missing.db"));
    const Run run = cli({QStringLiteral("import-schema"), QStringLiteral("--dsn"), QStringLiteral("sqlite:") + file});
    QVERIFY2(run.exitCode == 2 && run.err.contains(file.toUtf8()), run.describe());
}

void TestFaults::redactionMasksEveryForm_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("text");        // what a message may say; DSN stands for the DSN
    QTest::addColumn<QStringList>("secrets"); // none of these may be left
    QTest::newRow("raw ? in the password") << QStringLiteral("postgresql://tl:Ab1?Cd2@db.example/app")
                                           << QStringLiteral("cannot connect to DSN (password Ab1?Cd2)")
                                           << QStringList{QStringLiteral("Ab1"), QStringLiteral("Cd2")};
    QTest::newRow("forgotten scheme, / in the password")
        << QStringLiteral("tl:Ab1/Cd2@db.example/app") << QStringLiteral("unknown DSN scheme in DSN")
        << QStringList{QStringLiteral("Ab1"), QStringLiteral("Cd2")};
    QTest::newRow("libpq password='a b'")
        << QStringLiteral("host=db.example user=tl password='Ab1 Cd2' dbname=app")
        << QStringLiteral("connection to DSN failed; Ab1 Cd2") << QStringList{QStringLiteral("Ab1"), QStringLiteral("Cd2")};
    QTest::newRow("libpq password with \\' inside")
        << QStringLiteral("host=db.example password='Ab1\\' Cd2' user=tl")
        << QStringLiteral("DSN: Ab1' Cd2") << QStringList{QStringLiteral("Ab1"), QStringLiteral("Cd2")};
    QTest::newRow("another DSN quoted, password='a b'")
        << QString() << QStringLiteral("conninfo \"host=h password='Ab1 Cd2'\" refused")
        << QStringList{QStringLiteral("Ab1"), QStringLiteral("Cd2")};
}

void TestFaults::redactionMasksEveryForm()
{
    QFETCH(QString, dsn);
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    const QString redacted = Connection::redact(QString(text).replace(QStringLiteral("DSN"), dsn), dsn);
    for (const QString &secret : secrets)
        QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
    QVERIFY2(redacted.contains(QStringLiteral("***")), qPrintable(redacted));
    // The host and the user are still there to name the server.
    if (dsn.contains(QStringLiteral("db.example")))
        QVERIFY2(redacted.contains(QStringLiteral("db.example")), qPrintable(redacted));
}

void TestFaults::importRefusesAnOversizedFile_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

void TestFaults::importRefusesAnOversizedFile()
{
    QFETCH(QString, dialect);
    // 65 MiB, sparse: the importer must refuse it from its size, not after reading it.
    const QString path = m_dir.filePath(QStringLiteral("huge.sql"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(65 * 1024 * 1024));
    }
    const auto remove = qScopeGuard([&] { QFile::remove(path); });
    const Run run = cli({QStringLiteral("import-schema"), path, QStringLiteral("--dialect"), dialect});
    QVERIFY2(run.exitCode == 2, run.describe());
    QVERIFY2(run.err.contains(path.toUtf8() + ": the DDL is 65.0 MiB; at most 64 MiB is read"), run.describe());
    QVERIFY2(run.out.isEmpty(), run.describe());
}

// ---------------------------------------------------------------------------------------------
// Item 6

void TestFaults::validationRefusesWhatTheLedgerCannotHold_data()
{
    QTest::addColumn<QByteArray>("plan");
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("lengths"); // "N characters" and "at most L"
    const QString r1 = QStringLiteral("r1");
    QTest::newRow("plan name 501") << ledgerPlan(QString(501, QLatin1Char('n')), r1) << QByteArray("name")
                                   << QByteArray("is 501 characters long; at most 500");
    QTest::newRow("release id 201") << ledgerPlan(QStringLiteral("p"), QString(201, QLatin1Char('r'))) << QByteArray("releases[0].id")
                                    << QByteArray("is 201 characters long; at most 200");
    QTest::newRow("refactoring id 401") << ledgerPlan(QStringLiteral("p"), r1, QString(401, QLatin1Char('x')))
                                        << QByteArray("refactorings[0].id") << QByteArray("is 401 characters long; at most 400");
}

void TestFaults::validationRefusesWhatTheLedgerCannotHold()
{
    QFETCH(QByteArray, plan);
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, lengths);
    const QString path = m_dir.filePath(QStringLiteral("long.tideline.json"));
    QVERIFY(writeFile(path, plan));
    const Run run = cli({QStringLiteral("validate"), path});
    QVERIFY2(run.exitCode == 2, run.describe());
    QVERIFY2(run.err.contains(": " + field + ": "), run.describe());
    QVERIFY2(run.err.contains(lengths), run.describe());
    // At the limit it is fine.
    const QString atLimit = m_dir.filePath(QStringLiteral("limit.tideline.json"));
    QByteArray fits = plan;
    fits.replace(QByteArray(501, 'n'), QByteArray(500, 'n'))
        .replace(QByteArray(201, 'r'), QByteArray(200, 'r'))
        .replace(QByteArray(401, 'x'), QByteArray(400, 'x'));
    QVERIFY(writeFile(atLimit, fits));
    const Run ok = cli({QStringLiteral("validate"), atLimit});
    QVERIFY2(ok.exitCode == 0, ok.describe());
}

namespace {

/** A fresh database on the server of @p dialect; empty @p dsn (and a reason) to skip. */
struct ScratchDb
{
    QString admin, dsn, name, skip;
    ScratchDb(const QString &dialect, const QString &charset = {})
    {
        admin = qEnvironmentVariable(dialect == QLatin1String("postgresql") ? "TIDELINE_TEST_PG_DSN" : "TIDELINE_TEST_MYSQL_DSN");
        if (admin.isEmpty()) {
            skip = QStringLiteral("TIDELINE_TEST_PG_DSN / TIDELINE_TEST_MYSQL_DSN is not set (./test.sh starts throwaway servers)");
            return;
        }
        name = QStringLiteral("tst_faults_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(10));
        Connection connection;
        QString error;
        if (!connection.open(admin, &error)) {
            skip = error;
            return;
        }
        QSqlQuery query(connection.database());
        if (!query.exec(QStringLiteral("CREATE DATABASE %1%2").arg(name, charset.isEmpty() ? QString() : QStringLiteral(" CHARACTER SET ") + charset))) {
            skip = query.lastError().text();
            return;
        }
        QUrl url(admin);
        url.setPath(QLatin1Char('/') + name);
        dsn = url.toString();
    }
    ~ScratchDb()
    {
        if (dsn.isEmpty())
            return;
        Connection connection;
        QString error;
        if (connection.open(admin, &error))
            QSqlQuery(connection.database()).exec(QStringLiteral("DROP DATABASE %1").arg(name));
    }
    /** The columns of @p table, read from the database. */
    QStringList columns(const QString &table) const
    {
        Connection connection;
        QString error;
        if (!connection.open(dsn, &error))
            return {error};
        QStringList names;
        const QSqlRecord record = connection.database().record(table);
        for (int i = 0; i < record.count(); ++i)
            names << record.fieldName(i);
        return names;
    }
    int ledgerRows(const QString &release) const
    {
        Connection connection;
        QString error;
        if (!connection.open(dsn, &error))
            return -1;
        QSqlQuery query(connection.database());
        const QString quote = dsn.startsWith(QLatin1String("mysql")) ? QStringLiteral("`") : QStringLiteral("\"");
        query.prepare(QStringLiteral("SELECT count(*) FROM tideline_applied WHERE %1release%1 = ?").arg(quote));
        query.addBindValue(release);
        return query.exec() && query.next() ? query.value(0).toInt() : 0; // no table: no rows
    }
};

} // namespace

void TestFaults::applyRecordsBeforeReportingApplied_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
}

void TestFaults::applyRecordsBeforeReportingApplied()
{
    // A plan name over the ledger's 500 characters: refused before anything runs, on both
    // engines (MariaDB once kept the DDL and lost the record).
    QFETCH(QString, dialect);
    const ScratchDb db(dialect);
    if (db.dsn.isEmpty())
        QSKIP(qPrintable(db.skip));
    const QString shortPlan = m_dir.filePath(QStringLiteral("ledger-short.tideline.json"));
    const QString longPlan = m_dir.filePath(QStringLiteral("ledger-long.tideline.json"));
    QVERIFY(writeFile(shortPlan, ledgerPlan(QStringLiteral("ledger"), QStringLiteral("r1"))));
    QVERIFY(writeFile(longPlan, ledgerPlan(QString(501, QLatin1Char('n')), QStringLiteral("r1"))));
    Run run = cli({QStringLiteral("apply"), shortPlan, QStringLiteral("--release"), QStringLiteral("baseline"),
                   QStringLiteral("--dsn"), db.dsn});
    QVERIFY2(run.exitCode == 0, run.describe());
    QVERIFY2(db.columns(QStringLiteral("customer")).contains(QStringLiteral("email")), qPrintable(db.columns(QStringLiteral("customer")).join(QLatin1Char(','))));

    run = cli({QStringLiteral("apply"), longPlan, QStringLiteral("--release"), QStringLiteral("r1"),
               QStringLiteral("--dsn"), db.dsn});
    QVERIFY2(run.exitCode == 2, run.describe());
    QVERIFY2(!run.out.contains("applied"), run.describe());
    QVERIFY2(run.err.contains("name") && run.err.contains("501"), run.describe());
    QVERIFY2(!db.columns(QStringLiteral("customer")).contains(QStringLiteral("nickname")), "the DDL ran");
    QCOMPARE(db.ledgerRows(QStringLiteral("r1")), 0);

    // The same release with a name that fits: applied and recorded.
    run = cli({QStringLiteral("apply"), shortPlan, QStringLiteral("--release"), QStringLiteral("r1"),
               QStringLiteral("--dsn"), db.dsn});
    QVERIFY2(run.exitCode == 0, run.describe());
    QVERIFY(db.columns(QStringLiteral("customer")).contains(QStringLiteral("nickname")));
    QVERIFY(db.ledgerRows(QStringLiteral("r1")) > 0);
}

void TestFaults::applyRunsNothingTheLedgerRefuses()
{
    // A ledger row the database refuses for another reason than length (a plan name a latin1
    // database cannot store): MariaDB's DDL cannot be rolled back, so the row is asked first.
    const ScratchDb db(QStringLiteral("mysql"), QStringLiteral("latin1"));
    if (db.dsn.isEmpty())
        QSKIP(qPrintable(db.skip));
    const QString plan = m_dir.filePath(QStringLiteral("ledger-wave.tideline.json"));
    QVERIFY(writeFile(plan, ledgerPlan(QStringLiteral("tide \U0001F30A line"), QStringLiteral("r1"))));
    Run run = cli({QStringLiteral("apply"), plan, QStringLiteral("--release"), QStringLiteral("baseline"),
                   QStringLiteral("--dsn"), db.dsn});
    QVERIFY2(run.exitCode == 1, run.describe());
    QVERIFY2(run.err.contains("cannot be recorded in tideline_applied") && run.err.contains("nothing of it was run"),
             run.describe());
    QVERIFY2(!run.out.contains(": applied"), run.describe());
    QVERIFY2(db.columns(QStringLiteral("customer")).isEmpty(), "the baseline's DDL ran unrecorded");
    QCOMPARE(db.ledgerRows(QStringLiteral("baseline")), 0);
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
