// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Every bundle layout runs in its real tool (issue 15), on PostgreSQL, SQLite and MariaDB:
//  - folders: every file of every release, twice, in the engine's own client (psql, sqlite3,
//    mariadb --batch, which needs the DELIMITER lines of procedures and triggers);
//  - liquibase: `liquibase update` of the whole history, twice (offline, Debian's JDBC drivers);
//  - sqitch: deploy --verify, a real revert and a deploy again, the later releases appended to
//    that project's plan (--sqitch-plan), a contract's revert refused with "cannot revert", an
//    empty release deployed as an empty but valid project;
//  - flyway (no Flyway here): file names and .sql.conf files checked against Flyway's rules.
// After each run the database's own catalog and rows are compared with what is written here.
// ./test.sh starts the servers (TIDELINE_TEST_PG_DSN, TIDELINE_TEST_MYSQL_DSN) and installs the
// tools; a missing tool or server skips its row, naming it.

#include <sql/bundle.h>
#include <sql/bundlewriter.h>
#include <sql/connection.h>
#include <sql/dialect.h>
#include <sql/livecatalog.h>
#include <sql/schemadiff.h>

#include "sqlfixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Tideline;
using namespace Tideline::SqlFixtures;

namespace {

/** The plan every runner runs: nine kinds over five releases, backfills and all. */
QString planFor(const QString &dialect)
{
    return dialect == QLatin1String("mysql") ? QStringLiteral("sql-every-kind-mysql") : QStringLiteral("sql-every-kind");
}

/** What S_5 of that plan is, as written here (table -> "column:nullable", sorted). */
QMap<QString, QStringList> expectedColumns()
{
    return {{"authors", {"email:YES", "id:NO", "name:YES"}},
            {"customer",
             {"display_name:NO", "email_head:YES", "email_lower:YES", "full_name:YES", "id:NO", "loyalty_points:NO",
              "score:NO"}},
            {"orders", {"code:NO", "customer_id:NO", "id:NO", "note:NO", "total:YES"}},
            {"posts", {"author_id:YES", "id:NO", "title:NO"}}};
}

/** Rows in S_0, so that the backfills' batches (1,000 rows each) have several batches of work. */
QStringList baselineRows(const QString &dialect)
{
    if (dialect == QLatin1String("mysql"))
        return {"INSERT INTO customer (first_name, last_name, email, nickname, phone) SELECT CONCAT('First', seq), "
                "CONCAT('Last', seq), CASE WHEN seq % 3 = 0 THEN NULL ELSE CONCAT('User', seq, '@example.org') END, "
                "CONCAT('nick', seq), '555' FROM seq_1_to_2500",
                "INSERT INTO posts (title, author_name, author_email) SELECT CONCAT('Post ', seq), CASE WHEN seq % 5 = 0 "
                "THEN NULL ELSE CONCAT('Author ', seq % 7) END, CASE WHEN seq % 5 = 0 THEN NULL ELSE CONCAT('a', seq % 7, "
                "'@example.org') END FROM seq_1_to_2100",
                "INSERT INTO orders (customer_id, total, note) SELECT seq, seq * 1.25, CASE WHEN seq % 2 = 0 THEN 'n' END "
                "FROM seq_1_to_3001"};
    // PostgreSQL and SQLite both count with a recursive CTE and concatenate with ||.
    const QString n = QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) ");
    return {"INSERT INTO customer (first_name, last_name, email, nickname, phone) " + n.arg(2500)
                + "SELECT 'First' || i, 'Last' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'User' || i || '@example.org' END, "
                  "'nick' || i, '555' FROM n",
            "INSERT INTO posts (title, author_name, author_email) " + n.arg(2100)
                + "SELECT 'Post ' || i, CASE WHEN i % 5 = 0 THEN NULL ELSE 'Author ' || (i % 7) END, CASE WHEN i % 5 = 0 "
                  "THEN NULL ELSE 'a' || (i % 7) || '@example.org' END FROM n",
            "INSERT INTO orders (customer_id, total, note) " + n.arg(3001)
                + "SELECT i, i * 1.25, CASE WHEN i % 2 = 0 THEN 'n' END FROM n"};
}

/** A fresh database of one engine, dropped when the test ends. */
class Scratch
{
public:
    Scratch(const QString &dialect, const QString &tag) : m_dialect(dialect)
    {
        m_name = QStringLiteral("tideline_run_%1_%2").arg(tag).arg(QCoreApplication::applicationPid());
        if (dialect == QLatin1String("sqlite")) {
            m_ready = m_dir.isValid();
            m_dsn = QStringLiteral("sqlite:") + m_dir.filePath(m_name + QStringLiteral(".db"));
            return;
        }
        const QString server = qEnvironmentVariable(dialect == QLatin1String("mysql") ? "TIDELINE_TEST_MYSQL_DSN"
                                                                                        : "TIDELINE_TEST_PG_DSN");
        if (server.isEmpty()) {
            m_error = QStringLiteral("%1 is not set (./test.sh starts a throwaway server and sets it)")
                          .arg(dialect == QLatin1String("mysql") ? "TIDELINE_TEST_MYSQL_DSN" : "TIDELINE_TEST_PG_DSN");
            return;
        }
        m_server = server;
        m_dsn = QString(server).replace(QRegularExpression(QStringLiteral("/[^/]*$")), QStringLiteral("/") + m_name);
        m_ready = admin({QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name),
                         QStringLiteral("CREATE DATABASE %1").arg(m_name)});
    }
    ~Scratch()
    {
        if (!m_server.isEmpty()) {
            QStringList drop{QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name)};
            if (m_dialect == QLatin1String("mysql")) // sqitch's registry on MariaDB is a database of its own
                drop << QStringLiteral("DROP DATABASE IF EXISTS %1_sqitch").arg(m_name);
            admin(drop);
        }
    }
    bool ready() const { return m_ready; }
    QString error() const { return m_error; }
    QString dsn() const { return m_dsn; }
    QString name() const { return m_name; }
    QString sqliteFile() const { return m_dsn.mid(7); }
    QUrl url() const { return QUrl(m_dsn); }

    bool exec(const QStringList &statements)
    {
        Connection db;
        if (!db.open(m_dsn, &m_error))
            return false;
        QSqlQuery q(db.database());
        for (const QString &sql : statements) {
            if (!q.exec(sql)) {
                m_error = sql + QStringLiteral(": ") + q.lastError().text();
                return false;
            }
        }
        return true;
    }
    /** One value of @p sql, or an invalid QVariant (error() says why). */
    QVariant value(const QString &sql)
    {
        Connection db;
        if (!db.open(m_dsn, &m_error))
            return {};
        QSqlQuery q(db.database());
        if (!q.exec(sql) || !q.next()) {
            m_error = sql + QStringLiteral(": ") + q.lastError().text();
            return {};
        }
        return q.value(0);
    }
    /** The live catalog as "column:nullable" per table (the database's own answer). */
    QMap<QString, QStringList> columns()
    {
        Connection db;
        Schema live;
        QMap<QString, QStringList> result;
        if (!db.open(m_dsn, &m_error) || !LiveCatalog::read(db.database(), m_dialect, &live, &m_error))
            return result;
        QStringList runners; // the runners' own history tables (drift leaves them out too)
        for (const IgnoredTable &t : SchemaDiff::runnerHistoryTables())
            runners << t.name;
        for (const Table &t : live.tables) {
            if (runners.contains(t.name, Qt::CaseInsensitive))
                continue;
            QStringList list;
            for (const Column &c : t.columns)
                list << c.name + (c.nullable ? QStringLiteral(":YES") : QStringLiteral(":NO"));
            list.sort();
            result.insert(t.name, list);
        }
        return result;
    }

private:
    bool admin(const QStringList &statements)
    {
        Connection db;
        if (!db.open(m_server, &m_error))
            return false;
        QSqlQuery q(db.database());
        q.exec(QStringLiteral("SET client_min_messages = warning")); // PostgreSQL's IF EXISTS notices
        for (const QString &sql : statements) {
            if (!q.exec(sql)) {
                m_error = sql + QStringLiteral(": ") + q.lastError().text();
                return false;
            }
        }
        return true;
    }

    QString m_dialect, m_name, m_dsn, m_server, m_error;
    QTemporaryDir m_dir;
    bool m_ready = false;
};

struct Run
{
    bool ok = false;
    QString output;
};

/** Runs @p program with @p arguments in @p folder (stdin from @p input, else nothing). */
Run run(const QString &program, const QStringList &arguments, const QString &folder, const QString &input = {},
        const QProcessEnvironment &extra = {})
{
    QProcess p;
    p.setWorkingDirectory(folder);
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(extra);
    p.setProcessEnvironment(env);
    p.setStandardInputFile(input.isEmpty() ? QProcess::nullDevice() : input);
    p.start(program, arguments);
    Run r;
    if (!p.waitForStarted(30000)) {
        r.output = QStringLiteral("%1 did not start: %2").arg(program, p.errorString());
        return r;
    }
    const bool finished = p.waitForFinished(600000);
    r.output = QString::fromUtf8(p.readAll());
    if (!finished) {
        p.kill();
        p.waitForFinished();
        r.output.prepend(QStringLiteral("%1 did not finish\n").arg(program));
        return r;
    }
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

/** The engine's own client running one file, as RUNBOOK.md tells it. */
Run client(const QString &dialect, const Scratch &db, const QString &file)
{
    const QUrl url = db.url();
    if (dialect == QLatin1String("sqlite"))
        return run(QStringLiteral("sqlite3"), {QStringLiteral("-bail"), db.sqliteFile()}, QDir::tempPath(), file);
    if (dialect == QLatin1String("mysql"))
        return run(QStringLiteral("mariadb"),
                   {QStringLiteral("--batch"), QStringLiteral("-h"), url.host(), QStringLiteral("-P"),
                    QString::number(url.port()), QStringLiteral("-u"), url.userName(), db.name()},
                   QDir::tempPath(), file);
    QProcessEnvironment env;
    env.insert(QStringLiteral("PGOPTIONS"), QStringLiteral("-c client_min_messages=warning"));
    return run(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-h"), url.host(), QStringLiteral("-p"), QString::number(url.port()), QStringLiteral("-U"),
                url.userName(), QStringLiteral("-d"), db.name(), QStringLiteral("-f"), file},
               QDir::tempPath(), {}, env);
}

/** `sqitch ARGS TARGET` in @p folder against the scratch database, with no user or system
 *  configuration (@p home holds their empty stand-ins). */
Run runSqitch(const QString &dialect, const Scratch &db, const QString &home, const QString &folder, QStringList args)
{
    const QUrl url = db.url();
    QProcessEnvironment env;
    env.insert("SQITCH_USER_CONFIG", QDir(home).filePath("no-user.conf"));
    env.insert("SQITCH_SYSTEM_CONFIG", QDir(home).filePath("no-system.conf"));
    env.insert("SQITCH_FULLNAME", "Tideline tests");
    env.insert("SQITCH_EMAIL", "tests@tideline.invalid");
    env.insert("PGOPTIONS", "-c client_min_messages=warning");
    if (dialect == "mysql") // the registry beside the scratch database, dropped with it
        args << "--registry" << db.name() + "_sqitch";
    args << (dialect == "sqlite" ? "db:sqlite:" + db.sqliteFile()
             : dialect == "mysql"
                 ? QStringLiteral("db:mysql://%1@%2:%3/%4").arg(url.userName(), url.host()).arg(url.port()).arg(db.name())
                 : QStringLiteral("db:pg://%1@%2:%3/%4").arg(url.userName(), url.host()).arg(url.port()).arg(db.name()));
    return run("sqitch", args, folder, {}, env);
}

QString missingTool(const QStringList &tools)
{
    for (const QString &tool : tools) {
        if (QStandardPaths::findExecutable(tool).isEmpty())
            return tool;
    }
    return {};
}

QString clientOf(const QString &dialect)
{
    return dialect == QLatin1String("sqlite") ? QStringLiteral("sqlite3")
           : dialect == QLatin1String("mysql") ? QStringLiteral("mariadb")
                                                 : QStringLiteral("psql");
}

/** The bundles of the plan (baseline, r1..r5), each written in @p layout into its own folder. */
QStringList writeAll(const Engine &engine, const Dialect &dialect, const QString &layout, const QString &root,
                     QString *error)
{
    QStringList folders;
    QStringList ids{QStringLiteral("baseline")};
    for (int k = 1; k <= engine.releaseCount(); ++k)
        ids << engine.releaseId(k);
    for (int k = 0; k < ids.size(); ++k) {
        Bundle bundle;
        const QString folder = QDir(root).filePath(ids.at(k));
        if (!Bundle::build(engine, ids.at(k), dialect, &bundle, error)
            || !BundleWriter::write(bundle, k, layout, folder, false, error))
            return {};
        folders << folder;
    }
    return folders;
}

QJsonObject manifestOf(const QString &folder)
{
    QFile file(QDir(folder).filePath(QStringLiteral("manifest.json")));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString readText(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

} // namespace

/** Skips when the engine's server is not there (naming the variable), fails when it is and the
 *  scratch database cannot be made. */
#define SCRATCH_READY(db)                                                                                    \
    do {                                                                                                     \
        if (!(db).ready() && (db).error().contains("is not set"))                                          \
            QSKIP(qPrintable((db).error()));                                                                 \
        QVERIFY2((db).ready(), qPrintable((db).error()));                                                    \
    } while (false)

class TestRunners : public QObject
{
    Q_OBJECT

private slots:
    void clientRunsEveryFileTwice_data() { engines(); }
    void clientRunsEveryFileTwice();
    void liquibaseUpdatesTwice_data() { engines(); }
    void liquibaseUpdatesTwice();
    void sqitchDeploysRevertsAndAppends_data() { engines(); }
    void sqitchDeploysRevertsAndAppends();
    void sqitchVerifyFailsWhenAStepIsUndone_data() { engines(); }
    void sqitchVerifyFailsWhenAStepIsUndone();
    void flywayNamesFollowFlywaysRules();
    void manifestAndRunbookNameTheLayoutsFiles_data();
    void manifestAndRunbookNameTheLayoutsFiles();

private:
    static void engines()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("postgresql") << "postgresql";
        QTest::newRow("sqlite") << "sqlite";
        QTest::newRow("mariadb") << "mysql";
    }
    /** `tideline-cli drift` finds the database at S_5, the runner's own history tables and
     *  registries (Liquibase's in the database, sqitch's beside it) not counted as extra. */
    static void checkNoDrift(const QString &dialect, const Scratch &db)
    {
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(TIDELINE_CLI, {"drift", QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(planFor(dialect)),
                                 "--release", "r5", "--phase", "post", "--dsn", db.dsn()});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAll().constData());
    }
    /** The database holds S_5 of the plan, and the backfills moved the rows. */
    static void checkFinalState(Scratch &db)
    {
        QCOMPARE(db.columns(), expectedColumns());
        QCOMPARE(db.value("SELECT count(*) FROM authors").toInt(), 7);
        QCOMPARE(db.value("SELECT count(*) FROM posts WHERE author_id IS NULL").toInt(), 2100 / 5);
        QCOMPARE(db.value("SELECT count(*) FROM posts WHERE author_id IS NOT NULL").toInt(), 2100 - 2100 / 5);
        QCOMPARE(db.value("SELECT full_name FROM customer WHERE id = 1").toString(), QString("First1 Last1"));
        QCOMPARE(db.value("SELECT email_lower FROM customer WHERE id = 1").toString(), QString("user1@example.org"));
        QCOMPARE(db.value("SELECT count(*) FROM customer WHERE full_name IS NULL").toInt(), 0);
        QCOMPARE(db.value("SELECT count(*) FROM orders WHERE code IS NULL OR note IS NULL").toInt(), 0);
    }
};

void TestRunners::clientRunsEveryFileTwice()
{
    QFETCH(QString, dialect);
    if (const QString tool = missingTool({clientOf(dialect)}); !tool.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not on PATH (./test.sh installs it)")));
    Scratch db(dialect, QStringLiteral("client"));
    SCRATCH_READY(db);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(planFor(dialect), &loaded, &error), qPrintable(error));
    QTemporaryDir work;
    const QStringList folders = writeAll(*loaded.engine, *Dialect::forName(dialect), "folders", work.path(), &error);
    QVERIFY2(!folders.isEmpty(), qPrintable(error));
    int runs = 0;
    for (const QString &folder : folders) {
        // In manifest order, each file twice in a row: every script is re-runnable.
        for (const QJsonValue &v : manifestOf(folder).value("files").toArray()) {
            const QString file = QDir(folder).filePath(v.toObject().value("path").toString());
            for (int pass = 1; pass <= 2; ++pass) {
                const Run r = client(dialect, db, file);
                QVERIFY2(r.ok, qPrintable(QStringLiteral("%1, run %2 of %3:\n%4").arg(clientOf(dialect)).arg(pass).arg(file, r.output)));
                ++runs;
            }
        }
        if (folder.endsWith("/baseline"))
            QVERIFY2(db.exec(baselineRows(dialect)), qPrintable(db.error()));
    }
    QVERIFY(runs > 40);
    checkFinalState(db);
}

void TestRunners::liquibaseUpdatesTwice()
{
    QFETCH(QString, dialect);
    if (const QString tool = missingTool({"liquibase", "java"}); !tool.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not on PATH (./test.sh installs Liquibase from npm, Java from Debian)")));
    const QString driver = dialect == "sqlite" ? "/usr/share/java/sqlite-jdbc.jar"
                           : dialect == "mysql" ? "/usr/share/java/mariadb-java-client.jar"
                                                : "/usr/share/java/postgresql.jar";
    if (!QFile::exists(driver))
        QSKIP(qPrintable(driver + QStringLiteral(" is missing (Debian's JDBC driver package; ./test.sh installs it)")));
    Scratch db(dialect, QStringLiteral("liquibase"));
    SCRATCH_READY(db);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(planFor(dialect), &loaded, &error), qPrintable(error));
    QTemporaryDir work;
    const QStringList folders = writeAll(*loaded.engine, *Dialect::forName(dialect), "liquibase", work.path(), &error);
    QVERIFY2(!folders.isEmpty(), qPrintable(error));

    // One master changelog: the baseline, the test's rows, then every release's changelog.
    QString master = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\" "
                     "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
                     "http://www.liquibase.org/xml/ns/dbchangelog "
                     "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n";
    for (const QString &folder : folders) {
        master += QStringLiteral("  <include file=\"%1/changelog.sql\" relativeToChangelogFile=\"true\"/>\n")
                      .arg(QFileInfo(folder).fileName());
        if (folder.endsWith("/baseline")) {
            master += "  <changeSet id=\"test-rows\" author=\"tst_runners\">\n";
            for (const QString &sql : baselineRows(dialect))
                master += QStringLiteral("    <sql splitStatements=\"false\"><![CDATA[%1]]></sql>\n").arg(sql);
            master += "  </changeSet>\n";
        }
    }
    master += "</databaseChangeLog>\n";
    QFile masterFile(work.filePath("master.xml"));
    QVERIFY(masterFile.open(QIODevice::WriteOnly));
    masterFile.write(master.toUtf8());
    masterFile.close();

    const QUrl url = db.url();
    const QString jdbc = dialect == "sqlite" ? "jdbc:sqlite:" + db.sqliteFile()
                         : dialect == "mysql"
                             ? QStringLiteral("jdbc:mariadb://%1:%2/%3").arg(url.host()).arg(url.port()).arg(db.name())
                             : QStringLiteral("jdbc:postgresql://%1:%2/%3").arg(url.host()).arg(url.port()).arg(db.name());
    QStringList args{"--show-banner=false", "--classpath=" + driver, "--url=" + jdbc, "--changelog-file=master.xml",
                     "--log-level=severe"};
    if (dialect != "sqlite")
        args << "--username=" + url.userName() << "--password=";
    args << "update";
    QProcessEnvironment env;
    env.insert("LIQUIBASE_ANALYTICS_ENABLED", "false"); // offline: no analytics, no hub
    env.insert("LIQUIBASE_HUB_MODE", "off");
    for (int pass = 1; pass <= 2; ++pass) {
        const Run r = run("liquibase", args, work.path(), {}, env);
        QVERIFY2(r.ok, qPrintable(QStringLiteral("liquibase update, pass %1:\n%2").arg(pass).arg(r.output.left(6000))));
    }
    checkFinalState(db);
    // Liquibase recorded every changeset of every release once; the backfills (runAlways) ran again.
    int changesets = 0;
    for (const QString &folder : folders)
        changesets += int(readText(folder + "/changelog.sql").count(QRegularExpression("^--changeset ", QRegularExpression::MultilineOption)));
    const QString history = dialect == "mysql" ? "DATABASECHANGELOG" : "databasechangelog"; // MariaDB: as created
    QCOMPARE(db.value("SELECT count(DISTINCT id) FROM " + history + " WHERE author = 'tideline'").toInt(), changesets);
    // Nothing but a backfill's second pass (its column gone after a later release) was skipped.
    QCOMPARE(db.value("SELECT count(*) FROM " + history + " WHERE author = 'tideline' AND exectype = 'MARK_RAN' "
                      "AND id NOT LIKE '%backfill%'").toInt(),
             0);
    QVERIFY2(db.value("SELECT count(*) FROM " + history + " WHERE exectype = 'RERAN'").toInt() > 0, qPrintable(db.error()));
    checkNoDrift(dialect, db);
}

void TestRunners::sqitchDeploysRevertsAndAppends()
{
    QFETCH(QString, dialect);
    if (const QString tool = missingTool({"sqitch", clientOf(dialect)}); !tool.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not on PATH (./test.sh installs it)")));
    Scratch db(dialect, QStringLiteral("sqitch"));
    SCRATCH_READY(db);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(planFor(dialect), &loaded, &error), qPrintable(error));
    const Engine &engine = *loaded.engine;
    const Dialect &sql = *Dialect::forName(dialect);
    QTemporaryDir work;

    const auto sqitch = [&](const QString &folder, const QStringList &args) {
        return runSqitch(dialect, db, work.path(), folder, args);
    };
    const auto write = [&](const QString &release, int k, const QString &folder, const LayoutOptions &options = {}) {
        Bundle bundle;
        return Bundle::build(engine, release, sql, &bundle, &error)
               && BundleWriter::write(bundle, k, "sqitch", folder, false, &error, options);
    };

    // The baseline, a project of its own.
    const QString base = work.filePath("baseline");
    QVERIFY2(write("baseline", 0, base), qPrintable(error));
    Run r = sqitch(base, {"deploy", "--verify"});
    QVERIFY2(r.ok, qPrintable("deploy of the baseline:\n" + r.output));
    QVERIFY2(db.exec(baselineRows(dialect)), qPrintable(db.error()));

    // r1: deploy, revert (the real reverse: its new columns are gone), deploy again.
    const QString team = work.filePath("team");
    QVERIFY2(write("r1", 1, team), qPrintable(error));
    r = sqitch(team, {"deploy", "--verify"});
    QVERIFY2(r.ok, qPrintable("deploy of r1:\n" + r.output));
    QVERIFY(db.columns().value("customer").contains("loyalty_points:NO"));
    QVERIFY(db.columns().value("customer").contains("full_name:YES"));
    r = sqitch(team, {"revert", "-y"});
    QVERIFY2(r.ok, qPrintable("revert of r1:\n" + r.output));
    QVERIFY2(!db.columns().value("customer").join(",").contains("loyalty_points"), qPrintable(db.columns().value("customer").join(",")));
    QVERIFY(!db.columns().value("customer").join(",").contains("full_name"));
    QVERIFY(!db.columns().contains("authors"));
    QCOMPARE(db.columns().value("customer"),
             QStringList({"email:YES", "first_name:NO", "id:NO", "last_name:NO", "nickname:NO", "phone:YES", "score:NO"}));
    r = sqitch(team, {"deploy", "--verify"});
    QVERIFY2(r.ok, qPrintable("deploy of r1 after its revert:\n" + r.output));

    // r2..r5 appended to the team's plan (--sqitch-plan): one project, each release's first
    // change requiring the last change before it.
    for (int k = 2; k <= engine.releaseCount(); ++k) {
        LayoutOptions options;
        options.sqitchPlan = readText(team + "/sqitch.plan").toUtf8();
        options.sqitchPlanName = "team/sqitch.plan";
        const QString lastBefore = [&] {
            const QStringList lines = readText(team + "/sqitch.plan").split('\n', Qt::SkipEmptyParts);
            return lines.last().section(' ', 0, 0);
        }();
        const QString out = work.filePath(engine.releaseId(k));
        QVERIFY2(write(engine.releaseId(k), k, out, options), qPrintable(error));
        const QString plan = readText(out + "/sqitch.plan");
        QVERIFY(plan.startsWith(QString::fromUtf8(options.sqitchPlan)));
        const QString firstNew = plan.mid(options.sqitchPlan.size()).section('\n', 0, 0);
        QVERIFY2(firstNew.contains(QStringLiteral("[%1]").arg(lastBefore)), qPrintable(firstNew));
        // The team copies the new scripts and the plan into its project.
        QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString relative = QDir(out).relativeFilePath(file);
            if (relative == "manifest.json" || relative == "RUNBOOK.md" || relative == "sqitch.conf")
                continue;
            QFile::remove(team + '/' + relative);
            QVERIFY(QFile::copy(file, team + '/' + relative));
        }
        r = sqitch(team, {"deploy", "--verify"});
        QVERIFY2(r.ok, qPrintable(QStringLiteral("deploy of %1 appended:\n%2").arg(engine.releaseId(k), r.output)));
    }
    // Appending a release twice is refused by name, nothing written.
    {
        LayoutOptions options;
        options.sqitchPlan = readText(team + "/sqitch.plan").toUtf8();
        options.sqitchPlanName = "team/sqitch.plan";
        QVERIFY(!write(engine.releaseId(engine.releaseCount()), engine.releaseCount(), work.filePath("again"), options));
        QVERIFY2(error.contains("already has a change named"), qPrintable(error));
        QVERIFY(!QFileInfo::exists(work.filePath("again")));
    }
    checkFinalState(db);
    checkNoDrift(dialect, db);

    // The last change is a contract: it drops data, so its revert refuses, naming why, and the
    // database keeps S_5.
    r = sqitch(team, {"revert", "-y", "--to", "@HEAD^"});
    QVERIFY2(!r.ok, qPrintable(r.output));
    QVERIFY2(r.output.contains("cannot revert") && r.output.contains("lost its values"), qPrintable(r.output));
    QCOMPARE(db.columns(), expectedColumns());

    // A release without scripts is an empty but valid project: deploy and verify exit 0.
    Bundle empty;
    empty.plan = engine.plan().name;
    empty.release = "r9";
    empty.dialect = dialect;
    const QString emptyFolder = work.filePath("empty");
    QVERIFY2(BundleWriter::write(empty, 9, "sqitch", emptyFolder, false, &error), qPrintable(error));
    r = sqitch(emptyFolder, {"deploy", "--verify"});
    QVERIFY2(r.ok, qPrintable("deploy of an empty release:\n" + r.output));
    r = sqitch(emptyFolder, {"verify"});
    QVERIFY2(r.ok, qPrintable("verify of an empty release:\n" + r.output));
    QCOMPARE(db.columns(), expectedColumns());
}

namespace {

/** One step undone by hand, and the error sqitch verify must then stop with. */
struct Undo
{
    QString what;
    QStringList sql;
    QString message;
};

/** The steps of sql-verify-kinds* undone one after another on @p dialect, straight in the
 *  database (not through Tideline). The kinds an engine lacks are not there: SQLite has no
 *  comments, enum types or procedures (the dialect refuses the last two, and SQLite's verify of
 *  such a step fails, saying so); MySQL has no named enum types and no parameter defaults (both
 *  refused), its enums are column types. */
QList<Undo> undoes(const QString &dialect, const QStringList &syncTriggers)
{
    QList<Undo> list;
    QStringList dropTriggers;
    for (const QString &name : syncTriggers)
        dropTriggers << (dialect == "postgresql" ? QStringLiteral("DROP TRIGGER %1 ON accounts").arg(name)
                                                 : QStringLiteral("DROP TRIGGER %1").arg(name));
    list << Undo{"sync trigger", dropTriggers, "the sync trigger filling accounts.display_name is missing"};
    if (dialect == "sqlite") {
        // SQLite changes a default or a constraint name only by rebuilding the table; editing
        // the table's stored DDL is the same change by hand.
        const auto ddl = [](const QString &from, const QString &to) {
            return QStringList{"PRAGMA writable_schema = ON",
                               QStringLiteral("UPDATE sqlite_master SET sql = replace(sql, '%1', '%2') WHERE type = 'table' "
                                              "AND name = 'accounts'")
                                   .arg(QString(from).replace('\'', "''"), QString(to).replace('\'', "''")),
                               "PRAGMA writable_schema = OFF"};
        };
        list << Undo{"set_default", ddl("DEFAULT 'pending'", "DEFAULT 'active'"), "accounts.status does not have the default 'pending'"}
             << Undo{"drop_default", ddl("\"score\" integer NOT NULL", "\"score\" integer NOT NULL DEFAULT 0"),
                     "accounts.score still has a default"}
             << Undo{"rename_constraint", ddl("CONSTRAINT \"accounts_email_unique\"", "CONSTRAINT \"accounts_email_key\""),
                     "constraint accounts_email_unique on accounts is missing"};
    } else {
        list << Undo{"set_default", {"ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'active'"},
                     "accounts.status does not have the default 'pending'"}
             << Undo{"drop_default", {"ALTER TABLE accounts ALTER COLUMN score SET DEFAULT 0"}, "accounts.score still has a default"};
    }
    if (dialect == "postgresql") {
        list << Undo{"set_comment (column)", {"COMMENT ON COLUMN accounts.email IS 'another'"},
                     "accounts.email does not have the planned comment"}
             << Undo{"set_comment (table)", {"COMMENT ON TABLE accounts IS NULL"}, "table accounts does not have the planned comment"}
             << Undo{"rename_constraint", {"ALTER TABLE accounts RENAME CONSTRAINT accounts_email_unique TO accounts_email_key"},
                     "constraint accounts_email_unique on accounts is missing"}
             << Undo{"create_enum", {"DROP TYPE tier"}, "enum tier has no value free"}
             << Undo{"add_enum_value", {"DELETE FROM pg_enum WHERE enumlabel = 'calm' AND enumtypid = 'mood'::regtype"},
                     "enum mood has no value calm"}
             << Undo{"add_procedure_parameter",
                     {"DROP PROCEDURE touch_account(integer, text)",
                      "CREATE PROCEDURE touch_account(p_id integer) LANGUAGE sql AS $$ SELECT 1 $$"},
                     "procedure touch_account with 2 parameter(s) is missing"};
    }
    if (dialect == "mysql") {
        list << Undo{"set_comment (column)", {"ALTER TABLE accounts MODIFY COLUMN email varchar(255) NULL COMMENT 'another'"},
                     "accounts.email does not have the planned comment"}
             << Undo{"set_comment (table)", {"ALTER TABLE accounts COMMENT = ''"}, "table accounts does not have the planned comment"}
             << Undo{"rename_constraint", {"ALTER TABLE accounts RENAME INDEX accounts_email_unique TO accounts_email_key"},
                     "constraint accounts_email_unique on accounts is missing"}
             << Undo{"add_enum_value", {"ALTER TABLE accounts MODIFY COLUMN state enum('new','done') NULL"},
                     "accounts.state has no enum value late"};
    }
    list << Undo{"raw_sql with a guard", {"DELETE FROM audit_log"}, "raw_sql has not taken effect"};
    return list;
}

} // namespace

void TestRunners::sqitchVerifyFailsWhenAStepIsUndone()
{
    // Each step kind's verify reads what the step did from the catalog: deploy --verify and
    // verify pass, and once a step is undone by hand (not through Tideline) verify fails naming it.
    QFETCH(QString, dialect);
    if (const QString tool = missingTool({"sqitch", clientOf(dialect)}); !tool.isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not on PATH (./test.sh installs it)")));
    Scratch db(dialect, QStringLiteral("verify"));
    SCRATCH_READY(db);
    const QString planName = dialect == "postgresql" ? QStringLiteral("sql-verify-kinds")
                                                     : QStringLiteral("sql-verify-kinds-") + dialect;
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan(planName, &loaded, &error), qPrintable(error));
    QTemporaryDir work;
    const QStringList folders = writeAll(*loaded.engine, *Dialect::forName(dialect), "sqitch", work.path(), &error);
    QVERIFY2(folders.size() == 3, qPrintable(error));

    const auto sqitch = [&](const QString &folder, const QStringList &args) {
        return runSqitch(dialect, db, work.path(), folder, args);
    };
    // sqitch verify of r1 and r2 (baseline, r1, r2 are projects of their own in one registry).
    const auto verify = [&] {
        Run all{true, {}};
        for (const QString &folder : folders.mid(1)) {
            const Run r = sqitch(folder, {"verify"});
            all.ok = all.ok && r.ok;
            all.output += r.output;
        }
        return all;
    };
    for (const QString &folder : folders) {
        const Run r = sqitch(folder, {"deploy", "--verify"});
        QVERIFY2(r.ok, qPrintable(QStringLiteral("deploy of %1:\n%2").arg(folder, r.output)));
    }
    Run r = verify();
    QVERIFY2(r.ok, qPrintable("verify right after deploy:\n" + r.output));

    // Raw SQL without a guard: its verify says it cannot check it, and RUNBOOK.md names it.
    const QString r1 = folders.at(1);
    const QJsonArray files = manifestOf(r1).value("files").toArray();
    const auto unguarded = std::find_if(files.begin(), files.end(), [](const QJsonValue &v) {
        return v.toObject().value("refactoring").toString() == "raw-unguarded";
    });
    QVERIFY(unguarded != files.end());
    const QString unguardedVerify = unguarded->toObject().value("verify").toString();
    QVERIFY2(readText(r1 + '/' + unguardedVerify).contains("Tideline cannot verify it"), qPrintable(unguardedVerify));
    QCOMPARE(unguarded->toObject().value("unverified").toArray().size(), 1);
    const QString runbook = readText(r1 + "/RUNBOOK.md");
    QVERIFY(runbook.contains("**Not verified:**"));
    QVERIFY2(runbook.contains(QStringLiteral("- `%1`: raw SQL of raw-unguarded").arg(unguardedVerify)), qPrintable(runbook));
    // The MySQL checks are IF blocks outside a stored program: MariaDB's only, and said so.
    QCOMPARE(runbook.contains("**MariaDB only:**") && runbook.contains("MySQL refuses in every version"), dialect == "mysql");

    // The sync triggers, as the database names them.
    QStringList triggers;
    {
        Connection c;
        QVERIFY2(c.open(db.dsn(), &error), qPrintable(error));
        QSqlQuery q(c.database());
        QVERIFY(q.exec(dialect == "sqlite" ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'accounts'"
                       : dialect == "mysql"
                           ? "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
                             "AND event_object_table = 'accounts'"
                           : "SELECT tgname FROM pg_trigger WHERE tgrelid = 'accounts'::regclass AND NOT tgisinternal"));
        while (q.next())
            triggers << q.value(0).toString();
    }
    QCOMPARE(triggers.size(), dialect == "postgresql" ? 1 : 2);

    int errors = 0;
    for (const Undo &undo : undoes(dialect, triggers)) {
        QVERIFY2(db.exec(undo.sql), qPrintable(undo.what + ": " + db.error()));
        r = verify();
        QVERIFY2(!r.ok, qPrintable(QStringLiteral("%1 undone, yet sqitch verify passes:\n%2").arg(undo.what, r.output)));
        QVERIFY2(r.output.contains(undo.message),
                 qPrintable(QStringLiteral("%1 undone; expected \"%2\" in:\n%3").arg(undo.what, undo.message, r.output)));
        // One more failing change each time: the undo broke that step's verify, no other.
        QCOMPARE(r.output.count("not ok"), ++errors);
    }
}

void TestRunners::flywayNamesFollowFlywaysRules()
{
    // Flyway's versioned migrations: prefix V, a version of numbers joined by '.' or '_', the
    // separator "__", a description, suffix .sql; versions unique, applied in numeric order;
    // a script's configuration in <script>.sql.conf (executeInTransaction=false).
    QTemporaryDir work;
    const QString out = work.filePath("fw");
    QProcess cli;
    cli.start(TIDELINE_CLI, {"export", TIDELINE_TEST_DATA "/sql-every-kind.tideline.json", "--release", "r1..r5",
                             "--dialect", "postgresql", "--layout", "flyway", "--flyway-start", "58", "--out", out});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

    static const QRegularExpression rule("^V(\\d+(?:[._]\\d+)*)__([^_][^/]*)\\.sql$");
    QList<QList<int>> versions;
    int outside = 0;
    for (int k = 1; k <= 5; ++k) {
        const QString folder = QStringLiteral("%1/r%2").arg(out).arg(k);
        const QJsonArray files = manifestOf(folder).value("files").toArray();
        QVERIFY(!files.isEmpty());
        for (const QJsonValue &v : files) {
            const QJsonObject f = v.toObject();
            const QString path = f.value("path").toString();
            QVERIFY2(QFileInfo::exists(folder + '/' + path), qPrintable(path));
            const QString name = QFileInfo(path).fileName();
            const QRegularExpressionMatch m = rule.match(name);
            QVERIFY2(m.hasMatch(), qPrintable(name + " does not follow Flyway's versioned naming"));
            QVERIFY2(!m.captured(2).contains("__"), qPrintable(name));
            QList<int> version;
            for (const QString &part : m.captured(1).split(QRegularExpression("[._]")))
                version << part.toInt();
            QCOMPARE(version.first(), 57 + k); // --flyway-start 58: r1 is V58, r2 V59, ...
            versions << version;
            const QString conf = folder + '/' + path + ".conf";
            if (f.value("transactional").toBool()) {
                QVERIFY2(!QFileInfo::exists(conf), qPrintable(conf));
            } else {
                ++outside;
                QCOMPARE(readText(conf), QString("executeInTransaction=false\n"));
                QVERIFY(readText(folder + "/RUNBOOK.md").contains(path));
            }
        }
    }
    QVERIFY(outside > 0); // the backfills and CONCURRENTLY index builds
    // Unique and in running order when compared as Flyway compares versions.
    QList<QList<int>> sorted = versions;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, versions);
    QVERIFY(std::adjacent_find(sorted.cbegin(), sorted.cend()) == sorted.cend());

    // A bad start is refused by name, nothing written.
    cli.start(TIDELINE_CLI, {"export", TIDELINE_TEST_DATA "/sql-every-kind.tideline.json", "--release", "r1",
                             "--layout", "flyway", "--flyway-start", "V58", "--out", work.filePath("bad")});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains("--flyway-start: 'V58'"));
    QVERIFY(!QFileInfo::exists(work.filePath("bad")));
}

void TestRunners::manifestAndRunbookNameTheLayoutsFiles_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("tool");
    QTest::newRow("folders") << "folders" << "psql";
    QTest::newRow("flyway") << "flyway" << "flyway";
    QTest::newRow("liquibase") << "liquibase" << "liquibase update";
    QTest::newRow("sqitch") << "sqitch" << "sqitch deploy";
}

void TestRunners::manifestAndRunbookNameTheLayoutsFiles()
{
    QFETCH(QString, layout);
    QFETCH(QString, tool);
    LoadedPlan loaded;
    QString error;
    QVERIFY2(loadPlan("sql-every-kind", &loaded, &error), qPrintable(error));
    Bundle bundle;
    QVERIFY2(Bundle::build(*loaded.engine, "r1", *Dialect::forName("postgresql"), &bundle, &error), qPrintable(error));
    QTemporaryDir work;
    const QString folder = work.filePath(layout);
    QVERIFY2(BundleWriter::write(bundle, 1, layout, folder, false, &error), qPrintable(error));
    const QJsonObject manifest = manifestOf(folder);
    QCOMPARE(manifest.value("layout").toString(), layout);
    const QString runbook = readText(folder + "/RUNBOOK.md");
    QVERIFY(runbook.contains("tideline-cli apply"));
    for (const QJsonValue &v : manifest.value("files").toArray()) {
        const QJsonObject f = v.toObject();
        const QString path = f.value("path").toString();
        QVERIFY2(QFileInfo::exists(folder + '/' + path), qPrintable(path + " is named but not written"));
        QVERIFY2(runbook.contains(path), qPrintable(path + " is not in RUNBOOK.md"));
        QVERIFY2(f.value("command").toString().contains(tool), qPrintable(f.value("command").toString()));
        QVERIFY2(runbook.contains(f.value("command").toString()), qPrintable(f.value("command").toString()));
        if (layout != "folders") // no folders-layout path that this layout does not have
            QVERIFY2(!runbook.contains('`' + f.value("script").toString() + '`'), qPrintable(f.value("script").toString()));
    }
    QVERIFY(runbook.contains("Outside a transaction"));
    // --force accepts the folder as ours again (the manifest names what the layout wrote).
    QVERIFY2(BundleWriter::write(bundle, 1, layout, folder, true, &error), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRunners)
#include "tst_runners.moc"
