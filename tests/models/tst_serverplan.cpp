// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Issue 16: plans on a shared PostgreSQL server (TIDELINE_TEST_PG_DSN, the throwaway server of
// ./test.sh). Every verdict is read back from the server's own tables or through the real CLI
// and the sqlite3 tool, never from the object that wrote it. Each run works in a storage schema
// of its own (t16_…), dropped at the end with the roles it made. The test's main() also serves
// as the helper process that edits a plan through a Document (--edit-loop, --edit-one).
#include "../serverfixture.h"
#include "testplans.h"

#include <document/document.h>
#include <document/planedits.h>
#include <engine/shipped.h>
#include <io/planfile.h>
#include <io/planjson.h>
#include <sql/connection.h>
#include <storage/serverplan.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUndoStack>

#include <atomic>
#include <thread>

using namespace Tideline;
using namespace Qt::StringLiterals;

namespace {

Release release(const QString &id)
{
    return Release{id, id, {}, Release::Status::Planned, false, {}};
}

QString examplePath(const QString &name)
{
    return QStringLiteral(TIDELINE_EXAMPLES "/") + name;
}

Plan example(const QString &name = u"customer-full-name.tideline.json"_s)
{
    Plan plan;
    QList<PlanError> errors;
    PlanFile::load(examplePath(name), &plan, &errors);
    return plan;
}

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

Run cli(const QStringList &args)
{
    return run(QStringLiteral(TIDELINE_CLI), args);
}

/**
 * A TCP relay in front of the test server that can turn into a black hole: frozen, it cuts the
 * connections it relays and takes new ones without ever answering, as a host that drops
 * packets does — a connect to it waits for libpq's connect_timeout. It runs in a thread of its
 * own, so that it relays while the test's thread waits in a blocking connect.
 */
class BlackHole : public QObject
{
public:
    explicit BlackHole(quint16 target)
        : m_target(target)
    {
        m_thread.start();
        moveToThread(&m_thread);
        inThread([this] { listen(); });
    }
    ~BlackHole() override
    {
        inThread([this] { qDeleteAll(children()); });
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    void freeze()
    {
        inThread([this] {
            m_frozen = true;
            for (QTcpSocket *socket : std::as_const(m_held))
                socket->abort();
        });
    }
    /** The connections it relays stay open but nothing more goes through them, either way,
     *  as with a server that stopped answering (its kernel still acknowledges); new ones are
     *  held unanswered. */
    void hang()
    {
        inThread([this] {
            m_frozen = true;
            for (QTcpSocket *socket : std::as_const(m_held))
                socket->setProperty("hung", true);
        });
    }
    void thaw()
    {
        inThread([this] { m_frozen = false; });
    }

private:
    void inThread(const std::function<void()> &work)
    {
        QMetaObject::invokeMethod(this, work, Qt::BlockingQueuedConnection);
    }
    void listen()
    {
        auto *server = new QTcpServer(this);
        server->listen(QHostAddress::LocalHost);
        m_port = server->serverPort();
        connect(server, &QTcpServer::newConnection, this, [this, server] {
            while (QTcpSocket *in = server->nextPendingConnection()) {
                in->setParent(this);
                m_held << in;
                if (m_frozen)
                    continue; // held open, never answered
                auto *out = new QTcpSocket(in);
                connect(in, &QTcpSocket::readyRead, out, [in, out] {
                    if (!in->property("hung").toBool())
                        out->write(in->readAll());
                });
                connect(out, &QTcpSocket::readyRead, in, [in, out] {
                    if (!in->property("hung").toBool())
                        in->write(out->readAll());
                });
                connect(in, &QTcpSocket::disconnected, out, &QTcpSocket::abort);
                connect(out, &QTcpSocket::disconnected, in, &QTcpSocket::abort);
                out->connectToHost(QHostAddress::LocalHost, m_target);
            }
        });
    }

    QThread m_thread;
    quint16 m_target;
    quint16 m_port = 0;
    bool m_frozen = false; // the thread's own, like m_held
    QList<QTcpSocket *> m_held;
};

} // namespace

class tst_ServerPlan : public QObject, private Tests::ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void badLocationsNamed();
    void fileServerFileLossless();
    void plansAndLog();
    void staleEditRefused();
    void readAtRevision();
    void concurrentDocuments();
    void undoOverAnothersEdit();
    void killedMidEdit();
    void rolesEnforcedByServer();
    void rolesCannotBeBypassed();
    void serverKeepsItsOwnChangeLog();
    void shippedHistoryKeptByServer();
    void editInsideSavepoint();
    void upgradeByNonOwnerNamesTheOwner();
    void upgradeLeavesTheOwnerOwning();
    void refusedEditWhoseUndoFails();
    void version2RolesMigratedForward();
    void offlineReadOnlyThenBack();
    void unreachableHostNeverBlocksTheThread();
    void deadServerEndsTheEditWithinTheBound();
    void migratesOlderStorage();
    void olderBaselineRecordsRead();
    void newerStorageRefused();
    void viewerReadsTheLogAfterTheUpgrade();
    void upgradeMessageKeepsSecrets();
    void deployHistoryKeptByServer();
    void upgradeBySuperuserRunsAsTheOwner();
    void changeLogFollowsTheTransaction();
    void editWaitingOnALockEndsAsALockWait();

private:
    QStringList releaseIds(const QString &plan, const QString &schema = {})
    {
        const QString s = schema.isEmpty() ? m_schema : schema;
        return column(u"SELECT r.id FROM %1.releases r JOIN %1.plans p USING (plan_id) "
                      u"WHERE p.name = ? ORDER BY r.position"_s.arg(s), {plan});
    }
    qint64 serverRevision(const QString &plan)
    {
        return scalar(u"SELECT revision FROM %1.plans WHERE name = ?"_s.arg(m_schema), {plan}).toLongLong();
    }
    /** A login role of the test (dropped at the end), member of @p grant. */
    QString addPerson(const QString &name, const QString &grant)
    {
        const QString person = m_schema + u'_' + name;
        if (!execAdmin(u"CREATE ROLE %1 LOGIN"_s.arg(person)) || !execAdmin(u"GRANT %1 TO %2"_s.arg(grant, person)))
            return {};
        m_roles.prepend(person);
        return person;
    }
    /** The roles as `tideline-cli server-setup` makes them, run as the DBA would. */
    bool setUpRoles()
    {
        const Run setup = cli({u"server-setup"_s, u"--schema"_s, m_schema});
        if (setup.code != 0 || !execAdmin(setup.out))
            return false;
        for (const QString &role : {u"_release_manager"_s, u"_planner"_s, u"_viewer"_s}) {
            if (!m_roles.contains(m_schema + role))
                m_roles << m_schema + role;
        }
        return true;
    }
    /** The example plan as @p plan, the roles set up, and a planner @p name: its login, empty
     *  when any of it failed. */
    QString exampleWithPlanner(const QString &plan, const QString &name)
    {
        if (cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), location(plan)}).code != 0
            || !setUpRoles())
            return {};
        return addPerson(name, m_schema + u"_planner"_s);
    }
    /** SQL for the id of plan @p plan. */
    QString planId(const QString &plan) const
    {
        return u"(SELECT plan_id FROM %1.plans WHERE name = '%2')"_s.arg(m_schema, plan);
    }
    /** @p loc as login @p person. */
    static QString as(const QString &person, QString loc)
    {
        return loc.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + person + u'@');
    }
    /** An edit by hand, as any client may make one: the revision of plan @p plan moves on by
     *  one, with its history entry, whose description @p what names no change. */
    QStringList edit(const QString &plan, const QString &what) const
    {
        return {u"UPDATE %1.plans SET revision = revision + 1 WHERE name = '%2'"_s.arg(m_schema, plan),
                u"INSERT INTO %1.revisions (plan_id, revision, what, changes) SELECT plan_id, revision, "
                u"'%3', '{}' FROM %1.plans WHERE name = '%2'"_s.arg(m_schema, plan, what)};
    }
    /** Runs @p statements in one transaction as login @p person on a connection of its own,
     *  straight SQL as any client could send it; what the server refused (empty: committed). */
    QString asPerson(const QString &person, const QStringList &statements)
    {
        QString dsn = m_dsn;
        dsn.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + person + u'@');
        Connection connection;
        QString error;
        if (!connection.open(dsn, &error))
            return u"cannot connect: "_s + error;
        QSqlQuery query(connection.database());
        for (const QString &sql : QStringList{u"BEGIN"_s} + statements + QStringList{u"COMMIT"_s}) {
            if (!query.exec(sql)) {
                const QString refused = query.lastError().databaseText().trimmed();
                if (sql != u"COMMIT"_s) // a failed COMMIT has ended the transaction already
                    QSqlQuery(connection.database()).exec(u"ROLLBACK"_s);
                return refused.isEmpty() ? query.lastError().text() : refused;
            }
        }
        return {};
    }

    QTemporaryDir m_dir;
};

void tst_ServerPlan::initTestCase()
{
    QString skip;
    if (!startServer(u"t16"_s, &skip))
        QSKIP(qPrintable(skip));
    QVERIFY(m_dir.isValid());
}

void tst_ServerPlan::cleanupTestCase()
{
    stopServer();
}

void tst_ServerPlan::badLocationsNamed()
{
    // A password in the location is never printed, whatever goes wrong.
    const Run closed = cli({u"validate"_s, u"postgresql://postgres:s3cretpw@127.0.0.1:1/x?plan=a"_s});
    QCOMPARE(closed.code, 2);
    QVERIFY2(!closed.err.contains(u"s3cretpw"_s), qPrintable(closed.err));
    QVERIFY2(closed.err.contains(u"127.0.0.1"_s), qPrintable(closed.err));

    const Run badSchema = cli({u"validate"_s, m_dsn + u"?plan=a&schema=Bad-Name"_s});
    QCOMPARE(badSchema.code, 2);
    QVERIFY2(badSchema.err.contains(u"schema=Bad-Name"_s), qPrintable(badSchema.err));

    const Run missing = cli({u"validate"_s, location(u"no-such-plan"_s)});
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains(u"no plan \"no-such-plan\""_s), qPrintable(missing.err));
}

void tst_ServerPlan::fileServerFileLossless()
{
    for (const QString &name : {u"customer-full-name"_s, u"posts-authors"_s}) {
        const QString a = m_dir.filePath(name + u"-a.tideline"_s);
        const QString b = m_dir.filePath(name + u"-b.tideline"_s);
        const QString json = m_dir.filePath(name + u"-c.tideline.json"_s);
        const QString jsonBack = m_dir.filePath(name + u"-d.tideline.json"_s);
        const QString server = location(name);
        QCOMPARE(cli({u"convert"_s, examplePath(name + u".tideline.json"_s), a}).code, 0);
        const Run up = cli({u"convert"_s, a, server});
        QVERIFY2(up.code == 0, qPrintable(up.err));
        const Run down = cli({u"convert"_s, server, b});
        QVERIFY2(down.code == 0, qPrintable(down.err));
        // The file that came back through the server is the same database, row for row.
        const Run dumpA = run(u"sqlite3"_s, {a, u".dump"_s});
        const Run dumpB = run(u"sqlite3"_s, {b, u".dump"_s});
        QCOMPARE(dumpA.code, 0);
        QVERIFY(dumpA.out.contains(u"INSERT INTO refactorings"_s));
        QCOMPARE(dumpB.out, dumpA.out);
        // And as JSON: server → JSON is the file → JSON.
        QCOMPARE(cli({u"convert"_s, server, json}).code, 0);
        QCOMPARE(cli({u"convert"_s, a, jsonBack}).code, 0);
        QFile fj(json), fb(jsonBack);
        QVERIFY(fj.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QCOMPARE(fj.readAll(), fb.readAll());
        // The rows are on the server, in the storage schema, under the plan's id.
        const int refactorings = scalar(u"SELECT count(*) FROM %1.refactorings r JOIN %1.plans p "
                                        u"USING (plan_id) WHERE p.name = ?"_s.arg(m_schema), {name}).toInt();
        QCOMPARE(refactorings, int(example(name + u".tideline.json"_s).refactorings.size()));
    }
    // An existing plan is replaced only with --force.
    const Run again = cli({u"convert"_s, examplePath(u"posts-authors.tideline.json"_s), location(u"customer-full-name"_s)});
    QCOMPARE(again.code, 2);
    QVERIFY2(again.err.contains(u"--force"_s), qPrintable(again.err));
    QCOMPARE(serverRevision(u"customer-full-name"_s), 1);
}

void tst_ServerPlan::plansAndLog()
{
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), location(u"listed"_s)}).code, 0);
    const Run plans = cli({u"plans"_s, m_dsn + u"?schema="_s + m_schema});
    QCOMPARE(plans.code, 0);
    QVERIFY2(plans.out.contains(u"listed\trevision 1\n"_s), qPrintable(plans.out));
    const Run log = cli({u"log"_s, location(u"listed"_s)});
    QCOMPARE(log.code, 0);
    const QStringList lines = log.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QString who = scalar(u"SELECT current_user"_s).toString();
    QVERIFY2(lines.first().startsWith(u"1\t"_s) && lines.first().contains(u'\t' + who + u'\t'),
             qPrintable(log.out));
    // Below it, what the server itself recorded: the whole plan's rows, by the same login.
    QVERIFY2(lines.at(1).startsWith(u"\tserver: rows changed: "_s) && lines.at(1).contains(u"releases 4"_s)
                 && lines.at(1).endsWith(u"; by "_s + who), qPrintable(log.out));
}

void tst_ServerPlan::staleEditRefused()
{
    const QString loc = location(u"stale"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    ServerPlan alice, bob;
    Plan a, b;
    QString error;
    QVERIFY2(alice.open(loc, &error) && alice.load(&a, &error), qPrintable(error));
    QVERIFY2(bob.open(loc, &error) && bob.load(&b, &error), qPrintable(error));
    a.releases.append(release(u"from-alice"_s));
    QVERIFY2(alice.commit(a, u"Add release from-alice"_s, &error), qPrintable(error));
    b.releases.append(release(u"from-bob"_s));
    QVERIFY(!bob.commit(b, u"Add release from-bob"_s, &error));
    // Bob is told what Alice changed, and nothing of his is on the server.
    QVERIFY2(error.contains(u"revision 2 by"_s) && error.contains(u"Add release from-alice"_s), qPrintable(error));
    QVERIFY2(error.contains(u"reload"_s), qPrintable(error));
    QVERIFY(releaseIds(u"stale"_s).contains(u"from-alice"_s));
    QVERIFY(!releaseIds(u"stale"_s).contains(u"from-bob"_s));
    QCOMPARE(serverRevision(u"stale"_s), 2);
    // After a reload his edit goes through on top of hers.
    QVERIFY2(bob.load(&b, &error), qPrintable(error));
    b.releases.append(release(u"from-bob"_s));
    QVERIFY2(bob.commit(b, u"Add release from-bob"_s, &error), qPrintable(error));
    QCOMPARE(releaseIds(u"stale"_s).mid(releaseIds(u"stale"_s).size() - 2),
             QStringList({u"from-alice"_s, u"from-bob"_s}));
}

void tst_ServerPlan::readAtRevision()
{
    const QString loc = location(u"revisions"_s);
    const Plan first = example();
    ServerPlan server;
    QString error;
    QVERIFY2(server.open(loc, &error) && server.replace(first, u"first"_s, &error), qPrintable(error));
    Plan second = first;
    second.releases.append(release(u"r9"_s));
    QVERIFY2(server.commit(second, u"Add release r9"_s, &error), qPrintable(error));
    Plan third = second;
    third.refactorings.removeLast();
    third.name = u"renamed"_s;
    QVERIFY2(server.commit(third, u"Delete and rename"_s, &error), qPrintable(error));

    // Each revision read back (by a fresh reader) is the plan as it was then.
    const QList<Plan> expected{first, second, third};
    for (int revision = 1; revision <= 3; ++revision) {
        ServerPlan reader;
        Plan plan;
        QVERIFY2(reader.open(loc + u"&revision="_s + QString::number(revision), &error)
                     && reader.load(&plan, &error), qPrintable(error));
        QCOMPARE(PlanJson::write(plan), PlanJson::write(expected.at(revision - 1)));
    }
    // Through the CLI too, and a revision that never was is named.
    const Run old = cli({u"validate"_s, loc, u"--revision"_s, u"1"_s});
    QVERIFY2(old.code == 0 && old.out.contains(u"\"Customer full name\""_s), qPrintable(old.out + old.err));
    const Run none = cli({u"validate"_s, loc, u"--revision"_s, u"7"_s});
    QCOMPARE(none.code, 2);
    QVERIFY2(none.err.contains(u"no revision 7"_s), qPrintable(none.err));
    // A document on an old revision is read-only.
    Document document;
    QList<PlanError> errors;
    QVERIFY(document.open(loc + u"&revision=1"_s, &errors));
    QVERIFY(!document.insertRelease(int(document.plan().releases.size()), release(u"late"_s), &error));
    QVERIFY2(error.contains(u"read-only"_s), qPrintable(error));
    QCOMPARE(serverRevision(u"revisions"_s), 3);
}

void tst_ServerPlan::concurrentDocuments()
{
    const QString loc = location(u"together"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    const qint64 start = serverRevision(u"together"_s);
    const int edits = 12;
    QProcess one, two;
    const QString self = QCoreApplication::applicationFilePath();
    one.start(self, {u"--edit-loop"_s, loc, u"one"_s, QString::number(edits)});
    two.start(self, {u"--edit-loop"_s, loc, u"two"_s, QString::number(edits)});
    QVERIFY(one.waitForFinished(180000) && two.waitForFinished(180000));
    QCOMPARE(one.exitCode(), 0);
    QCOMPARE(two.exitCode(), 0);
    QStringList accepted;
    int refused = 0;
    for (QProcess *process : {&one, &two}) {
        const QString output = QString::fromUtf8(process->readAllStandardOutput());
        for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
            if (line.startsWith(u"accepted "_s)) {
                accepted << line.mid(9);
            } else {
                // Every refusal said why: the plan moved on, and by which edit.
                QVERIFY2(line.startsWith(u"refused "_s), qPrintable(line));
                QVERIFY2(line.contains(u"changed on the server since revision"_s)
                             && line.contains(u"Add release "_s), qPrintable(line));
                ++refused;
            }
        }
    }
    QCOMPARE(accepted.size(), 2 * edits); // each retried until it went through
    const QStringList onServer = releaseIds(u"together"_s);
    for (const QString &id : std::as_const(accepted))
        QVERIFY2(onServer.count(id) == 1, qPrintable(id));
    // No lost update and nothing extra: one revision per accepted edit.
    QCOMPARE(serverRevision(u"together"_s), start + accepted.size());
    QCOMPARE(scalar(u"SELECT count(*) FROM %1.revisions r JOIN %1.plans p USING (plan_id) WHERE p.name = ?"_s
                        .arg(m_schema), {u"together"_s}).toLongLong(), start + accepted.size());
    qInfo("%d edits accepted, %d refused as stale and retried", int(accepted.size()), refused);
}

void tst_ServerPlan::undoOverAnothersEdit()
{
    const QString loc = location(u"undo"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    Document mine;
    QList<PlanError> errors;
    QString error;
    QVERIFY(mine.open(loc, &errors));
    QVERIFY(mine.isOnServer());
    QVERIFY2(mine.insertRelease(int(mine.plan().releases.size()), release(u"mine"_s), &error), qPrintable(error));
    // Undo and redo of one's own edit go to the server.
    mine.undoStack()->undo();
    QVERIFY(!releaseIds(u"undo"_s).contains(u"mine"_s));
    mine.undoStack()->redo();
    QVERIFY(releaseIds(u"undo"_s).contains(u"mine"_s));

    // Someone else edits; my window hears of it and shows it.
    ServerPlan theirs;
    Plan plan;
    QVERIFY2(theirs.open(loc, &error) && theirs.load(&plan, &error), qPrintable(error));
    plan.releases.append(release(u"theirs"_s));
    QSignalSpy told(&mine, &Document::serverEdited);
    QVERIFY2(theirs.commit(plan, u"Add release theirs"_s, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 10000);
    QCOMPARE(told.first().at(2).toString(), u"Add release theirs"_s);
    QVERIFY(mine.plan().releaseIndex(u"theirs"_s) >= 0);

    // My undo would take their edit away with mine: refused, and the server keeps both.
    QSignalSpy refusedSpy(&mine, &Document::editRefused);
    mine.undoStack()->undo();
    QCOMPARE(refusedSpy.size(), 1);
    QVERIFY2(refusedSpy.first().first().toString().contains(u"Add release theirs"_s),
             qPrintable(refusedSpy.first().first().toString()));
    // In an undo's words: nothing about making "the edit" again.
    QVERIFY2(refusedSpy.first().first().toString().contains(u"an undo never takes back"_s)
                 && !refusedSpy.first().first().toString().contains(u"make the edit again"_s),
             qPrintable(refusedSpy.first().first().toString()));
    QVERIFY(releaseIds(u"undo"_s).contains(u"mine"_s));
    QVERIFY(releaseIds(u"undo"_s).contains(u"theirs"_s));
    QVERIFY(mine.plan().releaseIndex(u"mine"_s) >= 0);
    // New edits on top of theirs go through.
    QVERIFY2(mine.insertRelease(int(mine.plan().releases.size()), release(u"after"_s), &error), qPrintable(error));
    QCOMPARE(releaseIds(u"undo"_s).last(), u"after"_s);
}

void tst_ServerPlan::killedMidEdit()
{
    const QString loc = location(u"killed"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    const qint64 before = serverRevision(u"killed"_s);
    const QStringList releasesBefore = releaseIds(u"killed"_s);

    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {u"--edit-one"_s, loc, u"doomed"_s});
    QVERIFY(child.waitForReadyRead(60000));
    const QString first = QString::fromUtf8(child.readLine()).trimmed();
    QVERIFY2(first.startsWith(u"pid "_s), qPrintable(first));
    const qint64 pid = first.mid(4).toLongLong();

    // Hold the plan's revision row, so that the child's edit stops inside its transaction.
    Connection blocker, watcher;
    QString error;
    QVERIFY2(blocker.open(m_dsn, &error) && watcher.open(m_dsn, &error), qPrintable(error));
    QVERIFY(blocker.database().transaction());
    QSqlQuery hold(blocker.database());
    QVERIFY(hold.exec(u"SELECT revision FROM %1.plans WHERE name = 'killed' FOR UPDATE"_s.arg(m_schema)) && hold.next());
    child.write("go\n");
    // Another connection sees it waiting for that lock, mid-edit ...
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        QSqlQuery q(watcher.database());
        q.prepare(u"SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?"_s);
        q.addBindValue(pid);
        return q.exec() && q.next() && q.value(0).toString() == u"Lock"_s;
    }(), 30000);
    // ... and ends its connection there.
    QSqlQuery terminate(watcher.database());
    terminate.prepare(u"SELECT pg_terminate_backend(?)"_s);
    terminate.addBindValue(pid);
    QVERIFY(terminate.exec());
    hold.finish();
    QVERIFY(blocker.database().rollback());

    QVERIFY(child.waitForFinished(60000));
    const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    // The edit was refused, not half made: same revision, same releases, no revision row.
    QVERIFY2(lines.at(0).startsWith(u"refused "_s), qPrintable(lines.join(u'\n')));
    // The same document then connects again by itself and its retry lands once.
    QVERIFY2(lines.at(1).startsWith(u"accepted "_s), qPrintable(lines.join(u'\n')));
    QCOMPARE(serverRevision(u"killed"_s), before + 1);
    QCOMPARE(releaseIds(u"killed"_s), releasesBefore + QStringList{u"doomed"_s});
    QCOMPARE(scalar(u"SELECT max(r.revision) FROM %1.revisions r JOIN %1.plans p USING (plan_id) WHERE p.name = ?"_s
                        .arg(m_schema), {u"killed"_s}).toLongLong(), before + 1);
}

void tst_ServerPlan::rolesEnforcedByServer()
{
    const QString loc = location(u"roles"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    // The SQL a DBA runs, as tideline-cli prints it.
    const Run setup = cli({u"server-setup"_s, u"--schema"_s, m_schema});
    QCOMPARE(setup.code, 0);
    QVERIFY(execAdmin(setup.out));
    m_roles << m_schema + u"_release_manager"_s << m_schema + u"_planner"_s << m_schema + u"_viewer"_s;
    const QStringList people{m_schema + u"_vic"_s, m_schema + u"_pat"_s, m_schema + u"_rita"_s};
    const QStringList grants{u"_viewer"_s, u"_planner"_s, u"_release_manager"_s};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(execAdmin(u"CREATE ROLE %1 LOGIN"_s.arg(people.at(i))));
        QVERIFY(execAdmin(u"GRANT %1%2 TO %3"_s.arg(m_schema, grants.at(i), people.at(i))));
        m_roles.prepend(people.at(i));
    }
    const auto as = [&](const QString &person) {
        QString l = loc;
        return l.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + person + u'@');
    };
    QVERIFY2(as(people.at(0)) != loc, qPrintable(loc));
    const QStringList start = releaseIds(u"roles"_s);
    QList<PlanError> errors;
    QString error;

    // A viewer reads the plan, and the server refuses the viewer's edit.
    Document viewer;
    QVERIFY2(viewer.open(as(people.at(0)), &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(!viewer.insertRelease(int(viewer.plan().releases.size()), release(u"by-viewer"_s), &error));
    QVERIFY2(error.contains(u"permission denied"_s), qPrintable(error));
    QCOMPARE(releaseIds(u"roles"_s), start);

    // A planner edits, but marking a release deployed is the release manager's.
    Document planner;
    QVERIFY2(planner.open(as(people.at(1)), &errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(planner.replaceRelease(u"r2"_s, [&] { Release r = planner.plan().releases.at(1); r.label = u"by planner"_s; return r; }(), &error),
             qPrintable(error));
    QCOMPARE(scalar(u"SELECT label FROM %1.releases WHERE id = 'r2' AND plan_id = (SELECT plan_id FROM %1.plans WHERE name = 'roles')"_s.arg(m_schema)).toString(),
             u"by planner"_s);
    QVERIFY(!planner.markDeployed(u"r2"_s, &error));
    QVERIFY2(error.contains(u"only a release manager"_s), qPrintable(error));
    QCOMPARE(scalar(u"SELECT status FROM %1.releases WHERE id = 'r2' AND plan_id = (SELECT plan_id FROM %1.plans WHERE name = 'roles')"_s.arg(m_schema)).toString(),
             u"planned"_s);
    // A planner may still edit a deployed release's label (its row goes and comes back deployed).
    QVERIFY2(planner.replaceRelease(u"r1"_s, [&] { Release r = planner.plan().releases.at(0); r.label = u"2026.12 (shipped)"_s; return r; }(), &error),
             qPrintable(error));

    Document manager;
    QVERIFY2(manager.open(as(people.at(2)), &errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(manager.markDeployed(u"r2"_s, &error), qPrintable(error));
    QCOMPARE(scalar(u"SELECT status FROM %1.releases WHERE id = 'r2' AND plan_id = (SELECT plan_id FROM %1.plans WHERE name = 'roles')"_s.arg(m_schema)).toString(),
             u"deployed"_s);
    // The deploy history names the PostgreSQL role that marked it, not this machine's login.
    const QString deployedBy = scalar(u"SELECT json FROM %1.history WHERE plan_id = (SELECT plan_id FROM %1.plans "
                                      u"WHERE name = 'roles') ORDER BY position DESC LIMIT 1"_s.arg(m_schema)).toString();
    QVERIFY2(deployedBy.contains(u'"' + people.at(2) + u'"'), qPrintable(deployedBy));
    // Re-opening it is refused to the planner too (after reading the manager's edit).
    QVERIFY2(planner.reloadFromServer(&error), qPrintable(error));
    QVERIFY(!planner.reopenRelease(u"r2"_s, u"by mistake"_s, &error));
    QVERIFY2(error.contains(u"only a release manager"_s), qPrintable(error));
    QCOMPARE(scalar(u"SELECT status FROM %1.releases WHERE id = 'r2' AND plan_id = (SELECT plan_id FROM %1.plans WHERE name = 'roles')"_s.arg(m_schema)).toString(),
             u"deployed"_s);
    const Run log = cli({u"log"_s, loc});
    QVERIFY2(log.out.contains(u'\t' + people.at(1) + u"\tEdit release r2"_s)
                 && log.out.contains(u'\t' + people.at(2) + u"\tMark r2 deployed"_s), qPrintable(log.out));
}

void tst_ServerPlan::rolesCannotBeBypassed()
{
    // Straight SQL, as any client could send it: the server alone stands between a role and
    // what it may not do. Every refusal is the server's, every outcome read back as the owner.
    const QString loc = location(u"bypass"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    QVERIFY(setUpRoles());
    const QString planner = addPerson(u"mallory"_s, m_schema + u"_planner"_s);
    const QString viewer = addPerson(u"val"_s, m_schema + u"_viewer"_s);
    const QString manager = addPerson(u"rhea"_s, m_schema + u"_release_manager"_s);
    QVERIFY(!planner.isEmpty() && !viewer.isEmpty() && !manager.isEmpty());
    const QString s = m_schema;
    const QString plan = u"(SELECT plan_id FROM %1.plans WHERE name = 'bypass')"_s.arg(s);
    const auto status = [&](const QString &release) {
        return scalar(u"SELECT status FROM %1.releases WHERE plan_id = %2 AND id = ?"_s.arg(s, plan), {release}).toString();
    };
    const auto label = [&](const QString &release) {
        return scalar(u"SELECT label FROM %1.releases WHERE plan_id = %2 AND id = ?"_s.arg(s, plan), {release}).toString();
    };
    const auto history = [&] {
        return column(u"SELECT revision || ' ' || who || ' ' || what FROM %1.revisions WHERE plan_id = %2 "
                      u"ORDER BY revision"_s.arg(s, plan));
    };
    // The edit path by hand: the revision moves on by one, with its history entry.
    const auto edit = [&](const QString &what) {
        return QStringList{u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'bypass'"_s.arg(s),
                           u"INSERT INTO %1.revisions (plan_id, revision, what, changes) SELECT plan_id, revision, "
                           u"'%2', '{}' FROM %1.plans WHERE name = 'bypass'"_s.arg(s, what)};
    };
    const qint64 start = serverRevision(u"bypass"_s);
    const QStringList logged = history();
    const QString label2 = label(u"r2"_s);
    QCOMPARE(status(u"r2"_s), u"planned"_s);
    QCOMPARE(status(u"r3"_s), u"planned"_s);
    QString refused;

    // A planner who sets the setting version 2 trusted, then takes r2 out and puts it back
    // deployed, in a proper edit: refused.
    refused = asPerson(planner, edit(u"forged deploy"_s) + QStringList{
        u"SELECT set_config('tideline.deployed_out', '|' || %1 || ':r2|', true)"_s.arg(plan),
        u"WITH gone AS (DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r2' RETURNING *) "
        u"INSERT INTO %1.releases SELECT plan_id, \"position\", id, label, \"date\", 'deployed', shipped_json FROM gone"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"only a release manager"_s), qPrintable(refused));
    // Nor by changing the row in place.
    refused = asPerson(planner, edit(u"deploy"_s) + QStringList{
        u"UPDATE %1.releases SET status = 'deployed' WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"only a release manager"_s), qPrintable(refused));
    QCOMPARE(status(u"r2"_s), u"planned"_s);

    // History: a planner cannot write who, cannot add an entry no edit made, and cannot
    // change or remove one.
    refused = asPerson(planner, {u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'bypass'"_s.arg(s),
                                 u"INSERT INTO %1.revisions (plan_id, revision, who, what, changes) SELECT plan_id, "
                                 u"revision, '%2', 'not me', '{}' FROM %1.plans WHERE name = 'bypass'"_s.arg(s, manager)});
    QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(refused));
    refused = asPerson(planner, {u"INSERT INTO %1.revisions (plan_id, revision, what, changes) "
                                 u"SELECT plan_id, revision + 1, 'ahead of time', '{}' FROM %1.plans WHERE name = 'bypass'"_s.arg(s)});
    QVERIFY2(refused.contains(u"history is recorded by edits only"_s), qPrintable(refused));
    refused = asPerson(planner, {u"UPDATE %1.revisions SET what = 'rewritten' WHERE plan_id = %2"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(refused));
    refused = asPerson(planner, {u"DELETE FROM %1.revisions WHERE plan_id = %2"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(refused));

    // The revision: not moved by more than one, not without its history entry, not by
    // changing the plan's rows outside an edit.
    refused = asPerson(planner, {u"UPDATE %1.plans SET revision = revision + 5 WHERE name = 'bypass'"_s.arg(s)});
    QVERIFY2(refused.contains(u"moves on only by an edit"_s), qPrintable(refused));
    refused = asPerson(planner, {u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'bypass'"_s.arg(s)});
    QVERIFY2(refused.contains(u"has no history entry"_s), qPrintable(refused));
    refused = asPerson(planner, {u"UPDATE %1.releases SET label = 'unrecorded' WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"a plan changes only by an edit"_s), qPrintable(refused));
    QCOMPARE(label(u"r2"_s), label2);
    QCOMPARE(serverRevision(u"bypass"_s), start);
    QCOMPARE(history(), logged);

    // The viewer writes nothing at all.
    for (const QString &sql : {u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'bypass'"_s.arg(s),
                               u"INSERT INTO %1.plans (name) VALUES ('by-viewer')"_s.arg(s),
                               u"INSERT INTO %1.revisions (plan_id, revision, what, changes) SELECT plan_id, revision, "
                               u"'x', '{}' FROM %1.plans WHERE name = 'bypass'"_s.arg(s),
                               u"UPDATE %1.releases SET label = 'by viewer' WHERE plan_id = %2"_s.arg(s, plan),
                               u"DELETE FROM %1.releases WHERE plan_id = %2"_s.arg(s, plan)}) {
        refused = asPerson(viewer, {sql});
        QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(sql + u": "_s + refused));
    }
    QCOMPARE(serverRevision(u"bypass"_s), start);
    QCOMPARE(history(), logged);
    QCOMPARE(label(u"r2"_s), label2);

    // Through the edit path the planner's change goes in, recorded as the planner's.
    refused = asPerson(planner, edit(u"Relabel r2 by hand"_s) + QStringList{
        u"UPDATE %1.releases SET label = 'by hand' WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(label(u"r2"_s), u"by hand"_s);
    // The owner of the storage cannot write who or when either, nor change the history.
    refused = asPerson(u"postgres"_s, {u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'bypass'"_s.arg(s),
                                       u"INSERT INTO %1.revisions (plan_id, revision, who, at, what, changes) SELECT plan_id, "
                                       u"revision, '%2', '2001-01-01', 'owner says rhea', '{}' FROM %1.plans WHERE name = 'bypass'"_s.arg(s, manager)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    refused = asPerson(u"postgres"_s, {u"UPDATE %1.revisions SET who = 'nobody' WHERE plan_id = %2"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"history of a plan is never changed"_s), qPrintable(refused));
    refused = asPerson(u"postgres"_s, {u"TRUNCATE %1.revisions"_s.arg(s)});
    QVERIFY2(refused.contains(u"no TRUNCATE"_s), qPrintable(refused));
    QVERIFY(scalar(u"SELECT min(at) > now() - interval '1 hour' FROM %1.revisions WHERE plan_id = %2 AND revision > %3"_s
                       .arg(s, plan, QString::number(start))).toBool());
    // The release manager marks r3 deployed.
    refused = asPerson(manager, edit(u"Mark r3 deployed by hand"_s) + QStringList{
        u"UPDATE %1.releases SET status = 'deployed' WHERE plan_id = %2 AND id = 'r3'"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(status(u"r3"_s), u"deployed"_s);
    // ... and a planner may still take a deployed release's row out and put it back unchanged
    // in status (what the edit API does to change its label), but not leave it out.
    refused = asPerson(planner, edit(u"Relabel r3"_s) + QStringList{
        u"WITH gone AS (DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r3' RETURNING *) "
        u"INSERT INTO %1.releases SELECT plan_id, \"position\", id, 'r3 shipped', \"date\", status, shipped_json FROM gone"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(label(u"r3"_s), u"r3 shipped"_s);
    refused = asPerson(planner, edit(u"Drop r3"_s) + QStringList{
        u"DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r3'"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"only a release manager"_s), qPrintable(refused));
    QCOMPARE(status(u"r3"_s), u"deployed"_s);

    const QStringList recorded{u"%1 %2 Relabel r2 by hand"_s.arg(start + 1).arg(planner),
                               u"%1 postgres owner says rhea"_s.arg(start + 2),
                               u"%1 %2 Mark r3 deployed by hand"_s.arg(start + 3).arg(manager),
                               u"%1 %2 Relabel r3"_s.arg(start + 4).arg(planner)};
    QCOMPARE(history(), logged + recorded);
    QCOMPARE(serverRevision(u"bypass"_s), start + 4);
}

void tst_ServerPlan::serverKeepsItsOwnChangeLog()
{
    // A planner edits from psql, through the edit path but describing nothing of it: the
    // server's own log names the row, who changed it, and that the description disagrees.
    const QString loc = location(u"changelog"_s);
    const QString planner = exampleWithPlanner(u"changelog"_s, u"pia"_s);
    QVERIFY(!planner.isEmpty());
    const QString s = m_schema;
    const QString plan = planId(u"changelog"_s);
    const qint64 start = serverRevision(u"changelog"_s);
    const QString before = scalar(u"SELECT label FROM %1.releases WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)).toString();
    QString refused = asPerson(planner, edit(u"changelog"_s, u"Nothing to see"_s) + QStringList{
        u"UPDATE %1.releases SET label = 'by psql' WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    // Read back as the owner: one row, its table, key, before and after, who, the revision and
    // the transaction that made it.
    QCOMPARE(column(u"SELECT concat_ws('|', revision, who, table_name, op, row_key, old_row->>'label', new_row->>'label') "
                    u"FROM %1.change_log WHERE plan_id = %2 AND revision > %3"_s.arg(s, plan).arg(start)),
             QStringList{u"%1|%2|releases|UPDATE|r2|%3|by psql"_s.arg(start + 1).arg(planner, before)});
    QCOMPARE(scalar(u"SELECT count(DISTINCT xact) FROM %1.change_log WHERE plan_id = %2 AND revision = %3"_s
                        .arg(s, plan).arg(start + 1)).toInt(), 1);

    // A planner's edit through Tideline: described as it was made, the two agree.
    Document document;
    QList<PlanError> errors;
    QString error;
    QVERIFY2(document.open(as(planner, loc), &errors), qPrintable(errors.value(0).toString()));
    QVERIFY2(document.insertRelease(int(document.plan().releases.size()), release(u"r9"_s), &error), qPrintable(error));

    const Run log = cli({u"log"_s, loc});
    QCOMPARE(log.code, 0);
    const QStringList lines = log.out.split(u'\n', Qt::SkipEmptyParts);
    qsizetype psql = -1;
    for (qsizetype i = 0; i < lines.size() && psql < 0; ++i) {
        if (lines.at(i).startsWith(u"%1\t"_s.arg(start + 1)))
            psql = i;
    }
    QVERIFY2(psql >= 0 && lines.value(psql).endsWith(u'\t' + planner + u"\tNothing to see"_s), qPrintable(log.out));
    QCOMPARE(lines.value(psql + 1), u"\tserver: rows changed: releases 1; releases r2; by "_s + planner);
    QVERIFY2(lines.value(psql + 2).startsWith(u"\tdiffers: table releases: the edit's own description removed none, "
                                              u"added none; the server recorded removed 1 (r2), added 1 (r2)"_s),
             qPrintable(log.out));
    QVERIFY2(lines.last().startsWith(u"\tserver: rows changed: releases 1; releases r9; by "_s + planner), qPrintable(log.out));
    QVERIFY2(!log.out.section(u"Add release r9"_s, 1).contains(u"differs"_s), qPrintable(log.out));
    // The first revision (the convert) agrees too: the whole plan, row for row.
    QVERIFY2(!lines.value(2).startsWith(u"\tdiffers"_s) && lines.value(1).startsWith(u"\tserver: rows changed: "_s),
             qPrintable(log.out));

    // Nobody but the owner's triggers writes the log; nobody changes it.
    refused = asPerson(planner, {u"INSERT INTO %1.change_log (plan_id, revision, xact, who, table_name, op) "
                                 u"SELECT %2, 1, 1, 'x', 'releases', 'INSERT'"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(refused));
    refused = asPerson(planner, {u"SELECT %1.log_row(%2, 'releases', 'DELETE', '{\"id\": \"r1\"}', NULL)"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"permission denied"_s), qPrintable(refused));
    refused = asPerson(u"postgres"_s, {u"UPDATE %1.change_log SET who = 'nobody'"_s.arg(s)});
    QVERIFY2(refused.contains(u"change log of the plans is never changed"_s), qPrintable(refused));
    refused = asPerson(u"postgres"_s, {u"TRUNCATE %1.change_log"_s.arg(s)});
    QVERIFY2(refused.contains(u"change log of the plans is never changed"_s), qPrintable(refused));
}

void tst_ServerPlan::shippedHistoryKeptByServer()
{
    // r1 of the example is deployed: what it shipped and the baseline it shipped on are the
    // release manager's, whatever a planner sends.
    const QString planner = exampleWithPlanner(u"shipped"_s, u"paz"_s);
    const QString manager = addPerson(u"rey"_s, m_schema + u"_release_manager"_s);
    QVERIFY(!planner.isEmpty() && !manager.isEmpty());
    const QString s = m_schema;
    const QString plan = planId(u"shipped"_s);
    const auto shipped = [&] {
        return scalar(u"SELECT coalesce(shipped_json, '(none)') FROM %1.releases WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan)).toString();
    };
    const auto baseline = [&] {
        return scalar(u"SELECT md5(string_agg(b::text, '')) FROM %1.baseline b WHERE plan_id = %2"_s.arg(s, plan)).toString();
    };
    QCOMPARE(scalar(u"SELECT status FROM %1.releases WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan)).toString(), u"deployed"_s);
    const QString shippedBefore = shipped();
    const QString baselineBefore = baseline();
    const qint64 start = serverRevision(u"shipped"_s);

    QString refused = asPerson(planner, edit(u"shipped"_s, u"rewrite the record of r1"_s) + QStringList{
        u"UPDATE %1.releases SET shipped_json = '{}' WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"what deployed release \"r1\" shipped stays"_s), qPrintable(refused));
    // Taken out and put back deployed with another record: refused too.
    refused = asPerson(planner, edit(u"shipped"_s, u"swap the record of r1"_s) + QStringList{
        u"WITH gone AS (DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r1' RETURNING *) "
        u"INSERT INTO %1.releases SELECT plan_id, \"position\", id, label, \"date\", status, '{\"x\": 1}', "
        u"baseline_sha256, baseline_algorithm FROM gone"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"what deployed release \"r1\" shipped stays"_s), qPrintable(refused));
    // The fingerprint of the baseline r1 shipped on is part of its record: in place, or out and back.
    refused = asPerson(planner, edit(u"shipped"_s, u"rewrite the baseline fingerprint of r1"_s) + QStringList{
        u"UPDATE %1.releases SET baseline_sha256 = repeat('0', 64), baseline_algorithm = 1 WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"what deployed release \"r1\" shipped stays"_s), qPrintable(refused));
    refused = asPerson(planner, edit(u"shipped"_s, u"swap the baseline fingerprint of r1"_s) + QStringList{
        u"WITH gone AS (DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r1' RETURNING *) "
        u"INSERT INTO %1.releases SELECT plan_id, \"position\", id, label, \"date\", status, shipped_json, "
        u"repeat('0', 64), 1 FROM gone"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"what deployed release \"r1\" shipped stays"_s), qPrintable(refused));
    // The baseline: changed in place, removed, or changed while r1 is out of the table.
    refused = asPerson(planner, edit(u"shipped"_s, u"change the baseline"_s) + QStringList{
        u"UPDATE %1.baseline SET \"sql\" = \"sql\" || ' ' WHERE plan_id = %2"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"the baseline of a plan stays as it was once a release is deployed (release \"r1\""_s),
             qPrintable(refused));
    refused = asPerson(planner, edit(u"shipped"_s, u"drop the baseline"_s) + QStringList{
        u"DELETE FROM %1.baseline WHERE plan_id = %2"_s.arg(s, plan)});
    QVERIFY2(refused.contains(u"the baseline of a plan stays"_s), qPrintable(refused));
    refused = asPerson(planner, edit(u"shipped"_s, u"baseline behind the back of r1"_s) + QStringList{
        u"CREATE TEMP TABLE r1 AS SELECT * FROM %1.releases WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan),
        u"DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan),
        u"UPDATE %1.baseline SET \"sql\" = \"sql\" || ' ' WHERE plan_id = %2"_s.arg(s, plan),
        u"INSERT INTO %1.releases SELECT * FROM r1"_s.arg(s)});
    QVERIFY2(refused.contains(u"the baseline of a plan stays"_s), qPrintable(refused));
    QCOMPARE(shipped(), shippedBefore);
    QCOMPARE(baseline(), baselineBefore);
    QCOMPARE(serverRevision(u"shipped"_s), start);

    // The planner's ordinary edits still go in: r1's label (out and back with its record),
    // the row estimates (not part of what shipped).
    refused = asPerson(planner, edit(u"shipped"_s, u"Relabel r1"_s) + QStringList{
        u"WITH gone AS (DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r1' RETURNING *) "
        u"INSERT INTO %1.releases SELECT plan_id, \"position\", id, 'r1 shipped', \"date\", status, shipped_json, "
        u"baseline_sha256, baseline_algorithm FROM gone"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    // The release manager re-opens r1; then the planner may change the baseline.
    refused = asPerson(manager, edit(u"shipped"_s, u"Re-open r1"_s) + QStringList{
        u"UPDATE %1.releases SET status = 'planned', shipped_json = NULL WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    refused = asPerson(planner, edit(u"shipped"_s, u"change the baseline"_s) + QStringList{
        u"UPDATE %1.baseline SET \"sql\" = \"sql\" || ' ' WHERE plan_id = %2"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QVERIFY(baseline() != baselineBefore);
    QCOMPARE(serverRevision(u"shipped"_s), start + 3);
}

void tst_ServerPlan::editInsideSavepoint()
{
    const QString planner = exampleWithPlanner(u"savepoint"_s, u"sal"_s);
    QVERIFY(!planner.isEmpty());
    const QString s = m_schema;
    const QString plan = planId(u"savepoint"_s);
    const auto label = [&] {
        return scalar(u"SELECT label FROM %1.releases WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)).toString();
    };
    const qint64 start = serverRevision(u"savepoint"_s);
    const QString relabel = u"UPDATE %1.releases SET label = '%3' WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan);

    // The whole edit inside a savepoint that is released: it is an edit.
    QString refused = asPerson(planner, QStringList{u"SAVEPOINT a"_s} + edit(u"savepoint"_s, u"In a savepoint"_s)
                                            + QStringList{relabel.arg(u"saved"_s), u"RELEASE SAVEPOINT a"_s});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(label(), u"saved"_s);
    // A change rolled back to a savepoint is gone, the one after it stays, and the server's
    // log holds only that one.
    refused = asPerson(planner, edit(u"savepoint"_s, u"Second thoughts"_s) + QStringList{
        u"SAVEPOINT b"_s, relabel.arg(u"first thought"_s), u"ROLLBACK TO SAVEPOINT b"_s, relabel.arg(u"second thought"_s)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(label(), u"second thought"_s);
    QCOMPARE(serverRevision(u"savepoint"_s), start + 2);
    QCOMPARE(column(u"SELECT revision || ' ' || (new_row->>'label') FROM %1.change_log WHERE plan_id = %2 "
                    u"AND revision > %3 ORDER BY seq"_s.arg(s, plan).arg(start)),
             QStringList({u"%1 saved"_s.arg(start + 1), u"%1 second thought"_s.arg(start + 2)}));
    // The edit itself rolled back to a savepoint: the change after it is no edit.
    refused = asPerson(planner, QStringList{u"SAVEPOINT c"_s} + edit(u"savepoint"_s, u"Taken back"_s)
                                    + QStringList{u"ROLLBACK TO SAVEPOINT c"_s, relabel.arg(u"unrecorded"_s)});
    QVERIFY2(refused.contains(u"a plan changes only by an edit"_s), qPrintable(refused));
    QCOMPARE(label(), u"second thought"_s);
    QCOMPARE(serverRevision(u"savepoint"_s), start + 2);
}

void tst_ServerPlan::upgradeByNonOwnerNamesTheOwner()
{
    // Storages of versions 2 and 3, made by the owner (this test's login), and a planner whose
    // Tideline is newer: told who may upgrade and how, and nothing is changed.
    for (const int older : {2, 3}) {
        const QString schema = m_schema + u"_up"_s + QString::number(older);
        m_schemas << schema;
        const QString loc = location(u"up"_s, schema);
        {
            ServerPlan owner;
            QString error;
            QVERIFY2(owner.open(loc, &error, older) && owner.replace(example(), u"older"_s, &error), qPrintable(error));
        }
        for (const QString &sql : {u"CREATE ROLE %1_planner NOLOGIN"_s, u"GRANT USAGE ON SCHEMA %1 TO %1_planner"_s,
                                   u"GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %1_planner"_s,
                                   u"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %1_planner"_s})
            QVERIFY(execAdmin(sql.arg(schema)));
        m_roles << schema + u"_planner"_s;
        const QString planner = addPerson(u"upl"_s + QString::number(older), schema + u"_planner"_s);
        QVERIFY(!planner.isEmpty());
        const Run refused = cli({u"validate"_s, as(planner, loc)});
        QCOMPARE(refused.code, 2);
        const QString owner = scalar(u"SELECT current_user"_s).toString();
        QVERIFY2(refused.err.contains(u"at version %1 and this Tideline needs version %2"_s.arg(older).arg(ServerPlan::StorageVersion))
                     && refused.err.contains(u"the PostgreSQL role \"%1\""_s.arg(owner)), qPrintable(refused.err));
        QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(), QString::number(older));
        // The command it names, run as the owner, upgrades the storage; then the planner reads.
        const QString command = refused.err.section(u"tideline-cli plans '"_s, 1).section(u'\'', 0, 0);
        QVERIFY2(command.startsWith(u"postgresql://%1@"_s.arg(owner)) && command.contains(u"schema=%1"_s.arg(schema)),
                 qPrintable(refused.err));
        const Run upgrade = cli({u"plans"_s, command});
        QVERIFY2(upgrade.code == 0 && upgrade.out.contains(u"up\trevision 1"_s), qPrintable(upgrade.out + upgrade.err));
        QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(),
                 QString::number(ServerPlan::StorageVersion));
        const Run read = cli({u"validate"_s, as(planner, loc)});
        QVERIFY2(read.code == 0, qPrintable(read.err));
    }
}

void tst_ServerPlan::upgradeLeavesTheOwnerOwning()
{
    // The storage belongs to a role of its own; another role (here a superuser) upgrades it
    // from version 2 to 3: what the upgrade made must be the owner's, so that the owner's own
    // next upgrade (to 4, which alters deployed_out) goes through.
    const QString schema = m_schema + u"_own"_s;
    m_schemas << schema;
    const QString owner = m_schema + u"_ola"_s;
    QVERIFY(execAdmin(u"CREATE ROLE %1 LOGIN"_s.arg(owner)));
    m_roles.prepend(owner);
    const QString database = scalar(u"SELECT current_database()"_s).toString();
    QVERIFY(execAdmin(u"GRANT CREATE ON DATABASE %1 TO %2"_s.arg(database, owner)));
    const QString loc = location(u"owned"_s, schema);
    QString error;
    {
        ServerPlan asOwner;
        QVERIFY2(asOwner.open(as(owner, loc), &error, 2) && asOwner.replace(example(), u"by the owner"_s, &error),
                 qPrintable(error));
    }
    {
        ServerPlan asSuperuser;
        QVERIFY2(asSuperuser.open(loc, &error, 3), qPrintable(error));
    }
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(), u"3"_s);
    const auto owners = [&] {
        return column(uR"(SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = '%1'::regnamespace
                          UNION SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = '%1'::regnamespace)"_s.arg(schema));
    };
    QCOMPARE(scalar(u"SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '%1.deployed_out'::regclass"_s.arg(schema)).toString(), owner);
    QCOMPARE(scalar(u"SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE oid = '%1.guard_edit'::regproc"_s.arg(schema)).toString(), owner);
    QCOMPARE(owners(), QStringList{owner});
    {
        ServerPlan asOwner;
        QVERIFY2(asOwner.open(as(owner, loc), &error), qPrintable(error));
        QCOMPARE(asOwner.storageVersion(), ServerPlan::StorageVersion);
    }
    QCOMPARE(owners(), QStringList{owner});
}

void tst_ServerPlan::refusedEditWhoseUndoFails()
{
    // An edit the server takes and the engine then refuses is taken back by an undo, itself a
    // commit; here the connection ends between the two and cannot be made again.
    const QString loc = location(u"undo-fails"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    QVERIFY(setUpRoles());
    const QString una = addPerson(u"una"_s, m_schema + u"_planner"_s);
    QVERIFY(!una.isEmpty());
    QString asUna = loc;
    asUna.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + una + u'@');
    Document document;
    QList<PlanError> errors;
    QVERIFY2(document.open(asUna, &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(QTest::qWaitFor([&] { return !document.isChecking(); }, 60000));
    QVERIFY(document.engine());
    const qint64 before = serverRevision(u"undo-fails"_s);
    QSignalSpy refused(&document, &Document::editRefused);
    QString error;
    // Only the engine can tell that there is no column to drop.
    QVERIFY2(document.addRefactoring(TestPlans::refactoring(u"no-nickname"_s, u"drop_column"_s, u"r2"_s,
                                                            TestPlans::json(R"({"table": "customer", "column": "nickname"})")),
                                     &error),
             qPrintable(error));
    QCOMPARE(serverRevision(u"undo-fails"_s), before + 1);
    QVERIFY(document.isChecking());
    // Before the run is in (it is delivered through this thread's event loop): the server ends
    // the document's connection and lets una in no more.
    QVERIFY(execAdmin(u"ALTER ROLE %1 NOLOGIN"_s.arg(una)));
    QVERIFY(scalar(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?"_s, {una}).toInt() >= 1);
    QVERIFY(QTest::qWaitFor([&] { return !document.isChecking(); }, 60000));
    QVERIFY(!refused.isEmpty());
    const QString message = refused.constLast().constFirst().toString();
    QVERIFY2(message.contains(u"nickname"_s) && message.contains(u"taking it back on the server failed"_s),
             qPrintable(message));
    // Consistent: the window shows what the server holds, the edit with it, and can undo it.
    QCOMPARE(serverRevision(u"undo-fails"_s), before + 1);
    ServerPlan reader;
    Plan onServer;
    QVERIFY2(reader.open(loc, &error) && reader.load(&onServer, &error), qPrintable(error));
    QVERIFY(onServer.refactoringIndex(u"no-nickname"_s) >= 0);
    QCOMPARE(PlanJson::write(document.plan()), PlanJson::write(onServer));
    QVERIFY(document.undoStack()->canUndo());

    // The server lets una in again: the undo goes through, as one more revision.
    QVERIFY(execAdmin(u"ALTER ROLE %1 LOGIN"_s.arg(una)));
    QTRY_VERIFY_WITH_TIMEOUT(document.isServerOnline(), 20000);
    document.undoStack()->undo();
    QCOMPARE(serverRevision(u"undo-fails"_s), before + 2);
    QVERIFY2(reader.load(&onServer, &error), qPrintable(error));
    QCOMPARE(onServer.refactoringIndex(u"no-nickname"_s), -1);
    QCOMPARE(document.plan().refactoringIndex(u"no-nickname"_s), -1);
}

void tst_ServerPlan::version2RolesMigratedForward()
{
    // A server of storage version 2 with the roles and grants its server-setup made (planners
    // could write every table), and a planner who uses the setting version 2 trusted.
    const QString schema = m_schema + u"_v2"_s;
    m_schemas << schema;
    const QString loc = location(u"v2"_s, schema);
    {
        ServerPlan older;
        QString error;
        QVERIFY2(older.open(loc, &error, 2) && older.replace(example(), u"written at version 2"_s, &error), qPrintable(error));
    }
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(), u"2"_s);
    for (const QString &sql : {u"CREATE ROLE %1_viewer NOLOGIN"_s, u"CREATE ROLE %1_planner NOLOGIN IN ROLE %1_viewer"_s,
                               u"CREATE ROLE %1_release_manager NOLOGIN IN ROLE %1_planner"_s,
                               u"GRANT USAGE ON SCHEMA %1 TO %1_viewer"_s,
                               u"GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %1_viewer"_s,
                               u"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %1 TO %1_viewer"_s,
                               u"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %1_planner"_s,
                               u"GRANT USAGE ON ALL SEQUENCES IN SCHEMA %1 TO %1_planner"_s})
        QVERIFY(execAdmin(sql.arg(schema)));
    m_roles << schema + u"_release_manager"_s << schema + u"_planner"_s << schema + u"_viewer"_s;
    const QString planner = addPerson(u"v2pat"_s, schema + u"_planner"_s);
    QVERIFY(!planner.isEmpty());
    const QString plan = u"(SELECT plan_id FROM %1.plans WHERE name = 'v2')"_s.arg(schema);
    const auto forge = [&](const QString &release) {
        return QStringList{
            u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'v2'"_s.arg(schema),
            u"INSERT INTO %1.revisions (plan_id, revision, what, changes) SELECT plan_id, revision, 'forged', '{}' "
            u"FROM %1.plans WHERE name = 'v2'"_s.arg(schema),
            u"SELECT set_config('tideline.deployed_out', '|' || %1 || ':%2|', true)"_s.arg(plan, release),
            u"WITH gone AS (DELETE FROM %1.releases WHERE plan_id = %2 AND id = '%3' RETURNING *) "
            u"INSERT INTO %1.releases SELECT plan_id, \"position\", id, label, \"date\", 'deployed', shipped_json FROM gone"_s
                .arg(schema, plan, release)};
    };
    const auto status = [&](const QString &release) {
        return scalar(u"SELECT status FROM %1.releases WHERE plan_id = %2 AND id = ?"_s.arg(schema, plan), {release}).toString();
    };
    // The hole this version closes: at version 2 the forged deploy went through.
    QString refused = asPerson(planner, forge(u"r2"_s));
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(status(u"r2"_s), u"deployed"_s);
    refused = asPerson(planner, {u"UPDATE %1.revisions SET who = 'someone' WHERE plan_id = %2"_s.arg(schema, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));

    // This Tideline migrates it; the old grants stay as they were, and still the server refuses.
    const Run read = cli({u"validate"_s, loc});
    QVERIFY2(read.code == 0, qPrintable(read.err));
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(),
             QString::number(ServerPlan::StorageVersion));
    const qint64 revision = scalar(u"SELECT revision FROM %1.plans WHERE name = 'v2'"_s.arg(schema)).toLongLong();
    refused = asPerson(planner, forge(u"r3"_s));
    QVERIFY2(refused.contains(u"only a release manager"_s), qPrintable(refused));
    QCOMPARE(status(u"r3"_s), u"planned"_s);
    refused = asPerson(planner, {u"UPDATE %1.revisions SET who = 'someone else' WHERE plan_id = %2"_s.arg(schema, plan)});
    QVERIFY2(refused.contains(u"history of a plan is never changed"_s), qPrintable(refused));
    refused = asPerson(planner, {u"DELETE FROM %1.plans WHERE name = 'v2'"_s.arg(schema)});
    QVERIFY2(refused.contains(u"only the owner of the plan storage"_s), qPrintable(refused));
    // An edit with a forged who: the server's who and when are what is recorded.
    refused = asPerson(planner, {u"UPDATE %1.plans SET revision = revision + 1 WHERE name = 'v2'"_s.arg(schema),
                                 u"INSERT INTO %1.revisions (plan_id, revision, who, at, what, changes) SELECT plan_id, revision, "
                                 u"'postgres', '2001-01-01', 'signed by another', '{}' FROM %1.plans WHERE name = 'v2'"_s.arg(schema)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(scalar(u"SELECT who || (at > now() - interval '1 hour') FROM %1.revisions WHERE plan_id = %2 AND revision = %3"_s
                        .arg(schema, plan, QString::number(revision + 1))).toString(),
             planner + u"true"_s);
    QCOMPARE(scalar(u"SELECT revision FROM %1.plans WHERE name = 'v2'"_s.arg(schema)).toLongLong(), revision + 1);
}

void tst_ServerPlan::offlineReadOnlyThenBack()
{
    const QString loc = location(u"offline"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    const QString olive = m_schema + u"_olive"_s;
    QVERIFY(execAdmin(cli({u"server-setup"_s, u"--schema"_s, m_schema}).out));
    if (!m_roles.contains(m_schema + u"_planner"_s))
        m_roles << m_schema + u"_release_manager"_s << m_schema + u"_planner"_s << m_schema + u"_viewer"_s;
    QVERIFY(execAdmin(u"CREATE ROLE %1 LOGIN"_s.arg(olive)));
    m_roles.prepend(olive);
    QVERIFY(execAdmin(u"GRANT %1_planner TO %2"_s.arg(m_schema, olive)));
    QString asOlive = loc;
    asOlive.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + olive + u'@');

    Document document;
    QList<PlanError> errors;
    QString error;
    QVERIFY2(document.open(asOlive, &errors), qPrintable(errors.value(0).toString()));
    QSignalSpy online(&document, &Document::serverOnlineChanged);
    // The server ends the connection and lets olive in no more: the window goes read-only.
    QVERIFY(execAdmin(u"ALTER ROLE %1 NOLOGIN"_s.arg(olive)));
    QVERIFY(scalar(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?"_s, {olive}).toInt() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(!document.isServerOnline(), 20000);
    QCOMPARE(online.size(), 1);
    QVERIFY(!online.first().at(0).toBool());
    QVERIFY2(online.first().at(1).toString().contains(olive), qPrintable(online.first().at(1).toString()));
    QVERIFY(!document.insertRelease(int(document.plan().releases.size()), release(u"offline-edit"_s), &error));
    QVERIFY2(error.contains(u"read-only"_s), qPrintable(error));

    // Meanwhile someone else edits; when olive may log in again the window comes back by
    // itself, with that edit read.
    ServerPlan other;
    Plan plan;
    QVERIFY2(other.open(loc, &error) && other.load(&plan, &error), qPrintable(error));
    plan.releases.append(release(u"while-away"_s));
    QVERIFY2(other.commit(plan, u"Add release while-away"_s, &error), qPrintable(error));
    QVERIFY(execAdmin(u"ALTER ROLE %1 LOGIN"_s.arg(olive)));
    QTRY_VERIFY_WITH_TIMEOUT(document.isServerOnline(), 20000);
    QVERIFY(document.plan().releaseIndex(u"while-away"_s) >= 0);
    QVERIFY2(document.insertRelease(int(document.plan().releases.size()), release(u"back"_s), &error), qPrintable(error));
    QCOMPARE(releaseIds(u"offline"_s).mid(releaseIds(u"offline"_s).size() - 2),
             QStringList({u"while-away"_s, u"back"_s}));
    QVERIFY(!releaseIds(u"offline"_s).contains(u"offline-edit"_s));
}

void tst_ServerPlan::unreachableHostNeverBlocksTheThread()
{
    const QString loc = location(u"blackhole"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    QUrl url(loc);
    BlackHole hole(quint16(url.port()));
    QVERIFY(hole.port() > 0);
    url.setPort(hole.port());
    const QString viaHole = url.toString();

    Document document;
    QList<PlanError> errors;
    QVERIFY2(document.open(viaHole, &errors), qPrintable(errors.value(0).toString()));
    QSignalSpy online(&document, &Document::serverOnlineChanged);
    // A timer of this (the document's) thread counts how often it gets to run while the
    // heartbeat waits on a host that never answers: connect_timeout (10 s) would stop it dead.
    int ticks = 0;
    int ticksWhenOffline = -1;
    QTimer tick;
    tick.setInterval(100);
    connect(&tick, &QTimer::timeout, &tick, [&ticks] { ++ticks; });
    connect(&document, &Document::serverOnlineChanged, &tick, [&](bool up) {
        if (!up)
            ticksWhenOffline = ticks;
    });
    tick.start();
    hole.freeze();
    QTRY_VERIFY_WITH_TIMEOUT(!document.isServerOnline(), 40000);
    // The whole connect_timeout passed while the check waited; the thread kept turning.
    QVERIFY2(ticksWhenOffline >= 30, qPrintable(QString::number(ticksWhenOffline)));
    qInfo("the thread's 100 ms timer fired %d times while the check waited on the black hole", ticksWhenOffline);
    QCOMPARE(online.size(), 1);
    QString error;
    QVERIFY(!document.insertRelease(int(document.plan().releases.size()), release(u"lost"_s), &error));
    QVERIFY2(error.contains(u"read-only"_s), qPrintable(error));

    // The host answers again: the document connects by itself and edits reach the server.
    hole.thaw();
    QTRY_VERIFY_WITH_TIMEOUT(document.isServerOnline(), 40000);
    QVERIFY2(document.insertRelease(int(document.plan().releases.size()), release(u"after-hole"_s), &error),
             qPrintable(error));
    QVERIFY(releaseIds(u"blackhole"_s).contains(u"after-hole"_s));
    QVERIFY(!releaseIds(u"blackhole"_s).contains(u"lost"_s));
}

void tst_ServerPlan::deadServerEndsTheEditWithinTheBound()
{
    // A connection whose server stops answering mid-session (the relay keeps it open and
    // forwards nothing, so every kernel on the way still acknowledges): an edit on it fails
    // once the location's tcp_user_timeout passed, saying so, and nothing of it is on the server.
    const QString loc = location(u"dead"_s);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    const qint64 before = serverRevision(u"dead"_s);
    const QStringList releasesBefore = releaseIds(u"dead"_s);
    QUrl url(loc);
    BlackHole hole(quint16(url.port()));
    QVERIFY(hole.port() > 0);
    url.setPort(hole.port());
    const QString viaHole = url.toString() + u"&tcp_user_timeout=2000"_s;

    // The edit runs in a thread of its own (its connection is that thread's), so that the test
    // tells an edit that never ends from one that fails.
    std::atomic<bool> done = false;
    bool opened = false;
    bool committed = true;
    qint64 took = -1;
    QString error;
    std::thread editor([&] {
        ServerPlan server;
        Plan plan;
        opened = server.open(viaHole, &error) && server.load(&plan, &error);
        if (opened) {
            plan.releases.append(release(u"never"_s));
            hole.hang();
            QElapsedTimer clock;
            clock.start();
            committed = server.commit(plan, u"Add release never"_s, &error);
            took = clock.elapsed();
        }
        done = true;
    });
    const bool ended = QTest::qWaitFor([&done] { return done.load(); }, 30000);
    if (!ended)
        hole.freeze(); // cuts the relayed connections: the edit ends now
    editor.join();
    QVERIFY2(opened, qPrintable(error));
    QVERIFY2(ended, "the edit on a server that stopped answering still waited after 30 s");
    QVERIFY(!committed);
    QVERIFY2(error.contains(u"the server did not answer within 2000 ms"_s) && error.contains(u"nothing of it was committed"_s),
             qPrintable(error));
    qInfo("the edit failed %lld ms after it began (bound: tcp_user_timeout=2000)", took);
    // Read back as the owner: nothing of it.
    QCOMPARE(serverRevision(u"dead"_s), before);
    QCOMPARE(releaseIds(u"dead"_s), releasesBefore);
    QCOMPARE(scalar(u"SELECT count(*) FROM %1.revisions WHERE what = 'Add release never'"_s.arg(m_schema)).toInt(), 0);

    // The server answers again: a connection through the relay edits as usual.
    hole.thaw();
    ServerPlan again;
    Plan plan;
    QVERIFY2(again.open(viaHole, &error) && again.load(&plan, &error), qPrintable(error));
    plan.releases.append(release(u"after-dead"_s));
    QVERIFY2(again.commit(plan, u"Add release after-dead"_s, &error), qPrintable(error));
    QCOMPARE(releaseIds(u"dead"_s), releasesBefore + QStringList{u"after-dead"_s});
}

void tst_ServerPlan::migratesOlderStorage()
{
    const QString schema = m_schema + u"_old"_s;
    m_schemas << schema;
    const QString loc = location(u"old"_s, schema);
    const Plan plan = example(u"posts-authors.tideline.json"_s);
    {
        // A server written by a Tideline of storage version 1.
        ServerPlan older;
        QString error;
        QVERIFY2(older.open(loc, &error, 1) && older.replace(plan, u"written at version 1"_s, &error), qPrintable(error));
    }
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(), u"1"_s);
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_trigger WHERE tgname = 'guard_deployed' AND tgrelid = '%1.releases'::regclass"_s.arg(schema)).toInt(), 0);

    // This Tideline brings it forward, once, and reads the plan as it was written.
    const Run read = cli({u"convert"_s, loc, m_dir.filePath(u"old.tideline.json"_s)});
    QVERIFY2(read.code == 0, qPrintable(read.err));
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(),
             QString::number(ServerPlan::StorageVersion));
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_trigger WHERE tgname = 'guard_deployed' AND tgrelid = '%1.releases'::regclass"_s.arg(schema)).toInt(), 1);
    Plan back;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(m_dir.filePath(u"old.tideline.json"_s), &back, &errors));
    QCOMPARE(PlanJson::write(back), PlanJson::write(plan));
    const Run log = cli({u"log"_s, loc});
    QVERIFY2(log.out.contains(u"written at version 1"_s), qPrintable(log.out));
}

// A plan written at storage version 3 keeps the baseline a deployed release shipped on as a
// "(baseline)" entry of releases.shipped_json. Version 4 gives it columns of its own: the row is
// not rewritten by the migration, it is read into the release's own fields, an edit writes the
// new columns, and the revision written at version 3 still loads through the history.
void tst_ServerPlan::olderBaselineRecordsRead()
{
    const QString schema = m_schema + u"_v3"_s;
    m_schemas << schema;
    const QString loc = location(u"v3"_s, schema);
    Plan plan = example();
    HistoryEntry entry;
    entry.who = u"ana"_s;
    entry.when = QDateTime(QDate(2027, 1, 6), QTime(9, 30), Qt::UTC);
    QString error;
    QVERIFY2(PlanEdits::markDeployed(&plan, u"r2"_s, entry, &error), qPrintable(error));
    const QString fingerprint = plan.releases.at(1).baselineSha256;
    QCOMPARE(fingerprint, ShippedHistory::baselineFingerprint(plan.baseline.schema));
    Plan written = plan; // as a Tideline of storage version 3 held it
    written.releases[1].baselineSha256.clear();
    written.releases[1].baselineAlgorithm = 0;
    written.releases[1].shipped.insert(u"(baseline)"_s,
                                       ShippedRefactoring{u"baseline"_s, QJsonObject{{u"sha256"_s, fingerprint}}, {}});
    {
        ServerPlan older;
        QVERIFY2(older.open(loc, &error, 3) && older.replace(written, u"written at version 3"_s, &error), qPrintable(error));
    }
    const QString columns = u"SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                            u"AND table_name = 'releases' AND column_name LIKE 'baseline%'"_s;
    QCOMPARE(scalar(columns, {schema}).toInt(), 0);
    const QString row = u"SELECT %1 FROM %2.releases WHERE id = 'r2'"_s;

    ServerPlan now;
    QVERIFY2(now.open(loc, &error), qPrintable(error));
    QCOMPARE(now.storageVersion(), ServerPlan::StorageVersion);
    QCOMPARE(scalar(columns, {schema}).toInt(), 2);
    QVERIFY(scalar(row.arg(u"shipped_json"_s, schema)).toString().contains(u"(baseline)"_s)); // not rewritten
    Plan read;
    QVERIFY2(now.load(&read, &error), qPrintable(error));
    QCOMPARE(read.releases.at(1).baselineSha256, fingerprint);
    QCOMPARE(read.releases.at(1).baselineAlgorithm, 1);
    QVERIFY(!read.releases.at(1).shipped.contains(u"(baseline)"_s));
    QVERIFY(read == plan);
    QVERIFY(ShippedHistory::problems(read).isEmpty());

    // An edit of r2's row writes the columns; revision 1 (version 3's) still loads.
    Plan edited = read;
    edited.releases[1].label = u"2027.01 (shipped)"_s;
    QVERIFY2(now.commit(edited, u"Relabel r2"_s, &error), qPrintable(error));
    QCOMPARE(scalar(row.arg(u"baseline_sha256"_s, schema)).toString(), fingerprint);
    QCOMPARE(scalar(row.arg(u"baseline_algorithm"_s, schema)).toInt(), 1);
    QVERIFY(!scalar(row.arg(u"shipped_json"_s, schema)).toString().contains(u"(baseline)"_s));
    Plan first;
    QVERIFY2(now.loadRevision(1, &first, &error), qPrintable(error));
    QVERIFY(first == plan);
    Plan second;
    QVERIFY2(now.load(&second, &error), qPrintable(error));
    QVERIFY(second == edited);
}

void tst_ServerPlan::newerStorageRefused()
{
    const QString schema = m_schema + u"_new"_s;
    m_schemas << schema;
    const QString loc = location(u"new"_s, schema);
    QCOMPARE(cli({u"convert"_s, examplePath(u"posts-authors.tideline.json"_s), loc}).code, 0);
    QVERIFY(execAdmin(u"UPDATE %1.meta SET value = '99' WHERE key = 'version'"_s.arg(schema)));
    const Run read = cli({u"validate"_s, loc});
    QCOMPARE(read.code, 2);
    QVERIFY2(read.err.contains(u"newer Tideline"_s) && read.err.contains(u"storage version 99"_s), qPrintable(read.err));
    const Run write = cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc, u"--force"_s});
    QCOMPARE(write.code, 2);
    // Untouched: the version stays, and so does the plan.
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(), u"99"_s);
    QCOMPARE(scalar(u"SELECT revision FROM %1.plans WHERE name = 'new'"_s.arg(schema)).toInt(), 1);
}

void tst_ServerPlan::viewerReadsTheLogAfterTheUpgrade()
{
    // A storage of version 3 whose roles the DBA set up then (server-setup's SQL, run against
    // version 3), a viewer; the owner's Tideline upgrades it to 4, which adds the change log.
    const QString schema = m_schema + u"_vlog"_s;
    m_schemas << schema;
    const QString loc = location(u"vlog"_s, schema);
    QString error;
    {
        ServerPlan owner;
        QVERIFY2(owner.open(loc, &error, 3) && owner.replace(example(), u"at version 3"_s, &error), qPrintable(error));
    }
    const Run setup = cli({u"server-setup"_s, u"--schema"_s, schema});
    QCOMPARE(setup.code, 0);
    QVERIFY2(execAdmin(setup.out)
                 && scalar(u"SELECT count(*) FROM pg_roles WHERE rolname = ?"_s, {schema + u"_viewer"_s}).toInt() == 1,
             "server-setup's SQL fails on a storage of version 3");
    m_roles << schema + u"_release_manager"_s << schema + u"_planner"_s << schema + u"_viewer"_s;
    const QString viewer = addPerson(u"vlogvic"_s, schema + u"_viewer"_s);
    QVERIFY(!viewer.isEmpty());
    {
        ServerPlan owner;
        Plan next;
        QVERIFY2(owner.open(loc, &error) && owner.load(&next, &error), qPrintable(error));
        next.releases.append(release(u"r9"_s));
        QVERIFY2(owner.commit(next, u"at version 4"_s, &error), qPrintable(error));
    }
    QCOMPARE(scalar(u"SELECT value FROM %1.meta WHERE key = 'version'"_s.arg(schema)).toString(),
             QString::number(ServerPlan::StorageVersion));
    // The viewer reads the history with the server's record of revision 2.
    const Run log = cli({u"log"_s, as(viewer, loc)});
    QVERIFY2(log.code == 0 && log.err.isEmpty(), qPrintable(log.out + log.err));
    QVERIFY2(log.out.contains(u"\tserver: no change log (made before storage version 4)\n2\t"_s)
                 && log.out.contains(u"\tserver: rows changed: "_s), qPrintable(log.out));
    // A role that may read the revisions but not the change log: the history, with a note.
    QVERIFY(execAdmin(u"REVOKE SELECT ON %1.change_log FROM %1_viewer"_s.arg(schema)));
    const Run degraded = cli({u"log"_s, as(viewer, loc)});
    QVERIFY2(degraded.code == 0 && degraded.err.contains(u"change log cannot be read"_s)
                 && degraded.out.startsWith(u"1\t"_s) && degraded.out.contains(u"\n2\t"_s)
                 && degraded.out.contains(u"\tserver: change log not readable"_s),
             qPrintable(degraded.out + degraded.err));
    const Run json = cli({u"log"_s, u"--json"_s, as(viewer, loc)});
    QVERIFY2(json.code == 0 && json.out.contains(u"\"note\""_s), qPrintable(json.out + json.err));
}

void tst_ServerPlan::upgradeMessageKeepsSecrets()
{
    // Someone not the owner opens a storage that needs an upgrade, with options of their own
    // in the location: the command the message suggests names where, never those options.
    const QString schema = m_schema + u"_sec"_s;
    m_schemas << schema;
    const QString loc = location(u"sec"_s, schema);
    QString error;
    {
        ServerPlan owner;
        QVERIFY2(owner.open(loc, &error, 3) && owner.replace(example(), u"at version 3"_s, &error), qPrintable(error));
    }
    for (const QString &sql : {u"CREATE ROLE %1_viewer NOLOGIN"_s, u"GRANT USAGE ON SCHEMA %1 TO %1_viewer"_s,
                               u"GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %1_viewer"_s})
        QVERIFY(execAdmin(sql.arg(schema)));
    m_roles << schema + u"_viewer"_s;
    const QString viewer = addPerson(u"secvic"_s, schema + u"_viewer"_s);
    QVERIFY(!viewer.isEmpty());
    ServerPlan asViewer;
    QVERIFY(!asViewer.open(as(viewer, loc) + u"&sslpassword=SECRET&application_name=mine"_s, &error));
    const QString owner = scalar(u"SELECT current_user"_s).toString();
    QVERIFY2(error.contains(u"at version 3"_s) && error.contains(u"schema=%1"_s.arg(schema))
                 && error.contains(u"postgresql://%1@"_s.arg(owner)), qPrintable(error));
    QVERIFY2(!error.contains(u"SECRET"_s) && !error.contains(u"application_name"_s), qPrintable(error));
}

void tst_ServerPlan::deployHistoryKeptByServer()
{
    // Straight SQL as a planner and a release manager would send it, in proper edits: the
    // deploy / re-open history (S.history) is the release manager's, its who the server's.
    const QString plan = u"hist"_s;
    const QString planner = exampleWithPlanner(plan, u"hmal"_s);
    QVERIFY(!planner.isEmpty());
    const QString manager = addPerson(u"hrhea"_s, m_schema + u"_release_manager"_s);
    QVERIFY(!manager.isEmpty());
    const QString s = m_schema;
    const auto entries = [&] {
        return column(u"SELECT \"position\" || ' ' || (json::jsonb->>'action') || ' ' || (json::jsonb->>'who') "
                      u"FROM %1.history WHERE plan_id = %2 ORDER BY \"position\""_s.arg(s, planId(plan)));
    };
    const auto add = [&](int position, const QString &action, const QString &who) {
        return u"INSERT INTO %1.history (plan_id, \"position\", json) VALUES (%2, %3, "
               u"'{\"action\":\"%4\",\"release\":\"r1\",\"who\":\"%5\",\"why\":\"test\"}')"_s
            .arg(s, planId(plan), QString::number(position), action, who);
    };
    // The release manager records a deploy, signed as someone else: the server signs it.
    QString refused = asPerson(manager, edit(plan, u"Mark r1 deployed"_s) + QStringList{
        u"UPDATE %1.releases SET status = 'deployed' WHERE plan_id = %2 AND id = 'r1'"_s.arg(s, planId(plan)),
        add(0, u"deployed"_s, u"somebody"_s)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    const QStringList recorded{u"0 deployed "_s + manager};
    QCOMPARE(entries(), recorded);
    // A planner adds a forged entry, removes or rewrites the real one: refused.
    refused = asPerson(planner, edit(plan, u"forged"_s) + QStringList{add(1, u"deployed"_s, manager)});
    QVERIFY2(refused.contains(u"only a release manager records"_s), qPrintable(refused));
    refused = asPerson(planner, edit(plan, u"forged"_s) + QStringList{add(1, u"reopened"_s, manager)});
    QVERIFY2(refused.contains(u"only a release manager records"_s), qPrintable(refused));
    refused = asPerson(planner, edit(plan, u"drop it"_s) + QStringList{
        u"DELETE FROM %1.history WHERE plan_id = %2"_s.arg(s, planId(plan))});
    QVERIFY2(refused.contains(u"deploy history of a plan is never changed"_s), qPrintable(refused));
    refused = asPerson(planner, edit(plan, u"rewrite it"_s) + QStringList{
        u"UPDATE %1.history SET json = replace(json, 'deployed', 'reopened') WHERE plan_id = %2"_s.arg(s, planId(plan))});
    QVERIFY2(refused.contains(u"deploy history of a plan is never changed"_s), qPrintable(refused));
    // Nor the release manager, nor the owner, removes an entry; TRUNCATE neither.
    refused = asPerson(manager, edit(plan, u"drop it"_s) + QStringList{
        u"DELETE FROM %1.history WHERE plan_id = %2"_s.arg(s, planId(plan))});
    QVERIFY2(refused.contains(u"deploy history of a plan is never changed"_s), qPrintable(refused));
    refused = asPerson(u"postgres"_s, {u"TRUNCATE %1.history"_s.arg(s)});
    QVERIFY2(refused.contains(u"deploy history of a plan is never changed"_s), qPrintable(refused));
    QCOMPARE(entries(), recorded);
    // The owner removes the plan as a whole, its history with it.
    refused = asPerson(u"postgres"_s, {u"DELETE FROM %1.plans WHERE name = '%2'"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    QCOMPARE(scalar(u"SELECT count(*) FROM %1.plans WHERE name = '%2'"_s.arg(s, plan)).toInt(), 0);
}

void tst_ServerPlan::upgradeBySuperuserRunsAsTheOwner()
{
    // A storage of version 3 owned by a role that is no superuser, which plants a trigger on
    // meta; a superuser's Tideline upgrades it. The trigger must run with the owner's rights.
    const QString schema = m_schema + u"_plant"_s;
    m_schemas << schema;
    const QString owner = m_schema + u"_olga"_s;
    QVERIFY(execAdmin(u"CREATE ROLE %1 LOGIN"_s.arg(owner)));
    m_roles.prepend(owner);
    const QString database = scalar(u"SELECT current_database()"_s).toString();
    QVERIFY(execAdmin(u"GRANT CREATE ON DATABASE %1 TO %2"_s.arg(database, owner)));
    const QString loc = location(u"planted"_s, schema);
    QString error;
    {
        ServerPlan asOwner;
        QVERIFY2(asOwner.open(as(owner, loc), &error, 3) && asOwner.replace(example(), u"by the owner"_s, &error),
                 qPrintable(error));
    }
    const QString refused = asPerson(owner, {
        u"CREATE TABLE %1.spied (who text)"_s.arg(schema),
        u"CREATE FUNCTION %1.spy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        u"INSERT INTO %1.spied VALUES (current_user); RETURN NEW; END $$"_s.arg(schema),
        u"CREATE TRIGGER spy BEFORE UPDATE ON %1.meta FOR EACH ROW EXECUTE FUNCTION %1.spy()"_s.arg(schema)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    {
        ServerPlan asSuperuser;
        QVERIFY2(asSuperuser.open(loc, &error), qPrintable(error));
        QCOMPARE(asSuperuser.storageVersion(), ServerPlan::StorageVersion);
    }
    QCOMPARE(column(u"SELECT DISTINCT who FROM %1.spied"_s.arg(schema)), QStringList{owner});
    QCOMPARE(column(uR"(SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = '%1'::regnamespace
                        UNION SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = '%1'::regnamespace)"_s.arg(schema)),
             QStringList{owner});
}

void tst_ServerPlan::changeLogFollowsTheTransaction()
{
    // Under READ COMMITTED: mallory deletes a row (no lock on the plan yet), alice commits the
    // next revision, then mallory moves the plan on and commits. Mallory's delete belongs to
    // mallory's revision, not to alice's.
    const QString name = u"interleaved"_s;
    const QString loc = location(name);
    const QString mallory = exampleWithPlanner(name, u"imal"_s);
    QVERIFY(!mallory.isEmpty());
    const QString alice = addPerson(u"iali"_s, m_schema + u"_planner"_s);
    QVERIFY(!alice.isEmpty());
    const QString s = m_schema;
    const QString plan = planId(name);
    const qint64 start = serverRevision(name);
    QString dsn = m_dsn;
    dsn.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + mallory + u'@');
    Connection connection;
    QString error;
    QVERIFY2(connection.open(dsn, &error), qPrintable(error));
    QSqlQuery query(connection.database());
    QVERIFY(query.exec(u"BEGIN"_s));
    QVERIFY2(query.exec(u"DELETE FROM %1.releases WHERE plan_id = %2 AND id = 'r3'"_s.arg(s, plan)),
             qPrintable(query.lastError().text()));
    const QString refused = asPerson(alice, edit(name, u"Relabel r2"_s) + QStringList{
        u"UPDATE %1.releases SET label = 'by alice' WHERE plan_id = %2 AND id = 'r2'"_s.arg(s, plan)});
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
    for (const QString &sql : edit(name, u"Drop r3"_s) + QStringList{u"COMMIT"_s})
        QVERIFY2(query.exec(sql), qPrintable(sql + u": "_s + query.lastError().text()));
    QCOMPARE(serverRevision(name), start + 2);

    ServerPlan reader;
    QList<ServerRevision> revisions;
    QVERIFY2(reader.open(loc, &error) && reader.log(&revisions, &error) && reader.recorded(&revisions, &error),
             qPrintable(error));
    QHash<qint64, ServerRevision::Record> records;
    for (const ServerRevision &r : std::as_const(revisions))
        records.insert(r.revision, r.record);
    QCOMPARE(records.value(start + 1).who, QStringList{alice});
    QCOMPARE(records.value(start + 1).releases, QStringList{u"r2"_s});
    QCOMPARE(records.value(start + 2).who, QStringList{mallory});
    QCOMPARE(records.value(start + 2).releases, QStringList{u"r3"_s});
}

void tst_ServerPlan::editWaitingOnALockEndsAsALockWait()
{
    // Another session holds the plan's row longer than the answer bound (2 s): the edit ends
    // as a wait for another edit, and leaves no backend of its own waiting in the lock queue.
    const QString name = u"locked"_s;
    const QString loc = location(name);
    QCOMPARE(cli({u"convert"_s, examplePath(u"customer-full-name.tideline.json"_s), loc}).code, 0);
    const QString bounded = loc + u"&tcp_user_timeout=2000"_s;
    ServerPlan editor;
    Plan plan;
    QString error;
    QVERIFY2(editor.open(bounded, &error) && editor.load(&plan, &error), qPrintable(error));
    const qint64 editorPid = editor.backendPid();
    QVERIFY(editorPid > 0);
    Connection holder;
    QVERIFY2(holder.open(m_dsn, &error), qPrintable(error));
    QSqlQuery hold(holder.database());
    QVERIFY(hold.exec(u"BEGIN"_s));
    QVERIFY2(hold.exec(u"SELECT * FROM %1.plans WHERE name = '%2' FOR UPDATE"_s.arg(m_schema, name)),
             qPrintable(hold.lastError().text()));
    plan.releases.append(release(u"r9"_s));
    QVERIFY(!editor.commit(plan, u"Add r9"_s, &error));
    QVERIFY2(error.contains(u"another edit holds the plan"_s), qPrintable(error));
    // While the lock is still held: nobody waits for it (the editor's backend left the queue).
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = ?"_s,
                    {editorPid}).toInt(), 0);
    QVERIFY(hold.exec(u"ROLLBACK"_s));
    // The same connection edits once the lock is gone.
    QVERIFY2(editor.commit(plan, u"Add r9"_s, &error), qPrintable(error));
    QCOMPARE(releaseIds(name).last(), u"r9"_s);
}

namespace {

/** --edit-loop LOCATION PREFIX N: adds releases PREFIX-0 … through a Document; a refused edit
 *  is printed with its reason, the plan reloaded and the edit made again. */
int editLoop(const QString &location, const QString &prefix, int count)
{
    Document document;
    QList<PlanError> errors;
    if (!document.open(location, &errors))
        return 2;
    QTextStream out(stdout);
    for (int i = 0; i < count; ++i) {
        const QString id = u"%1-%2"_s.arg(prefix).arg(i);
        for (int attempt = 0; attempt < 200; ++attempt) {
            QString error;
            if (document.insertRelease(int(document.plan().releases.size()), release(id), &error)) {
                out << "accepted " << id << Qt::endl;
                break;
            }
            out << "refused " << id << ' ' << error.replace(u'\n', u' ') << Qt::endl;
            if (!document.reloadFromServer(&error))
                return 3;
        }
    }
    return 0;
}

/** --edit-one LOCATION ID: prints the connection's pid, waits for a line, adds release ID;
 *  when refused (its connection ended), tries once more. */
int editOne(const QString &location, const QString &id)
{
    Document document;
    QList<PlanError> errors;
    if (!document.open(location, &errors))
        return 2;
    QTextStream out(stdout);
    out << "pid " << document.serverPid() << Qt::endl;
    QTextStream in(stdin);
    in.readLine();
    for (int attempt = 0; attempt < 2; ++attempt) {
        QString error;
        if (document.insertRelease(int(document.plan().releases.size()), release(id), &error)) {
            out << "accepted " << id << Qt::endl;
            return 0;
        }
        out << "refused " << error.replace(u'\n', u' ') << Qt::endl;
    }
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 5 && args.at(1) == u"--edit-loop"_s)
        return editLoop(args.at(2), args.at(3), args.at(4).toInt());
    if (args.size() == 4 && args.at(1) == u"--edit-one"_s)
        return editOne(args.at(2), args.at(3));
    tst_ServerPlan test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_serverplan.moc"
