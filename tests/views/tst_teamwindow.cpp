// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Issue 16, the window side: two windows on one plan on a PostgreSQL server
// (TIDELINE_TEST_PG_DSN) see each other's edits with who made them, and a window that loses the
// server shows a banner, refuses edits and comes back by itself. With TIDELINE_SCREENSHOT_DIR
// set, the two windows are saved for docs/team.md.
#include "../serverfixture.h"
#include "windowsettled.h"

#include <mainwindow.h>

#include <document/document.h>
#include <io/planfile.h>
#include <sql/connection.h>
#include <storage/serverplan.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <thread>

#include <signal.h>

using namespace Tideline;
using namespace Qt::StringLiterals;

class TestTeamWindow : public QObject, private Tests::ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoWindowsSeeEachOther();
    void offlineBanner();
    void staleEditOffered();
    void openOfAnUnansweringServerKeepsTheWindowLive();
    void editOnAPausedServerKeepsTheWindowLive();

private:
    /** The plan "team" as @p user. */
    QString location(const QString &user = u"postgres"_s) const
    {
        QString location = ServerFixture::location(u"team"_s);
        return location.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + user + u'@');
    }
    void screenshot(QWidget *window, const QString &name)
    {
        const QString directory = qEnvironmentVariable("TIDELINE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            return;
        QDir().mkpath(directory);
        QVERIFY(window->grab().save(QDir(directory).filePath(name)));
    }

    /** Shows @p window on the plan as @p user. */
    void showAs(MainWindow *window, const QString &user)
    {
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QStringList errors;
        QVERIFY2(window->loadPlan(location(user), &errors), qPrintable(errors.join(u'\n')));
    }
    /** Shows both windows on the plan, Alice's as postgres and Bob's as m_person. */
    void openAsAliceAndBob(MainWindow *alice, MainWindow *bob)
    {
        for (MainWindow *window : {alice, bob}) {
            window->resize(1280, 800);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window));
        }
        QStringList errors;
        QVERIFY2(alice->loadPlan(location(), &errors), qPrintable(errors.join(u'\n')));
        QVERIFY2(bob->loadPlan(location(m_person), &errors), qPrintable(errors.join(u'\n')));
        QVERIFY(settled(*alice) && settled(*bob));
    }
    QString serverLabel(const QString &release)
    {
        QSqlQuery query(m_admin.database());
        return query.exec(u"SELECT label FROM %1.releases WHERE id = '%2' AND plan_id = "
                          u"(SELECT plan_id FROM %1.plans WHERE name = 'team')"_s.arg(m_schema, release))
                       && query.next()
                   ? query.value(0).toString()
                   : QString();
    }
    /** Alice's edit made straight on the server from the test's thread, with no event turning
     *  between it and Bob's next edit: his window has not heard of it yet, as when both edit at
     *  once. (Her window waits for its own edits in a loop of its own, where his would hear.) */
    bool editAsAlice(const std::function<void(Plan *)> &change, QString *error)
    {
        ServerPlan server;
        Plan plan;
        if (!server.open(location(), error) || !server.load(&plan, error))
            return false;
        change(&plan);
        return server.commit(plan, u"Alice's edit"_s, error);
    }
    /** Clicks @p button of the conflict box when it comes up (it runs a loop of its own). */
    void answerConflict(QTimer *timer, const QString &button, int *asked)
    {
        timer->setInterval(20);
        QObject::connect(timer, &QTimer::timeout, timer, [timer, button, asked] {
            QWidget *box = QApplication::activeModalWidget();
            if (!box || box->objectName() != u"conflictBox"_s)
                return;
            auto *clicked = box->findChild<QPushButton *>(button);
            if (!clicked)
                return;
            ++*asked;
            timer->stop();
            QTest::mouseClick(clicked, Qt::LeftButton);
        });
        timer->start();
    }

    QString m_person;
    QTemporaryDir m_settings;
};

void TestTeamWindow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QApplication::setOrganizationName(u"TidelineTests"_s);
    QApplication::setApplicationName(u"tst_teamwindow"_s);
    QString skip;
    if (!startServer(u"w16"_s, &skip))
        QSKIP(qPrintable(skip));
    QVERIFY2(m_dsn.startsWith(u"postgresql://postgres@"_s), qPrintable(m_dsn));
    m_person = m_schema + u"_bob"_s;
    Plan plan;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"), &plan, &errors));
    QVERIFY2(PlanFile::save(location(), plan, &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(execAdmin(ServerPlan::setupSql(m_schema)));
    m_roles << m_schema + u"_release_manager"_s << m_schema + u"_planner"_s << m_schema + u"_viewer"_s;
    QVERIFY(execAdmin(u"CREATE ROLE %1 LOGIN"_s.arg(m_person)));
    m_roles.prepend(m_person);
    QVERIFY(execAdmin(u"GRANT %1_planner TO %2"_s.arg(m_schema, m_person)));
}

void TestTeamWindow::cleanupTestCase()
{
    stopServer();
}

void TestTeamWindow::twoWindowsSeeEachOther()
{
    MainWindow alice, bob;
    openAsAliceAndBob(&alice, &bob);
    if (QTest::currentTestFailed())
        return;
    // The title names the plan and its server, never the location (which may hold a password).
    const QUrl server(m_dsn);
    const QString title = u"plan team on %1/%2"_s.arg(server.host(), server.path().mid(1));
    QVERIFY2(alice.windowTitle().startsWith(title) && !alice.windowTitle().contains(u"?plan"_s),
             qPrintable(alice.windowTitle()));

    // Bob adds a release; Alice's window shows it, and says it was Bob.
    Release release{u"r5"_s, u"2027.04"_s, QDate(2027, 4, 6), Release::Status::Planned, false, {}};
    QString error;
    QVERIFY2(bob.document()->insertRelease(int(bob.plan().releases.size()), release, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(alice.plan().releaseIndex(u"r5"_s) >= 0, 10000);
    const QString message = alice.statusBar()->currentMessage();
    QVERIFY2(message.contains(u"Add release r5"_s) && message.contains(m_person), qPrintable(message));
    QVERIFY(settled(alice));
    screenshot(&alice, u"team-alice-sees-bob.png"_s);
    screenshot(&bob, u"team-bob.png"_s);

    // Bob cannot undo over Alice's later edit.
    QVERIFY2(alice.document()->insertRelease(int(alice.plan().releases.size()),
                                             Release{u"r6"_s, u"2027.05"_s, {}, Release::Status::Planned, false, {}},
                                             &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(bob.plan().releaseIndex(u"r6"_s) >= 0, 10000);
    bob.document()->undoStack()->undo();
    QVERIFY(bob.plan().releaseIndex(u"r5"_s) >= 0);
    QVERIFY2(bob.statusBar()->currentMessage().contains(u"Cannot undo"_s), qPrintable(bob.statusBar()->currentMessage()));
    QVERIFY(settled(bob));
    screenshot(&bob, u"team-bob-undo-refused.png"_s);
}

void TestTeamWindow::offlineBanner()
{
    MainWindow window;
    showAs(&window, m_person);
    if (QTest::currentTestFailed())
        return;
    auto *banner = window.findChild<QLabel *>(u"serverBanner"_s);
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    QVERIFY(execAdmin(u"ALTER ROLE %1 NOLOGIN"_s.arg(m_person)));
    QVERIFY(execAdmin(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%1'"_s.arg(m_person)));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
    QVERIFY(settled(window));
    screenshot(&window, u"team-offline.png"_s);
    QVERIFY(execAdmin(u"ALTER ROLE %1 LOGIN"_s.arg(m_person)));
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
}

void TestTeamWindow::staleEditOffered()
{
    MainWindow alice, bob;
    openAsAliceAndBob(&alice, &bob);
    if (QTest::currentTestFailed())
        return;
    QString error;
    int asked = 0;

    // Alice and Bob add different releases at once (Bob's window has not heard of Alice's):
    // Bob's edit is made again on her revision by itself, with a notice, and nobody is asked.
    QVERIFY2(editAsAlice([](Plan *plan) {
                 plan->releases.append(Release{u"ca"_s, u"by alice"_s, {}, Release::Status::Planned, false, {}});
             }, &error), qPrintable(error));
    QTimer neverAsked;
    answerConflict(&neverAsked, u"discardButton"_s, &asked);
    QVERIFY2(bob.document()->insertRelease(int(bob.plan().releases.size()),
                                           Release{u"cb"_s, u"by bob"_s, {}, Release::Status::Planned, false, {}},
                                           &error), qPrintable(error));
    neverAsked.stop();
    QCOMPARE(asked, 0);
    QCOMPARE(serverLabel(u"ca"_s), u"by alice"_s);
    QCOMPARE(serverLabel(u"cb"_s), u"by bob"_s);
    QVERIFY2(bob.statusBar()->currentMessage().contains(u"made again"_s), qPrintable(bob.statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(alice.plan().releaseIndex(u"cb"_s) >= 0, 10000);

    // Both relabel release ca: Bob is asked, re-applies, and his label wins on the server.
    const auto relabel = [&](MainWindow &window, const QString &label) {
        Release r = *window.plan().release(u"ca"_s);
        r.label = label;
        return window.document()->replaceRelease(u"ca"_s, r, &error);
    };
    const auto relabelAsAlice = [&](const QString &label) {
        return editAsAlice([&label](Plan *plan) { plan->releases[plan->releaseIndex(u"ca"_s)].label = label; }, &error);
    };
    QVERIFY2(relabelAsAlice(u"alice again"_s), qPrintable(error));
    QTimer reapply;
    answerConflict(&reapply, u"reapplyButton"_s, &asked);
    QVERIFY2(relabel(bob, u"bob again"_s), qPrintable(error));
    QCOMPARE(asked, 1);
    QCOMPARE(serverLabel(u"ca"_s), u"bob again"_s);
    QCOMPARE(bob.plan().release(u"ca"_s)->label, u"bob again"_s);

    // Once more, and Bob keeps Alice's: nothing of his reaches the server, his window shows hers.
    QTRY_VERIFY_WITH_TIMEOUT(alice.plan().release(u"ca"_s)->label == u"bob again"_s, 10000);
    QVERIFY2(relabelAsAlice(u"alice wins"_s), qPrintable(error));
    QTimer discard;
    answerConflict(&discard, u"discardButton"_s, &asked);
    QVERIFY(!relabel(bob, u"bob loses"_s));
    QCOMPARE(asked, 2);
    QVERIFY2(error.contains(u"discarded"_s), qPrintable(error));
    QCOMPARE(serverLabel(u"ca"_s), u"alice wins"_s);
    QCOMPARE(bob.plan().release(u"ca"_s)->label, u"alice wins"_s);

    // Alice removes the release Bob relabels: re-applied, his edit no longer applies, and says why.
    QVERIFY2(editAsAlice([](Plan *plan) { plan->releases.removeAt(plan->releaseIndex(u"ca"_s)); }, &error),
             qPrintable(error));
    QTimer gone;
    answerConflict(&gone, u"reapplyButton"_s, &asked);
    QVERIFY(!relabel(bob, u"bob too late"_s));
    QCOMPARE(asked, 3);
    QVERIFY2(error.contains(u"no longer applies"_s), qPrintable(error));
    QVERIFY(serverLabel(u"ca"_s).isEmpty());
    QVERIFY(!bob.plan().release(u"ca"_s));
}

void TestTeamWindow::openOfAnUnansweringServerKeepsTheWindowLive()
{
    // A port that takes connections and never answers, as a host that drops packets does:
    // libpq's connect waits there for connect_timeout (10 s).
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QUrl url(location());
    url.setPort(silent.serverPort());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString titleBefore = window.windowTitle();
    // A timer of the window's thread counts how often it gets to run while the open waits.
    int ticks = 0;
    QTimer tick;
    tick.setInterval(100);
    connect(&tick, &QTimer::timeout, &tick, [&ticks] { ++ticks; });
    tick.start();
    QVERIFY(window.openPlan(url.toString()));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"Connecting"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QMessageBox *box = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (box = window.findChild<QMessageBox *>(u"planErrorBox"_s)) != nullptr; }, 40000));
    // The whole connect_timeout passed while the open waited; the window's thread kept turning.
    QVERIFY2(ticks >= 30, qPrintable(QString::number(ticks)));
    qInfo("the window's 100 ms timer fired %d times while the open waited on a server that never answers", ticks);
    QVERIFY2(box->informativeText().contains(u"the server does not answer"_s)
                 && box->informativeText().contains(QString::number(silent.serverPort())),
             qPrintable(box->informativeText()));
    QCOMPARE(window.windowTitle(), titleBefore); // nothing else was opened
    box->close();

    // The same through a server that answers: the plan opens (once the worker found it up).
    QVERIFY(window.openPlan(location()));
    QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(u"plan team on"_s), 20000);
}

void TestTeamWindow::editOnAPausedServerKeepsTheWindowLive()
{
    MainWindow window;
    showAs(&window, m_person);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(settled(window));
    auto *saving = window.findChild<QLabel *>(u"savingLabel"_s);
    QVERIFY(saving);
    QVERIFY(!saving->isVisible());

    // The server stops answering mid-session: its postmaster and every backend of the window's
    // login (the plan's own connection and the heartbeat's) are stopped, as a host that hangs.
    QSqlQuery query(m_admin.database());
    QVERIFY(query.exec(u"SHOW data_directory"_s) && query.next());
    QFile pidFile(query.value(0).toString() + u"/postmaster.pid"_s);
    QVERIFY2(pidFile.open(QIODevice::ReadOnly), qPrintable(pidFile.fileName()));
    QList<qint64> paused{QString::fromLatin1(pidFile.readLine()).trimmed().toLongLong()};
    QVERIFY(paused.constFirst() > 0);
    QVERIFY(query.exec(u"SELECT pid FROM pg_stat_activity WHERE usename = '%1'"_s.arg(m_person)));
    while (query.next())
        paused << query.value(0).toLongLong();
    QVERIFY2(paused.size() >= 2, qPrintable(QString::number(paused.size()))); // postmaster, plan (, probe)
    std::atomic<bool> resumed = false;
    const auto resume = [&paused, &resumed] {
        if (resumed.exchange(true))
            return;
        for (qint64 pid : std::as_const(paused))
            ::kill(pid_t(pid), SIGCONT);
    };
    for (qint64 pid : std::as_const(paused))
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
    // Should the window's thread block after all, no timer of it could resume the server: a
    // thread of the test's own does after 20 s, and the tick count below then fails the test.
    std::thread watchdog([&resumed, &resume] {
        for (int i = 0; i < 200 && !resumed; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        resume();
    });

    // While the edit waits for the server, a timer of the window's thread keeps firing; after
    // 30 of its ticks (3 s) the window is asked what it says, and the server resumes.
    int ticks = 0;
    bool saidSaving = false;
    bool documentSaving = false;
    QTimer tick;
    tick.setInterval(100);
    // An open that arrives during the wait (a slow open's answer is a posted event, and posted
    // events run while the edit waits) must not replace what the waiting edit uses.
    bool openedDuringWait = true;
    QString openRefusal;
    connect(&tick, &QTimer::timeout, &tick, [&] {
        if (++ticks == 10) {
            QList<PlanError> errors;
            openedDuringWait = window.document()->open(location(m_person), &errors);
            openRefusal = errors.isEmpty() ? QString() : errors.constFirst().message;
        }
        if (ticks != 30)
            return;
        saidSaving = saving->isVisible() && saving->text().contains(u"Add release paused"_s);
        documentSaving = window.document()->isSaving();
        resume();
    });
    tick.start();
    QString error;
    const bool added = window.document()->insertRelease(
        int(window.plan().releases.size()),
        Release{u"paused"_s, u"while paused"_s, {}, Release::Status::Planned, false, {}}, &error);
    tick.stop();
    resume();
    watchdog.join();
    QVERIFY2(ticks >= 30, qPrintable(QString::number(ticks)));
    qInfo("the window's 100 ms timer fired %d times while the edit waited on a paused server", ticks);
    QVERIFY2(saidSaving, qPrintable(saving->text()));
    QVERIFY(documentSaving);
    QVERIFY(!openedDuringWait);
    QVERIFY2(openRefusal.contains(u"still being saved"_s), qPrintable(openRefusal));
    QVERIFY(!window.document()->isSaving());
    QVERIFY(!saving->isVisible());

    // After resuming, the edit landed exactly once: one row, one history entry.
    QVERIFY2(added, qPrintable(error));
    QVERIFY(window.plan().releaseIndex(u"paused"_s) >= 0);
    QCOMPARE(serverLabel(u"paused"_s), u"while paused"_s);
    QVERIFY(query.exec(u"SELECT count(*) FROM %1.releases WHERE id = 'paused'"_s.arg(m_schema)) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(u"SELECT count(*) FROM %1.revisions WHERE what = 'Add release paused'"_s.arg(m_schema))
            && query.next());
    QCOMPARE(query.value(0).toInt(), 1);

    // The window goes on: undo is one more transaction on the server.
    QVERIFY(settled(window));
    window.document()->undoStack()->undo();
    QVERIFY(serverLabel(u"paused"_s).isEmpty());
    QVERIFY(window.plan().releaseIndex(u"paused"_s) < 0);
}

QTEST_MAIN(TestTeamWindow)
#include "tst_teamwindow.moc"
