// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost (issue 13, item 8): autosave and the recovery offer after a real kill -9 of a
// process that had edits, and watching the open plan's file for outside changes. What is
// judged is read back from the files, never from the window's model alone.

#include "screenshots.h"
#include "../benchmarks/plangenerator.h"

#include <mainwindow.h>
#include <mainwindowrecovery.h>

#include <document/document.h>
#include <document/recovery.h>
#include <io/planfile.h>

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace Tideline;

namespace {

const QString ChildLabel = u"2027.01 (edited, then killed)"_s;
constexpr int ChildBatch = 777;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Plan loadFile(const QString &path)
{
    Plan plan;
    QList<PlanError> errors;
    if (!PlanFile::load(path, &plan, &errors))
        qWarning() << "cannot load" << path << errors.value(0).toString();
    return plan;
}

/** Writes @p plan to @p path as another program would: the file is replaced (QSaveFile). */
bool writeOutside(const QString &path, const Plan &plan)
{
    QList<PlanError> errors;
    return PlanFile::save(path, plan, &errors);
}

/** The child: opens the plan in a real MainWindow, edits it, waits for the autosave, says so
 *  and waits to be killed. */
int runChild(const QString &path)
{
    MainWindow window;
    window.show();
    if (!window.loadPlan(path))
        return 2;
    Release release = *window.plan().release(u"r2"_s);
    release.label = ChildLabel;
    Policy policy = window.plan().policy;
    policy.backfillBatch = ChildBatch;
    QString error;
    if (!window.document()->replaceRelease(u"r2"_s, release, &error)
        || !window.document()->setPolicy(policy, &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 2;
    }
    const QString recovery = Recovery::pathFor(path);
    while (!QFileInfo::exists(recovery)) // the autosave after PlanKeeper::IdleMs
        QTest::qWait(50);
    QTextStream(stdout) << "autosaved" << Qt::endl;
    return QApplication::exec();
}

/** The child of an untitled plan: the first example, edited, autosaved, then killed. */
int runUntitledChild()
{
    MainWindow window;
    window.show();
    QString error;
    if (!window.openExample(MainWindow::examples().constFirst(), &error))
        return 2;
    Release release = *window.plan().release(u"r2"_s);
    release.label = ChildLabel;
    if (!window.document()->replaceRelease(u"r2"_s, release, &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 2;
    }
    while (!QFileInfo::exists(Recovery::pathFor(QString())))
        QTest::qWait(50);
    QTextStream(stdout) << "autosaved" << Qt::endl;
    return QApplication::exec();
}

/** Starts this program as a child with @p arguments, waits for its autosave and kills it. */
bool killAfterAutosave(const QStringList &arguments)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForStarted())
        return false;
    while (!child.canReadLine() && child.state() == QProcess::Running)
        child.waitForReadyRead(-1);
    if (child.readLine().trimmed() != "autosaved")
        return false;
    child.kill(); // SIGKILL: no handler, no save, no clean-up
    return child.waitForFinished(-1) && child.exitStatus() == QProcess::CrashExit;
}

/** An unsaved edit of the window's plan: its policy's backfill batch becomes @p batch. */
bool editBatch(MainWindow &window, int batch)
{
    Policy policy = window.plan().policy;
    policy.backfillBatch = batch;
    QString error;
    if (window.document()->setPolicy(policy, &error))
        return true;
    qWarning() << "cannot edit the policy:" << error;
    return false;
}

QMessageBox *offer(const MainWindow &window, const QString &name)
{
    auto *box = window.findChild<QMessageBox *>(name);
    return box && box->isVisible() ? box : nullptr;
}

} // namespace

class tst_Recovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void killedProcessIsRecovered_data();
    void killedProcessIsRecovered();
    void killedUntitledPlanIsRecovered();
    void discardKeepsTheFile();
    void cleanSaveAndUndoRemoveTheRecovery();
    void outsideChangeReloadsWithoutEdits();
    void outsideChangeMergesDisjointEdits();
    void mergeTheEngineRefusesKeepsMyEdits();
    void mergeOfAFileGoneBadKeepsMyEdits();
    void mergeOfALargePlanLeavesTheWindowAnswering();
    void failedSaveKeepsTheRecovery();
    void outsideChangeOnTheSameReleaseIsNotMerged_data();
    void outsideChangeOnTheSameReleaseIsNotMerged();
    void screenshots_data();
    void screenshots();

private:
    QString copyPlan(const QString &fileName);

    QTemporaryDir m_home; // XDG_DATA_HOME of this test and its child
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Recovery::initTestCase()
{
    QVERIFY(m_home.isValid());
    // The recovery folder (AppDataLocation) of this process and of the child it starts.
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    QVERIFY(Recovery::folder().startsWith(m_home.path()));
}

void tst_Recovery::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_Recovery::copyPlan(const QString &fileName)
{
    const Plan plan = loadFile(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"));
    const QString path = m_dir->filePath(fileName);
    if (!writeOutside(path, plan))
        return {};
    return path;
}

void tst_Recovery::killedProcessIsRecovered_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("json") << u"plan.tideline.json"_s;
    QTest::newRow("sqlite") << u"plan.tideline"_s;
}

void tst_Recovery::killedProcessIsRecovered()
{
    QFETCH(QString, fileName);
    const QString path = copyPlan(fileName);
    QVERIFY(!path.isEmpty());
    const QByteArray before = readFile(path);
    const Plan original = loadFile(path);

    QVERIFY(killAfterAutosave({u"--child"_s, path}));
    QCOMPARE(readFile(path), before); // the crash wrote nothing to the plan
    QVERIFY(QFileInfo::exists(Recovery::pathFor(path)));

    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QTRY_VERIFY(offer(window, u"recoveryOffer"_s));
    QVERIFY(window.plan() == original); // nothing restored before the user says so
    auto *restore = offer(window, u"recoveryOffer"_s)->findChild<QPushButton *>(u"restoreButton"_s);
    QVERIFY(restore);
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(window.document()->isModified());
    QCOMPARE(readFile(path), before); // restored into the window, the file still untouched
    QCOMPARE(window.plan().release(u"r2"_s)->label, ChildLabel);

    QString error;
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    const Plan saved = loadFile(path);
    QCOMPARE(saved.release(u"r2"_s)->label, ChildLabel);
    QCOMPARE(saved.policy.backfillBatch, ChildBatch);
    Plan expected = original;
    expected.releases[expected.releaseIndex(u"r2"_s)].label = ChildLabel;
    expected.policy.backfillBatch = ChildBatch;
    QVERIFY(saved == expected); // those edits, and nothing else
    QVERIFY(!QFileInfo::exists(Recovery::pathFor(path))); // a clean save removes it
}

void tst_Recovery::killedUntitledPlanIsRecovered()
{
    QVERIFY(killAfterAutosave({u"--untitled-child"_s}));
    Recovery::Found orphan;
    QString error;
    QVERIFY2(Recovery::findOrphan(&orphan, &error), qPrintable(error));
    QVERIFY(orphan.planPath.isEmpty());

    MainWindow window; // as main() starts without a plan: the example, then the offer
    window.show();
    QVERIFY(window.openExample(MainWindow::examples().constFirst()));
    window.offerUntitledRecovery();
    QTRY_VERIFY(offer(window, u"recoveryOffer"_s));
    QVERIFY2(offer(window, u"recoveryOffer"_s)->text().contains(u"untitled"_s),
             qPrintable(offer(window, u"recoveryOffer"_s)->text()));
    QTest::mouseClick(offer(window, u"recoveryOffer"_s)->findChild<QPushButton *>(u"restoreButton"_s),
                      Qt::LeftButton);
    QVERIFY(!QFileInfo::exists(orphan.path)); // taken over: this window autosaves it now
    QVERIFY(QFileInfo::exists(Recovery::pathFor(QString())));
    QVERIFY(!Recovery::findOrphan(&orphan, &error)); // not offered again

    const QString path = m_dir->filePath(u"untitled.tideline.json"_s);
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    QCOMPARE(loadFile(path).release(u"r2"_s)->label, ChildLabel);
    QVERIFY(!QFileInfo::exists(Recovery::pathFor(QString()))); // saved: nothing to recover
}

void tst_Recovery::discardKeepsTheFile()
{
    const QString path = copyPlan(u"plan.tideline.json"_s);
    const QByteArray before = readFile(path);
    Plan edited = loadFile(path);
    edited.name = u"Edited elsewhere"_s;
    QString error;
    QTest::qWait(20); // the recovery file must be newer than the plan, by its time stamp
    QVERIFY2(Recovery::write(path, edited, &error), qPrintable(error));

    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QTRY_VERIFY(offer(window, u"recoveryOffer"_s));
    // Escape is no answer: the question stays, and so does the recovery file.
    QTest::keyClick(offer(window, u"recoveryOffer"_s), Qt::Key_Escape);
    QVERIFY(offer(window, u"recoveryOffer"_s));
    QVERIFY(QFileInfo::exists(Recovery::pathFor(path)));
    QTest::mouseClick(offer(window, u"recoveryOffer"_s)->findChild<QPushButton *>(u"discardButton"_s),
                      Qt::LeftButton);
    QVERIFY(!QFileInfo::exists(Recovery::pathFor(path)));
    QVERIFY(!window.document()->isModified());
    QCOMPARE(readFile(path), before);

    // A recovery file older than the plan (a pull wrote the file after the crash) is offered
    // all the same, saying so: a file time never drops edits nobody saved.
    QVERIFY2(Recovery::write(path, edited, &error), qPrintable(error));
    QTest::qWait(20);
    QVERIFY(writeOutside(path, loadFile(path)));
    Recovery::Found found;
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QVERIFY(found.fileChangedSince);
    QCOMPARE(found.plan.name, edited.name);
    {
        MainWindow again;
        again.show();
        QVERIFY(again.loadPlan(path));
        QTRY_VERIFY(offer(again, u"recoveryOffer"_s));
        QVERIFY(offer(again, u"recoveryOffer"_s)->informativeText().contains(u"written after"_s));
    } // closed unanswered: the edits stay for next time
    QVERIFY(QFileInfo::exists(Recovery::pathFor(path)));

    // One that holds exactly what the file holds now (a save whose clean-up was cut) is
    // nothing to recover: removed, not offered.
    QVERIFY(writeOutside(path, edited));
    QVERIFY(!Recovery::find(path, &found, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!QFileInfo::exists(Recovery::pathFor(path)));
}

void tst_Recovery::cleanSaveAndUndoRemoveTheRecovery()
{
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    const QString recovery = Recovery::pathFor(path);
    Policy policy = window.plan().policy;
    policy.backfillBatch = 321;
    QString error;
    QVERIFY2(window.document()->setPolicy(policy, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(recovery), 20000);
    Recovery::Found found;
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QCOMPARE(found.plan.policy.backfillBatch, 321); // read back from the recovery file

    window.document()->undoStack()->undo(); // back to what the file holds
    QVERIFY(!QFileInfo::exists(recovery));

    window.document()->undoStack()->redo();
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(recovery), 20000);
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(recovery));
    QCOMPARE(loadFile(path).policy.backfillBatch, 321);
}

void tst_Recovery::outsideChangeReloadsWithoutEdits()
{
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));

    // Twice: the file is replaced each time (a new inode), so it must be watched again.
    for (const QString &label : {u"changed outside"_s, u"changed outside again"_s}) {
        Plan outside = loadFile(path);
        outside.releases[outside.releaseIndex(u"r4"_s)].label = label;
        QVERIFY(writeOutside(path, outside));
        QTRY_COMPARE(window.plan().release(u"r4"_s)->label, label);
        QVERIFY(window.plan() == loadFile(path));
        QVERIFY(!window.document()->isModified());
        QVERIFY2(window.statusBar()->currentMessage().contains(u"reloaded"_s),
                 qPrintable(window.statusBar()->currentMessage()));
    }
    // The window's own save is no outside change: no offer, no reload notice.
    QString error;
    QVERIFY(window.savePlan(path, &error));
    QTest::qWait(200);
    QVERIFY(!offer(window, u"reloadOffer"_s));
    QVERIFY(!window.statusBar()->currentMessage().contains(u"reloaded"_s));
}

void tst_Recovery::outsideChangeMergesDisjointEdits()
{
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    Policy policy = window.plan().policy;
    policy.backfillBatch = 4242; // mine: the policy
    QString error;
    QVERIFY2(window.document()->setPolicy(policy, &error), qPrintable(error));

    Plan outside = loadFile(path); // theirs: release r4
    outside.releases[outside.releaseIndex(u"r4"_s)].label = u"theirs"_s;
    QVERIFY(writeOutside(path, outside));
    QTRY_VERIFY(offer(window, u"reloadOffer"_s));
    QCOMPARE(window.plan().policy.backfillBatch, 4242); // nothing changed before the answer
    auto *merge = offer(window, u"reloadOffer"_s)->findChild<QPushButton *>(u"mergeButton"_s);
    QVERIFY(merge);
    QTest::mouseClick(merge, Qt::LeftButton);
    QTRY_COMPARE(window.plan().release(u"r4"_s)->label, u"theirs"_s); // checked in the worker first
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.plan().policy.backfillBatch, 4242);
    QCOMPARE(loadFile(path).policy.backfillBatch, outside.policy.backfillBatch); // file: theirs
    // Once the engine took the merge in, the recovery file holds it (read back from it).
    QTRY_VERIFY(!window.document()->isChecking());
    QVERIFY(window.document()->isModified());
    Recovery::Found found;
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QCOMPARE(found.plan.policy.backfillBatch, 4242);
    QCOMPARE(found.plan.release(u"r4"_s)->label, u"theirs"_s);

    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    const Plan saved = loadFile(path);
    QCOMPARE(saved.release(u"r4"_s)->label, u"theirs"_s);
    QCOMPARE(saved.policy.backfillBatch, 4242);
}

void tst_Recovery::mergeTheEngineRefusesKeepsMyEdits()
{
    // Each side adds a column "nickname" to customer, as refactorings of its own: the merge
    // is clean in its structure (different refactorings, nothing edited by both) but the
    // engine cannot run it, as the second add finds the column there already.
    const auto addNickname = [](const QString &id, const QString &release) {
        Refactoring r;
        r.id = id;
        r.kind = u"add_column"_s;
        r.start = release;
        r.params = {{u"table"_s, u"customer"_s}, {u"column"_s, u"nickname"_s},
                    {u"type"_s, u"varchar(40)"_s}};
        return r;
    };
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QString error;
    QVERIFY2(window.document()->addRefactoring(addNickname(u"nickname-mine"_s, u"r2"_s), &error),
             qPrintable(error));
    QTRY_VERIFY(!window.document()->isChecking());
    QVERIFY(window.document()->isModified()); // the engine took my edit
    const Plan mine = window.plan();

    Plan outside = loadFile(path);
    outside.refactorings.append(addNickname(u"nickname-theirs"_s, u"r3"_s));
    QVERIFY(writeOutside(path, outside));
    const QByteArray theirs = readFile(path);
    QTRY_VERIFY(offer(window, u"reloadOffer"_s));
    auto *merge = offer(window, u"reloadOffer"_s)->findChild<QPushButton *>(u"mergeButton"_s);
    QVERIFY(merge); // offered: the structure merges
    QTest::mouseClick(merge, Qt::LeftButton);

    QTRY_VERIFY(!window.document()->isChecking()); // whatever the worker's run said
    QVERIFY(window.document()->isModified());
    QVERIFY(window.plan().refactoringIndex(u"nickname-mine"_s) >= 0);
    QVERIFY(window.plan() == mine);
    QTRY_VERIFY(offer(window, u"mergeRefused"_s));
    const QString why = offer(window, u"mergeRefused"_s)->text();
    QVERIFY2(why.contains(u"nickname"_s), qPrintable(why)); // the engine's reason, named
    QCOMPARE(readFile(path), theirs); // the file as it was changed outside

    // The recovery file on disk holds my edits, as read back from it.
    Recovery::Found found;
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QVERIFY(found.plan == mine);
    QTest::qWait(PlanKeeper::IdleMs + 500); // past an autosave: still there, still mine
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QVERIFY(found.plan == mine);

    // Refused once: the question is not asked again, and saving writes my plan.
    QVERIFY(!offer(window, u"reloadOffer"_s));
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    QVERIFY(loadFile(path) == mine);
    QVERIFY(!QFileInfo::exists(Recovery::pathFor(path)));
}

void tst_Recovery::mergeOfAFileGoneBadKeepsMyEdits()
{
    // Merge is asked for, but by the click the file no longer reads as a plan: the reload
    // under the merge cannot happen, and nothing of mine may go with it.
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QVERIFY(editBatch(window, 4343));
    QString error;
    const Plan mine = window.plan();

    Plan outside = loadFile(path);
    outside.releases[outside.releaseIndex(u"r4"_s)].label = u"theirs"_s;
    QVERIFY(writeOutside(path, outside));
    QTRY_VERIFY(offer(window, u"reloadOffer"_s));
    QMessageBox *box = offer(window, u"reloadOffer"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QVERIFY(file.write("{ \"format\": \"tideline-plan\", ") > 0); // half written
    file.close();
    QTest::mouseClick(box->findChild<QPushButton *>(u"mergeButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!window.document()->isChecking());
    QVERIFY(window.document()->isModified());
    QVERIFY(window.plan() == mine);
    Recovery::Found found;
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QVERIFY(found.plan == mine);
}

void tst_Recovery::mergeOfALargePlanLeavesTheWindowAnswering()
{
    // The s1 plan (200 releases, 2,000 refactorings): the merge's engine run takes about a
    // second, in the worker; a timer of the GUI thread keeps firing meanwhile.
    using namespace Tideline::Benchmarks;
    constexpr PlanSize S1{300, 200, 2000, PlanSize::groupsNeeded(2000, 300)};
    const QString path = m_dir->filePath(u"s1.tideline.json"_s);
    QVERIFY(writeOutside(path, generatePlan(S1)));
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QTRY_VERIFY_WITH_TIMEOUT(!window.document()->isChecking(), 120000);
    QVERIFY(editBatch(window, 4545)); // mine: the policy
    QTRY_VERIFY_WITH_TIMEOUT(!window.document()->isChecking(), 120000);
    QVERIFY(window.document()->isModified());

    Plan outside = loadFile(path); // theirs: the last release's label
    const QString last = outside.releases.constLast().id;
    outside.releases.last().label = u"theirs"_s;
    QVERIFY(writeOutside(path, outside));
    QTRY_VERIFY_WITH_TIMEOUT(offer(window, u"reloadOffer"_s), 60000);
    auto *merge = offer(window, u"reloadOffer"_s)->findChild<QPushButton *>(u"mergeButton"_s);
    QVERIFY(merge);

    auto *keeper = window.findChild<PlanKeeper *>();
    QVERIFY(keeper);
    int ticks = 0, ticksWhileMerging = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] {
        ++ticks;
        if (keeper->isMerging())
            ++ticksWhileMerging;
    });
    timer.start();
    QTest::mouseClick(merge, Qt::LeftButton);
    QVERIFY(keeper->isMerging()); // the click returned at once: the check runs in the worker
    QVERIFY(window.plan().release(last)->label != u"theirs"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!keeper->isMerging(), 120000);
    timer.stop();
    // The GUI thread's timer fired again and again while the merge was checked.
    qInfo("%d of %d ticks of a 10 ms GUI-thread timer came while the s1 merge was checked", ticksWhileMerging, ticks);
    QVERIFY2(ticksWhileMerging >= 5, qPrintable(u"%1 of %2 ticks while merging"_s.arg(ticksWhileMerging).arg(ticks)));
    // And the merge is taken in: theirs and mine, in the window and, saved, in the file.
    QTRY_COMPARE_WITH_TIMEOUT(window.plan().release(last)->label, u"theirs"_s, 120000);
    QCOMPARE(window.plan().policy.backfillBatch, 4545);
    QTRY_VERIFY_WITH_TIMEOUT(!window.document()->isChecking(), 120000);
    QString error;
    QVERIFY2(window.savePlan(path, &error), qPrintable(error));
    const Plan saved = loadFile(path);
    QCOMPARE(saved.releases.constLast().label, u"theirs"_s);
    QCOMPARE(saved.policy.backfillBatch, 4545);
}

void tst_Recovery::failedSaveKeepsTheRecovery()
{
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    QVERIFY(editBatch(window, 4444));
    QString error;
    const QString recovery = Recovery::pathFor(path);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(recovery), 20000);

    // Save As into a folder that does not exist: the save fails, and takes nothing with it.
    QVERIFY(!window.savePlan(m_dir->filePath(u"missing/plan.tideline.json"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.plan().policy.backfillBatch, 4444);
    QCOMPARE(window.document()->filePath(), QFileInfo(path).absoluteFilePath());
    Recovery::Found found;
    QVERIFY2(Recovery::find(path, &found, &error), qPrintable(error));
    QCOMPARE(found.plan.policy.backfillBatch, 4444);
}

void tst_Recovery::outsideChangeOnTheSameReleaseIsNotMerged_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("expected");
    QTest::newRow("keep mine") << u"keepMineButton"_s << u"mine"_s;
    QTest::newRow("reload") << u"reloadButton"_s << u"theirs"_s;
}

void tst_Recovery::outsideChangeOnTheSameReleaseIsNotMerged()
{
    QFETCH(QString, button);
    QFETCH(QString, expected);
    const QString path = copyPlan(u"plan.tideline.json"_s);
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(path));
    Release mine = *window.plan().release(u"r4"_s);
    mine.label = u"mine"_s;
    QString error;
    QVERIFY2(window.document()->replaceRelease(u"r4"_s, mine, &error), qPrintable(error));

    Plan outside = loadFile(path);
    outside.releases[outside.releaseIndex(u"r4"_s)].label = u"theirs"_s;
    QVERIFY(writeOutside(path, outside));
    QTRY_VERIFY(offer(window, u"reloadOffer"_s));
    QMessageBox *box = offer(window, u"reloadOffer"_s);
    QVERIFY(!box->findChild<QPushButton *>(u"mergeButton"_s));
    QVERIFY2(box->informativeText().contains(u"release r4"_s), qPrintable(box->informativeText()));
    QTest::mouseClick(box->findChild<QPushButton *>(button), Qt::LeftButton);
    QCOMPARE(window.plan().release(u"r4"_s)->label, expected);
    QCOMPARE(loadFile(path).release(u"r4"_s)->label, u"theirs"_s); // the file as changed
    QCOMPARE(window.document()->isModified(), expected == u"mine"_s);
}

void tst_Recovery::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QSize>("size");
    for (const QSize size : {QSize(1600, 1000), QSize(1280, 800)}) {
        QTest::addRow("%d light", size.width()) << false << size;
        QTest::addRow("%d dark", size.width()) << true << size;
    }
}

void tst_Recovery::screenshots()
{
    if (Screenshots::directory().isEmpty())
        QSKIP("TIDELINE_SCREENSHOT_DIR is not set");
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    const QPalette original = QApplication::palette();
    Screenshots::usePalette(dark);
    const QString path = copyPlan(u"customer-full-name.tideline.json"_s);
    Plan edited = loadFile(path);
    edited.releases[1].label = u"2027.01 (edited)"_s;
    QString error;
    QTest::qWait(20); // newer than the plan
    QVERIFY2(Recovery::write(path, edited, &error), qPrintable(error));

    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(path));
    QTRY_VERIFY(offer(window, u"recoveryOffer"_s));
    QVERIFY(QTest::qWaitFor([&window] { return !window.document()->isChecking(); }, 60000));
    QCoreApplication::sendPostedEvents(); // the panels update in events of their own
    QTest::qWait(100);
    QMessageBox *box = offer(window, u"recoveryOffer"_s);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    QVERIFY(Screenshots::save(&window, box, u"recovery-offer-%1"_s.arg(size.width()), dark));
    QTest::mouseClick(box->findChild<QPushButton *>(u"restoreButton"_s), Qt::LeftButton);

    Plan outside = loadFile(path);
    outside.releases[3].label = u"2027.03 (changed outside)"_s;
    QVERIFY(writeOutside(path, outside));
    QTRY_VERIFY(offer(window, u"reloadOffer"_s));
    box = offer(window, u"reloadOffer"_s);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    QVERIFY(Screenshots::save(&window, box, u"reload-offer-%1"_s.arg(size.width()), dark));
    QApplication::setPalette(original);
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == u"--child"_s)
        return runChild(args.at(2));
    if (args.size() == 2 && args.at(1) == u"--untitled-child"_s)
        return runUntitledChild();
    tst_Recovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recovery.moc"
