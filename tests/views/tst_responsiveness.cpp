// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Issue 12: nothing heavy on the GUI thread. The window opens the s1 generated plan (200
// releases, 2,000 refactorings, as tests/benchmarks generates it), a step is dragged to
// another release as a user drags it, and while the engine and the review re-check the plan
// in the document's worker, input keeps flowing: an event-loop observer (the application's
// notify()) times every event handler on the GUI thread, and none may take more than 50 ms.
// The result that comes in must equal a synchronous Engine run (and review) of the same plan.
//
// Durations are taken as GUI-thread CPU time (CLOCK_THREAD_CPUTIME_ID), which is what a handler
// that blocks the loop spends: the 2-core test machine is shared, so wall time also counts
// the time the thread waits for a core. Wall figures are printed beside them.
//
// TIDELINE_GRAB_DIR=<dir> also saves the window while it opens the plan and while it
// re-checks, light and dark.

#include "../benchmarks/plangenerator.h"

#include <mainwindow.h>
#include <document/document.h>
#include <document/planedits.h>
#include <engine/engine.h>
#include <io/planfile.h>
#include <panels/bundlepanel.h>
#include <panels/exporttask.h>
#include <panels/readinesspanel.h>
#include <report/reportrenderer.h>
#include <report/reporttask.h>
#include <review/review.h>
#include <timeline/timelinegrid.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QKeyEvent>
#include <QPalette>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

#include <ctime>

using namespace Tideline;
using namespace Tideline::Benchmarks;
using namespace Qt::StringLiterals;

namespace {

constexpr PlanSize S1{300, 200, 2000, PlanSize::groupsNeeded(2000, 300)};
#if defined(__SANITIZE_ADDRESS__)
// ./test.sh --sanitize: AddressSanitizer makes every allocation several times dearer (a handler
// of 20 ms takes up to 480 ms there), so the limit is twenty times the issue's. That run checks
// memory and undefined behaviour; the 50 ms holds in every normal build.
constexpr qint64 LimitNs = 20 * 50'000'000;
#else
constexpr qint64 LimitNs = 50'000'000; // 50 ms: the limit for one handler
#endif

qint64 threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

/** The longest handler seen while recording: GUI-thread CPU and wall time, and its event. */
struct Longest
{
    qint64 cpuNs = 0;
    qint64 wallNs = 0;
    int type = 0;
    QByteArray receiver;
};

/** QApplication whose notify() times every outermost event handler (the event loop's). */
class ObservedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_recording || m_depth > 0) {
            ++m_depth;
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        const int type = event->type(); // the event may be gone after delivery
        const QByteArray name = QByteArray(receiver->metaObject()->className()) + ' '
                                + receiver->objectName().toLatin1();
        QElapsedTimer wall;
        wall.start();
        const qint64 cpu = threadCpuNs();
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 cpuNs = threadCpuNs() - cpu;
        const qint64 wallNs = wall.nsecsElapsed();
        ++m_handlers;
        if (cpuNs > m_longest.cpuNs)
            m_longest = {cpuNs, wallNs, type, name};
        m_longestWallNs = qMax(m_longestWallNs, wallNs);
        return handled;
    }

    void record()
    {
        m_recording = true;
        m_longest = {};
        m_longestWallNs = 0;
        m_handlers = 0;
    }
    void stop() { m_recording = false; }
    Longest longest() const { return m_longest; }
    qint64 longestWallNs() const { return m_longestWallNs; }
    int handlers() const { return m_handlers; }

private:
    bool m_recording = false;
    int m_depth = 0;
    int m_handlers = 0;
    Longest m_longest;
    qint64 m_longestWallNs = 0;
};

ObservedApplication *observed()
{
    return static_cast<ObservedApplication *>(QCoreApplication::instance());
}

/** Receives the key presses posted as a user types: when each arrives after its posting. */
/** A user typing: a key press posted every 5 ms once typing starts, and how long each waited. */
class KeyTarget : public QObject
{
public:
    QList<qint64> latenciesNs;
    QElapsedTimer clock;
    QList<qint64> postedAt;
    QTimer typing;

    KeyTarget()
    {
        clock.start();
        typing.setTimerType(Qt::PreciseTimer);
        typing.setInterval(5);
        connect(&typing, &QTimer::timeout, this, &KeyTarget::post);
    }

    void post()
    {
        postedAt << clock.nsecsElapsed();
        QCoreApplication::postEvent(this, new QKeyEvent(QEvent::KeyPress, Qt::Key_A, {}, u"a"_s));
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress)
            return QObject::event(event);
        if (latenciesNs.size() < postedAt.size())
            latenciesNs << clock.nsecsElapsed() - postedAt.at(latenciesNs.size());
        return true;
    }
};

QString describe(const Longest &l)
{
    return u"%1 ms cpu (%2 ms wall) in event %3 to %4"_s.arg(double(l.cpuNs) / 1e6, 0, 'f', 1)
        .arg(double(l.wallNs) / 1e6, 0, 'f', 1)
        .arg(l.type)
        .arg(QString::fromLatin1(l.receiver));
}

/** A step that may move one release later: the last step of a refactoring, not in the last release. */
struct Move
{
    QString refactoring, step, release;
    Phase phase = Phase::Pre;
};

} // namespace

class TestResponsiveness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dragKeepsInputFlowingAtS1();
    void looksRightWhileChecking();
    void exportAllKeepsInputFlowingAtS1();
    void cancelledExportLeavesNothing();
    void reportKeepsInputFlowingAtS1();
    void cancelledReportKeepsTheOldFile();
    void closingTheWindowStopsItsReport();
    void cleanupTestCase();

private:
    bool settled() const;
    Move findMove() const;
    // Presses the chip of @p move and drags it over its target; returns where to release.
    QPoint pressAndDrag(const Move &move);
    void dragStep(const Move &move);

    QTemporaryDir m_directory;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

bool TestResponsiveness::settled() const
{
    if (!QTest::qWaitFor([this] { return !m_window->document()->isChecking(); }, 120000))
        return false;
    QCoreApplication::sendPostedEvents(); // the panels update in events of their own
    return true;
}

void TestResponsiveness::initTestCase()
{
    QVERIFY(m_directory.isValid());
    // Never read or write the user's own settings (recent files, layout).
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_directory.path());
    QApplication::setOrganizationName(u"TidelineTests"_s);
    QApplication::setApplicationName(u"tst_responsiveness"_s);
    m_path = m_directory.filePath(u"s1.tideline"_s);
    QList<PlanError> errors;
    QVERIFY(PlanFile::save(m_path, generatePlan(S1), &errors));

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    // Opening: the file is read on the GUI thread, the engine runs in the worker; the window
    // says it is checking and shows progress (after 200 ms) until the first run is in.
    QElapsedTimer open;
    open.start();
    const qint64 cpu = threadCpuNs();
    QVERIFY(m_window->loadPlan(m_path));
    qInfo("loadPlan returned after %.0f ms cpu, %.0f ms wall; checking: %d",
          double(threadCpuNs() - cpu) / 1e6, double(open.nsecsElapsed()) / 1e6,
          int(m_window->document()->isChecking()));
    QVERIFY(m_window->document()->isChecking());
    auto *progress = m_window->findChild<QWidget *>(u"checkingProgress"_s);
    QVERIFY(progress);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible() || !m_window->document()->isChecking(), 120000);
    const QString grabs = qEnvironmentVariable("TIDELINE_GRAB_DIR");
    if (!grabs.isEmpty() && m_window->document()->isChecking()) {
        QVERIFY(QDir().mkpath(grabs));
        QVERIFY(m_window->grab().save(QDir(grabs).filePath(u"opening.png"_s)));
    }
    QVERIFY(settled());
    qInfo("first result in after %.0f ms wall", double(open.nsecsElapsed()) / 1e6);
    QVERIFY(!progress->isVisible());
    QVERIFY(m_window->document()->engine());
    QCOMPARE(m_window->grid()->isVisible(), true);
}

void TestResponsiveness::cleanupTestCase()
{
    m_window->document()->undoStack()->setClean(); // no "save changes?" on close
    m_window.reset();
}

Move TestResponsiveness::findMove() const
{
    const Engine *engine = m_window->document()->engine();
    Q_ASSERT(engine);
    // The last placed step of each refactoring; a contract later is a longer expand phase.
    QHash<int, int> last; // refactoring -> index into steps()
    const QList<PlacedStep> &steps = engine->steps();
    for (int i = 0; i < steps.size(); ++i) {
        const PlacedStep &p = steps.at(i);
        if (!last.contains(p.refactoring) || steps.at(last.value(p.refactoring)).release <= p.release)
            last.insert(p.refactoring, i);
    }
    const Plan &plan = engine->plan();
    for (int r = 0; r < plan.refactorings.size(); ++r) {
        if (!last.contains(r))
            continue;
        const PlacedStep &p = steps.at(last.value(r));
        if (p.step.category != u"contract"_s || p.release < 2 || p.release >= engine->releaseCount())
            continue;
        // Checked here, outside what is measured: the move must be one the engine accepts.
        Plan copy = plan;
        QString error;
        Move move{plan.refactorings.at(r).id, p.step.name, engine->releaseId(p.release + 1),
                  p.step.phase};
        if (PlanEdits::moveStep(&copy, move.refactoring, move.step, move.release, &error))
            return move;
        qInfo("skipping %s:%s (%s)", qPrintable(move.refactoring), qPrintable(move.step),
              qPrintable(error));
    }
    return {};
}

// Issue 12: exports run in a worker too. Every release of s1 (200 bundles, some 6,500 files)
// is written while input keeps flowing, with a progress dialog once it takes over 200 ms.
void TestResponsiveness::exportAllKeepsInputFlowingAtS1()
{
    QVERIFY(settled());
    auto *bundle = m_window->findChild<BundlePanel *>();
    QVERIFY(bundle);
    const QString target = m_directory.filePath(u"all-releases"_s);
    KeyTarget keys;

    observed()->record();
    keys.typing.start();
    const qint64 cpu = threadCpuNs();
    ExportTask *task = bundle->exportTo(target, u"folders"_s, true, true);
    QVERIFY(task);
    const double startCpuMs = double(threadCpuNs() - cpu) / 1e6;
    QVERIFY2(!bundle->exportTo(target, u"folders"_s, true, true), "a second export started during the first");
    QSignalSpy finished(task, &ExportTask::finished);
    // The dialog shows itself after 200 ms; it is watched from a timer, as a user would see it.
    QPointer<QProgressDialog> dialog = m_window->findChild<QProgressDialog *>(u"exportProgress"_s);
    QVERIFY(dialog);
    bool progressShown = false;
    QTimer watch;
    watch.setInterval(20);
    const QString grabs = qEnvironmentVariable("TIDELINE_GRAB_DIR");
    connect(&watch, &QTimer::timeout, this, [&] {
        if (progressShown || !dialog || !dialog->isVisible())
            return;
        progressShown = true;
        if (!grabs.isEmpty()) {
            QDir().mkpath(grabs);
            m_window->grab().save(QDir(grabs).filePath(u"exporting-window.png"_s));
            dialog->grab().save(QDir(grabs).filePath(u"exporting-progress.png"_s));
        }
    });
    watch.start();
    QVERIFY(finished.wait(300000));
    watch.stop();
    keys.typing.stop();
    observed()->stop();
    const Longest longest = observed()->longest();
    qInfo("export of every release: %.1f ms cpu to start it; %d handlers, the longest %s; "
          "%d key presses handled; progress dialog shown: %d",
          startCpuMs, observed()->handlers(), qPrintable(describe(longest)),
          int(keys.latenciesNs.size()), int(progressShown));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(finished.first().at(1).toString().contains(u"200 releases"_s),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY2(progressShown, "an export of several seconds showed no progress");
    QVERIFY(!keys.latenciesNs.isEmpty());
    if (grabs.isEmpty()) // grabbing the window is itself a long handler
        QVERIFY2(longest.cpuNs <= LimitNs, qPrintable(u"a handler blocked the GUI thread for "_s + describe(longest)));
    // What a user finds on disk: one folder per release, each a whole bundle.
    const QStringList folders = QDir(target).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(folders.size(), 200);
    for (const QString &release : {u"r1"_s, u"r100"_s, u"r200"_s})
        QVERIFY2(QFile::exists(QDir(target).filePath(release + u"/manifest.json"_s)), qPrintable(release));
    QTRY_VERIFY(!m_window->findChild<QProgressDialog *>(u"exportProgress"_s));
}

// Cancel stops after the release being written and leaves the target as it was: nothing.
void TestResponsiveness::cancelledExportLeavesNothing()
{
    QVERIFY(settled());
    auto *bundle = m_window->findChild<BundlePanel *>();
    const QString target = m_directory.filePath(u"cancelled"_s);
    ExportTask *task = bundle->exportTo(target, u"folders"_s, true, true);
    QVERIFY(task);
    QSignalSpy finished(task, &ExportTask::finished);
    connect(task, &ExportTask::progressed, task, &ExportTask::cancel);
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(finished.first().at(1).toString().contains(u"cancelled"_s), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!QFileInfo::exists(target));
    QVERIFY2(QDir(m_directory.path()).entryList({u"cancelled.tideline-partial*"_s}, QDir::AllEntries | QDir::Hidden).isEmpty(),
             "the staging folder was left behind");
}

// Issue 12: reports run in a worker too. The PDF report of s1 (some 600 pages: every release's
// findings, cells and runbook) is laid out and painted while input keeps flowing, with a
// progress dialog that counts the pages; only the charts are drawn on the GUI thread.
void TestResponsiveness::reportKeepsInputFlowingAtS1()
{
    QVERIFY(settled());
    const QString path = m_directory.filePath(u"s1-readiness.pdf"_s);
    KeyTarget keys;

    observed()->record();
    keys.typing.start();
    const qint64 cpu = threadCpuNs();
    QString error;
    ReportTask *task = m_window->exportReport(path, &error);
    QVERIFY2(task, qPrintable(error));
    const double startCpuMs = double(threadCpuNs() - cpu) / 1e6;
    QSignalSpy finished(task, &ReportTask::finished);
    QSignalSpy progressed(task, &ReportTask::progressed);
    QPointer<QProgressDialog> dialog = m_window->findChild<QProgressDialog *>(u"reportProgress"_s);
    QVERIFY(dialog);
    bool progressShown = false;
    QString label;
    QTimer watch;
    watch.setInterval(20);
    connect(&watch, &QTimer::timeout, this, [&] {
        if (!progressShown && dialog && dialog->isVisible() && dialog->value() > 0) {
            progressShown = true;
            label = dialog->labelText();
        }
    });
    watch.start();
    QVERIFY(finished.wait(300000));
    watch.stop();
    keys.typing.stop();
    observed()->stop();
    const Longest longest = observed()->longest();
    qInfo("PDF report of s1: %.1f ms cpu to start it (the charts); %d handlers, the longest %s; "
          "%d key presses handled; %d progress signals; progress shown: %d (%s)",
          startCpuMs, observed()->handlers(), qPrintable(describe(longest)), int(keys.latenciesNs.size()),
          int(progressed.size()), int(progressShown), qPrintable(label));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY2(progressShown, "a report of several seconds showed no progress");
    QVERIFY2(label.contains(u"page "_s), qPrintable(label));
    QVERIFY(!keys.latenciesNs.isEmpty());
    QVERIFY2(longest.cpuNs <= LimitNs, qPrintable(u"a handler blocked the GUI thread for "_s + describe(longest)));
    // What a user opens: a PDF with a page or more for each of the 200 releases.
    QProcess info;
    info.start(u"pdfinfo"_s, {path});
    QVERIFY(info.waitForFinished(60000));
    QCOMPARE(info.exitCode(), 0);
    static const QRegularExpression pagesLine(u"Pages:\\s+(\\d+)"_s);
    const int pages = pagesLine.match(QString::fromUtf8(info.readAllStandardOutput())).captured(1).toInt();
    QVERIFY2(pages > 200, qPrintable(QString::number(pages)));
    QCOMPARE(progressed.last().at(0).toInt(), pages);
    QTRY_VERIFY(!m_window->findChild<QProgressDialog *>(u"reportProgress"_s));
}

// Cancel stops between pages: no report is written and the one already there stays whole.
void TestResponsiveness::cancelledReportKeepsTheOldFile()
{
    QVERIFY(settled());
    const QString path = m_directory.filePath(u"cancelled.pdf"_s);
    const QByteArray old = "last week's report\n";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(old), old.size());
    }
    ReportTask *task = m_window->exportReport(path);
    QVERIFY(task);
    QSignalSpy finished(task, &ReportTask::finished);
    int pagesAtCancel = 0;
    connect(task, &ReportTask::progressed, task, [&](int done, int) {
        if (done >= 3 && !pagesAtCancel) {
            pagesAtCancel = done;
            task->cancel();
        }
    });
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(pagesAtCancel >= 3);
    QCOMPARE(finished.first().at(1).toString(), ReportRenderer::cancelledMessage());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), old);
    QVERIFY2(QDir(m_directory.path()).entryList({u"cancelled.pdf?*"_s}, QDir::Files | QDir::Hidden).isEmpty(),
             "a temporary file was left behind");
}

// A window closed while its report is written: the worker stops at the next page and writes
// nothing (it does not finish unobserved, nor paint while the application is torn down).
void TestResponsiveness::closingTheWindowStopsItsReport()
{
    const QString path = m_directory.filePath(u"closed.pdf"_s);
    auto window = std::make_unique<MainWindow>();
    window->resize(1200, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY(window->loadPlan(m_path));
    QVERIFY(QTest::qWaitFor([&] { return !window->document()->isChecking(); }, 120000));
    QVERIFY(window->document()->engine());
    ReportTask *task = window->exportReport(path);
    QVERIFY(task);
    QSignalSpy progressed(task, &ReportTask::progressed);
    QVERIFY(progressed.wait(120000)); // the layout is done and pages are being painted
    window->document()->undoStack()->setClean();
    window.reset();
    auto *pool = QCoreApplication::instance()->findChild<QThreadPool *>(u"reportPool"_s);
    QVERIFY(pool);
    QVERIFY(pool->waitForDone(120000));
    QVERIFY2(!QFile::exists(path), "the report of a closed window was written after all");
    QVERIFY2(QDir(m_directory.path()).entryList({u"closed.pdf*"_s}, QDir::Files | QDir::Hidden).isEmpty(),
             "a temporary file was left behind");
}

// As a user drags: the chip onto the slot of the next release in its lane, with the mouse.
QPoint TestResponsiveness::pressAndDrag(const Move &move)
{
    TimelineGrid *grid = m_window->grid();
    QRect chip, target;
    for (int attempt = 0; attempt < 3; ++attempt) { // each query scrolls its subject into view
        target = grid->slotRect(move.refactoring, move.release, move.phase);
        chip = grid->chipRect(move.refactoring, move.step);
        if (grid->slotRect(move.refactoring, move.release, move.phase) == target)
            break;
    }
    if (!grid->viewport()->rect().contains(chip.center())
        || !grid->viewport()->rect().contains(target.center()))
        return {};
    QWidget *viewport = grid->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, chip.center());
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(viewport, chip.center() + (target.center() - chip.center()) * i / 5);
    return target.center();
}

void TestResponsiveness::dragStep(const Move &move)
{
    const QPoint drop = pressAndDrag(move);
    QVERIFY(!drop.isNull());
    QTest::mouseRelease(m_window->grid()->viewport(), Qt::LeftButton, {}, drop);
}

void TestResponsiveness::dragKeepsInputFlowingAtS1()
{
    Document *document = m_window->document();
    const Move move = findMove();
    QVERIFY2(!move.refactoring.isEmpty(), "no step of the s1 plan can move one release later");
    const Plan before = document->plan();

    // Input while the check runs: a key press posted every 5 ms, and a timer ticking.
    KeyTarget keys;

    // Picking the chip up selects it (every panel follows the selection): timed on its own,
    // it is not the re-check.
    observed()->record();
    const QPoint drop = pressAndDrag(move);
    QVERIFY(!drop.isNull());
    const Longest pickUp = observed()->longest();
    qInfo("picking the chip up and dragging it: the longest handler %s",
          qPrintable(describe(pickUp)));

    // From the drop to the re-painted verdict: what the issue limits to 50 ms a handler.
    observed()->record();
    keys.typing.start();
    const qint64 cpu = threadCpuNs();
    QElapsedTimer wall;
    wall.start();
    QTest::mouseRelease(m_window->grid()->viewport(), Qt::LeftButton, {}, drop);
    const double dropCpuMs = double(threadCpuNs() - cpu) / 1e6;
    QVERIFY2(document->plan() != before, "the drag did not move the step");
    QVERIFY(document->isChecking());
    QVERIFY(m_window->grid()->isChecking());
    QVERIFY(m_window->findChild<ReadinessPanel *>()->isChecking());
    const int keysBefore = int(keys.latenciesNs.size());
    QVERIFY(settled());
    const double recheckMs = double(wall.nsecsElapsed()) / 1e6;
    QTest::qWait(0); // the re-paint the result asked for
    keys.typing.stop();
    observed()->stop();

    const Longest longest = observed()->longest();
    qint64 worstKey = 0;
    for (qint64 latency : std::as_const(keys.latenciesNs))
        worstKey = qMax(worstKey, latency);
    qInfo("drop: %.1f ms cpu on the GUI thread; re-check in %.0f ms wall", dropCpuMs, recheckMs);
    qInfo("%d handlers ran; the longest: %s; longest wall: %.1f ms", observed()->handlers(),
          qPrintable(describe(longest)), double(observed()->longestWallNs()) / 1e6);
    qInfo("%d key presses handled during the re-check, the latest %.1f ms after its posting",
          int(keys.latenciesNs.size()) - keysBefore, double(worstKey) / 1e6);
    QVERIFY2(keys.latenciesNs.size() > keysBefore, "no input was handled while the plan was checked");
    QVERIFY2(longest.cpuNs <= LimitNs, qPrintable(u"a handler blocked the GUI thread for "_s
                                                  + describe(longest)));

    // What came in is what a synchronous run of the same plan gives.
    QCOMPARE(document->undoStack()->count(), 1);
    const Engine *engine = document->engine();
    QVERIFY(engine);
    QCOMPARE(engine->plan(), document->plan());
    // Before issue 12 the GUI thread ran this (then the review, then every panel) per drag.
    const qint64 syncCpu = threadCpuNs();
    Engine synchronous(document->plan());
    QList<PlanError> errors;
    QVERIFY(synchronous.run(&errors));
    const double engineMs = double(threadCpuNs() - syncCpu) / 1e6;
    QCOMPARE(engine->steps().size(), synchronous.steps().size());
    for (int i = 0; i < synchronous.steps().size(); ++i) {
        QCOMPARE(engine->steps().at(i).step.name, synchronous.steps().at(i).step.name);
        QCOMPARE(engine->steps().at(i).release, synchronous.steps().at(i).release);
    }
    QCOMPARE(engine->cells().size(), synchronous.cells().size());
    for (int i = 0; i < synchronous.cells().size(); ++i)
        QCOMPARE(engine->cells().at(i).failures.size(), synchronous.cells().at(i).failures.size());
    const qint64 reviewCpu = threadCpuNs();
    const ReviewResult review = Review::run(synchronous);
    qInfo("the same engine run and review, synchronous: %.0f + %.0f ms cpu", engineMs,
          double(threadCpuNs() - reviewCpu) / 1e6);
    QCOMPARE(document->review().releases.size(), review.releases.size());
    for (int i = 0; i < review.releases.size(); ++i) {
        QCOMPARE(document->review().releases.at(i).verdict, review.releases.at(i).verdict);
        QCOMPARE(document->review().releases.at(i).findings.size(),
                 review.releases.at(i).findings.size());
    }
    QVERIFY(!m_window->grid()->isChecking());

    // Undo brings back the earlier result at once: no run, nothing to wait for.
    const qint64 undoCpu = threadCpuNs();
    document->undoStack()->undo();
    qInfo("undo: %.1f ms cpu on the GUI thread", double(threadCpuNs() - undoCpu) / 1e6);
    QVERIFY(!document->isChecking());
    QCOMPARE(document->plan(), before);
    QCOMPARE(document->engine()->plan(), before);
}

// The "checking…" marks as a user sees them, in the light and the dark palette.
void TestResponsiveness::looksRightWhileChecking()
{
    const QString directory = qEnvironmentVariable("TIDELINE_GRAB_DIR");
    if (directory.isEmpty())
        QSKIP("set TIDELINE_GRAB_DIR to save the pictures");
    Document *document = m_window->document();
    const Move move = findMove();
    QVERIFY(!move.refactoring.isEmpty());
    const QPalette light = QApplication::palette();
    QPalette dark(QColor(0x35, 0x35, 0x35), QColor(0x2a, 0x2a, 0x2a));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    for (const auto &[name, palette] : {std::pair{u"light"_s, light}, std::pair{u"dark"_s, dark}}) {
        QApplication::setPalette(palette);
        QVERIFY(settled());
        dragStep(move);
        QVERIFY(document->isChecking());
        const QImage picture = m_window->grab().toImage();
        QVERIFY(QDir().mkpath(directory));
        QVERIFY(picture.save(QDir(directory).filePath(u"checking-%1.png"_s.arg(name))));
        QVERIFY(settled());
        document->undoStack()->undo();
    }
    QApplication::setPalette(light);
}

int main(int argc, char **argv)
{
    ObservedApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    QTEST_DISABLE_KEYPAD_NAVIGATION
    TestResponsiveness test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_responsiveness.moc"
