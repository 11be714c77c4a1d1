// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Issue 16, the window side: two windows on one plan on a PostgreSQL server
// (TIDELINE_TEST_PG_DSN) see each other's edits with who made them, and a window that loses the
// server shows a banner, refuses edits and comes back by itself. With TIDELINE_SCREENSHOT_DIR
// set, the two windows are saved for docs/team.md.
#include <mainwindow.h>

#include <document/document.h>
#include <io/planfile.h>
#include <sql/connection.h>
#include <storage/serverplan.h>

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QRandomGenerator>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Tideline;
using namespace Qt::StringLiterals;

namespace {

bool settled(const MainWindow &window)
{
    if (!QTest::qWaitFor([&window] { return !window.document()->isChecking(); }, 60000))
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

} // namespace

class TestTeamWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoWindowsSeeEachOther();
    void offlineBanner();

private:
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_admin.database());
        if (query.exec(sql))
            return true;
        qWarning() << sql << query.lastError().text();
        return false;
    }
    QString location(const QString &user = u"postgres"_s) const
    {
        QString dsn = m_dsn;
        dsn.replace(u"postgresql://postgres@"_s, u"postgresql://"_s + user + u'@');
        return dsn + u"?plan=team&schema="_s + m_schema;
    }
    void screenshot(QWidget *window, const QString &name)
    {
        const QString directory = qEnvironmentVariable("TIDELINE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            return;
        QDir().mkpath(directory);
        QVERIFY(window->grab().save(QDir(directory).filePath(name)));
    }

    QString m_dsn;
    QString m_schema;
    QString m_person;
    Connection m_admin;
    QTemporaryDir m_settings;
};

void TestTeamWindow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QApplication::setOrganizationName(u"TidelineTests"_s);
    QApplication::setApplicationName(u"tst_teamwindow"_s);
    m_dsn = qEnvironmentVariable("TIDELINE_TEST_PG_DSN");
    if (m_dsn.isEmpty())
        QSKIP("TIDELINE_TEST_PG_DSN is not set (./test.sh starts a throwaway PostgreSQL and sets it)");
    QVERIFY2(m_dsn.startsWith(u"postgresql://postgres@"_s), qPrintable(m_dsn));
    QString error;
    QVERIFY2(m_admin.open(m_dsn, &error), qPrintable(error));
    m_schema = u"w16_%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    m_person = m_schema + u"_bob"_s;
    Plan plan;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"), &plan, &errors));
    QVERIFY2(PlanFile::save(location(), plan, &errors), qPrintable(errors.value(0).toString()));
    QVERIFY(exec(ServerPlan::setupSql(m_schema)));
    QVERIFY(exec(u"CREATE ROLE %1 LOGIN"_s.arg(m_person)));
    QVERIFY(exec(u"GRANT %1_planner TO %2"_s.arg(m_schema, m_person)));
}

void TestTeamWindow::cleanupTestCase()
{
    if (m_dsn.isEmpty())
        return;
    exec(u"SET client_min_messages = warning"_s);
    exec(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(m_schema));
    for (const QString &role : {m_person, m_schema + u"_release_manager"_s, m_schema + u"_planner"_s,
                                m_schema + u"_viewer"_s})
        exec(u"DROP ROLE IF EXISTS %1"_s.arg(role));
}

void TestTeamWindow::twoWindowsSeeEachOther()
{
    MainWindow alice, bob;
    for (MainWindow *window : {&alice, &bob}) {
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }
    QStringList errors;
    QVERIFY2(alice.loadPlan(location(), &errors), qPrintable(errors.join(u'\n')));
    QVERIFY2(bob.loadPlan(location(m_person), &errors), qPrintable(errors.join(u'\n')));
    QVERIFY(settled(alice) && settled(bob));

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
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList errors;
    QVERIFY2(window.loadPlan(location(m_person), &errors), qPrintable(errors.join(u'\n')));
    auto *banner = window.findChild<QLabel *>(u"serverBanner"_s);
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    QVERIFY(exec(u"ALTER ROLE %1 NOLOGIN"_s.arg(m_person)));
    QVERIFY(exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%1'"_s.arg(m_person)));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
    QVERIFY(settled(window));
    screenshot(&window, u"team-offline.png"_s);
    QVERIFY(exec(u"ALTER ROLE %1 LOGIN"_s.arg(m_person)));
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
}

QTEST_MAIN(TestTeamWindow)
#include "tst_teamwindow.moc"
