// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgetdriver.h"
#include "../benchmarks/plangenerator.h"

#include <mainwindow.h>

#include <dialogs/refactoringwizard.h>
#include <document/document.h>
#include <emptystate.h>
#include <engine/engine.h>
#include <io/planfile.h>
#include <itemmodels/bundlemodel.h>
#include <itemmodels/compatibilitymatrixmodel.h>
#include <itemmodels/schemastatemodel.h>
#include <itemmodels/timelinemodel.h>
#include <panels/bundlepanel.h>
#include <panels/compatibilitypanel.h>
#include <panels/exporttask.h>
#include <panels/pendingpanel.h>
#include <panels/readinesspanel.h>
#include <panels/schemapanel.h>
#include <panels/stepinspector.h>
#include <timeline/timelinegrid.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QWizard>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Tideline;

/** The main window driven through its real widgets, offscreen. */
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsWithEmptyState();
    void opensExamples_data();
    void opensExamples();
    void keepsPlanWhenFileIsMissing();
    void keepsPlanWhenFileIsMalformed();
    void selectingCellFillsSchemaBrowser();
    void largeMatrixIsNotMeasuredCellByCell();
    void panelsBehindADockTabWaitUntilChosen();
    void refusedEditLeavesPlanUnchanged();
    void undoAndRedoThroughActions();
    void savesAndReopens();
    void revertReloadsFromDisk();
    void closeAsksWhenModified();
    void inspectorShowsStepSql();
    void bundlePanelFollowsReleaseAndExports();
    void pendingDoubleClickSelectsLane();
    void releaseActionsEditSelectedRelease();
    void screenshotOfBundledExample();
    void screenshotRefusesBadSize();
    void noDisplaySaysSoInsteadOfAborting();
    void dragChipToLaterReleaseAndBackWithUndo();
    void refusedDragLeavesPlanUnchanged();
    void refusedMoveOfShippedStepSpeaksPlainly();
    void dragTakesDependentStepsAlong();
    void gridAndPanelsShareSelection();
    void wizardAddsRefactoringWithLaneAndArrows();
    void releaseDialogRenamesRelease();
    void policyDialogIsOneUndoStep();
    void usageDialogOpensForSelectedRelease();
    void defaultDialectComesFromSettings();
    void readinessBadgesAndPanelFollowThePlan();

private:
    // Shows @p window at the screenshot size with the customer example open.
    static bool showExample(MainWindow &window);
    static void drag(QWidget *viewport, const QPoint &from, const QPoint &to);
    // Drags a chip of the grid into @p releaseId's slot of its lane.
    static void dragChip(TimelineGrid *grid,
                         const QString &refactoring,
                         const QString &step,
                         const QString &releaseId,
                         Phase phase);
    // Whether the chip of @p step is drawn in @p releaseId's column of its lane.
    static bool chipIn(TimelineGrid *grid,
                       const QString &refactoring,
                       const QString &step,
                       const QString &releaseId,
                       Phase phase);
    static QString examplePath(const QString &fileName);
    void expectError(MainWindow &window, const QString &path);
    // Answers the next "unsaved changes" question with @p button.
    static void answerSaveQuestion(QMessageBox::StandardButton button);
    // Runs @p drive on the next modal dialog once it shows (the dialog's exec() blocks).
    static void onNextDialog(const std::function<void(QDialog *)> &drive);

    QTemporaryDir m_settings;
};

// Lets the document's worker finish its engine run and review (the event loop runs; no sleep).
static bool settled(const MainWindow &window)
{
    if (!QTest::qWaitFor([&window] { return !window.document()->isChecking(); }, 60000))
        return false;
    QCoreApplication::sendPostedEvents(); // the panels update in events of their own
    return true;
}

QString TestMainWindow::examplePath(const QString &fileName)
{
    return QDir(QStringLiteral(TIDELINE_EXAMPLES)).filePath(fileName);
}

void TestMainWindow::initTestCase()
{
    // Never read or write the user's own settings.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QApplication::setOrganizationName(u"TidelineTests"_s);
    QApplication::setApplicationName(u"tst_mainwindow"_s);
    QVERIFY2(QFile::exists(examplePath(u"customer-full-name.tideline.json"_s)),
             "the example plans are missing from " TIDELINE_EXAMPLES);
}

void TestMainWindow::startsWithEmptyState()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.planPath().isEmpty());
    QVERIFY(window.plan().releases.isEmpty());
    auto *stack = window.findChild<QStackedWidget *>(u"centralStack"_s);
    auto *empty = window.findChild<EmptyState *>();
    QVERIFY(stack && empty);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(empty->text().contains(u"release"_s));
    QVERIFY(window.windowTitle().contains(u"Untitled"_s));
    for (const char *name : {"newAction",
                             "openAction",
                             "saveAction",
                             "saveAsAction",
                             "revertAction",
                             "exportAction",
                             "quitAction",
                             "undoAction",
                             "redoAction"})
        QVERIFY2(window.findChild<QAction *>(QString::fromLatin1(name)), name);
    QCOMPARE(window.findChild<QAction *>(u"undoAction"_s)->shortcut(),
             QKeySequence(QKeySequence::Undo));

    // Adding a release moves on to "add a refactoring"; undo goes back.
    onNextDialog([](QDialog *dialog) { dialog->accept(); });
    window.findChild<QAction *>(u"addReleaseAction"_s)->trigger();
    QCOMPARE(window.plan().releases.size(), 1);
    QVERIFY(empty->text().contains(u"refactoring"_s));
    QVERIFY(window.isWindowModified());
    window.findChild<QAction *>(u"undoAction"_s)->trigger();
    QVERIFY(window.plan().releases.isEmpty());
    QVERIFY(!window.isWindowModified());
}

void TestMainWindow::opensExamples_data()
{
    QTest::addColumn<QString>("path");
    const QDir examples(QStringLiteral(TIDELINE_EXAMPLES));
    const QStringList files = examples.entryList({u"*.tideline.json"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << examples.filePath(file);
    QVERIFY(files.size() >= 2);
}

void TestMainWindow::opensExamples()
{
    QFETCH(QString, path);
    Plan expected;
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(path, &expected, &errors));

    MainWindow window;
    QStringList problems;
    QVERIFY2(window.loadPlan(path, &problems), qPrintable(problems.join(u'\n')));
    QVERIFY(settled(window));
    QCOMPARE(window.planPath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.plan(), expected);
    QVERIFY(window.windowTitle().contains(QFileInfo(path).fileName()));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.recentFiles().value(0), QFileInfo(path).absoluteFilePath());

    auto *matrix = window.findChild<CompatibilityPanel *>();
    QVERIFY(window.document()->engine());
    QCOMPARE(matrix->model()->rowCount(), int(window.document()->engine()->apps().size()));

    // The bundled copy opens as an untitled document.
    const QString resource = u":/examples/"_s + QFileInfo(path).fileName();
    QVERIFY(MainWindow::examples().contains(resource));
    QString error;
    QVERIFY2(window.openExample(resource, &error), qPrintable(error));
    QVERIFY(settled(window));
    QCOMPARE(window.plan(), expected);
    QVERIFY(window.planPath().isEmpty());
    QVERIFY(window.windowTitle().contains(u"example"_s));
}

void TestMainWindow::expectError(MainWindow &window, const QString &path)
{
    const QString previousPath = window.planPath();
    const Plan previousPlan = window.plan();
    const QString previousTitle = window.windowTitle();

    QVERIFY(!window.openPlan(path));

    QCOMPARE(window.planPath(), previousPath);
    QCOMPARE(window.plan(), previousPlan);
    QCOMPARE(window.windowTitle(), previousTitle);
    QVERIFY2(window.statusBar()->currentMessage().contains(QFileInfo(path).fileName()),
             qPrintable(window.statusBar()->currentMessage()));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"planErrorBox"_s)) && box->isVisible());
    QVERIFY(box->text().contains(QDir::toNativeSeparators(path)));
    QVERIFY(!box->informativeText().isEmpty());
    box->close();
}

void TestMainWindow::keepsPlanWhenFileIsMissing()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    const QTemporaryDir directory;
    expectError(window, directory.filePath(u"no-such-plan.tideline.json"_s));
}

void TestMainWindow::keepsPlanWhenFileIsMalformed()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    const QTemporaryDir directory;
    const QString path = directory.filePath(u"broken.tideline.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({ "format": "tideline-plan", "releases": [ )");
    file.close();
    expectError(window, path);
}

void TestMainWindow::selectingCellFillsSchemaBrowser()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    auto *matrix = window.findChild<CompatibilityPanel *>();
    auto *schema = window.findChild<SchemaPanel *>();

    // Click the cell A_1 on P_1: the state where full_name appears.
    QTableView *table = matrix->table();
    const QModelIndex cell = matrix->model()->index(1, Engine::stateIndex(1, Phase::Pre));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    const Selection s = window.document()->selection();
    QCOMPARE(s.kind, Selection::Kind::Cell);
    QCOMPARE(s.release, u"r1"_s);
    QCOMPARE(s.appRelease, u"r1"_s);
    QVERIFY(matrix->reasonsText().contains(u"works on"_s));

    // The Schema Browser sits behind the Step Inspector's tab: it shows the state once its tab
    // is chosen (built then, not while nobody sees it).
    window.findChild<QDockWidget *>(u"schemaDock"_s)->raise();
    QCOMPARE(schema->stateName(), window.document()->engine()->state(1, Phase::Pre)->name);
    SchemaStateModel *model = schema->model();
    const QModelIndex customer = model->tableIndex(u"customer"_s);
    QVERIFY(customer.isValid());
    bool added = false;
    for (int row = 0; row < model->rowCount(customer); ++row) {
        const QModelIndex column = model->index(row, 0, customer);
        if (column.data().toString() == u"full_name"_s)
            added = column.data(SchemaStateModel::ChangeRole).value<SchemaStateModel::Change>()
                    == SchemaStateModel::Change::Added;
    }
    QVERIFY(added);
    QVERIFY(schema->tree()->isExpanded(customer));
}

void TestMainWindow::largeMatrixIsNotMeasuredCellByCell()
{
    // A small matrix is sized to its contents; one of hundreds of states gets the widest
    // header's width without measuring a cell. Opening a large plan after a small one must not
    // measure every cell of the new matrix on the reset (in the small one's mode) either.
    class CountingDelegate : public QStyledItemDelegate
    {
    public:
        using QStyledItemDelegate::QStyledItemDelegate;
        QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
        {
            ++measured;
            return QStyledItemDelegate::sizeHint(option, index);
        }
        mutable int measured = 0;
    };
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(u"large.tideline.json"_s);
    QList<PlanError> errors;
    // 40 releases: 81 states, more than the 48 the panel measures.
    QVERIFY(PlanFile::save(path, Benchmarks::generatePlan({20, 40, 80, Benchmarks::PlanSize::groupsNeeded(80, 20)}), &errors));

    MainWindow window;
    QVERIFY(showExample(window)); // a small matrix first: its sections are sized to contents
    auto *matrix = window.findChild<CompatibilityPanel *>();
    auto *delegate = new CountingDelegate(matrix->table());
    matrix->table()->setItemDelegate(delegate);
    QVERIFY(window.loadPlan(path));
    QVERIFY(settled(window));
    QCoreApplication::processEvents();
    const int states = matrix->model()->columnCount();
    QCOMPARE(states, 81);
    QCOMPARE(matrix->model()->rowCount(), 41);
    QVERIFY2(delegate->measured < matrix->model()->rowCount(), qPrintable(QString::number(delegate->measured)));
    QHeaderView *columns = matrix->table()->horizontalHeader();
    QCOMPARE(columns->sectionResizeMode(0), QHeaderView::Fixed);
    for (int column = 1; column < states; ++column)
        QCOMPARE(columns->sectionSize(column), columns->sectionSize(0));
}

// Qt leaves the docks behind a tab "visible" (it moves them out of the window), so the panels
// in them were rebuilt with every result although nothing of them can be seen: the Bundle panel
// built a whole release bundle on the GUI thread for each. They wait until their tab is chosen,
// and then show the current result.
void TestMainWindow::panelsBehindADockTabWaitUntilChosen()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    auto *bundle = window.findChild<BundlePanel *>();
    auto *schema = window.findChild<SchemaPanel *>();
    auto *readiness = window.findChild<ReadinessPanel *>();
    auto *inspector = window.findChild<StepInspector *>();
    QVERIFY(bundle && schema && readiness && inspector);
    // The default layout: the Step Inspector in front of Schema and Bundle, Pending Contracts in
    // front of Readiness.
    QVERIFY(!inspector->visibleRegion().isEmpty());
    QVERIFY(bundle->visibleRegion().isEmpty());
    QCOMPARE(bundle->release(), QString());
    QCOMPARE(schema->stateName(), QString());
    QVERIFY(readiness->review().releases.isEmpty());

    // Choosing a tab shows the current result at once.
    window.findChild<QDockWidget *>(u"bundleDock"_s)->raise();
    QCOMPARE(bundle->release(), u"r2"_s); // the first release not deployed yet
    QVERIFY(bundle->model()->rowCount() > 0);
    const Engine *engine = window.document()->engine();
    window.findChild<QDockWidget *>(u"schemaDock"_s)->raise();
    QCOMPARE(schema->stateName(), engine->states().constLast().name);
    window.findChild<QDockWidget *>(u"readinessDock"_s)->raise();
    QCOMPARE(readiness->review().releases.size(), int(engine->releaseCount()));

    // A new result reaches the panel in front; the one behind waits for its tab again.
    window.findChild<QDockWidget *>(u"inspectorDock"_s)->raise();
    QVERIFY(QTest::qWaitFor([bundle] { return bundle->visibleRegion().isEmpty(); }));
    const Plan before = window.document()->plan();
    QString error;
    QVERIFY2(window.document()->insertRelease(int(before.releases.size()),
                                              Release{u"r9"_s, u"9"_s, {}, Release::Status::Planned}, &error),
             qPrintable(error));
    QVERIFY(settled(window));
    QVERIFY(window.document()->plan().releases.size() == before.releases.size() + 1);
    QCOMPARE(readiness->review().releases.size(), int(window.document()->engine()->releaseCount()));
    QCOMPARE(bundle->findChild<QComboBox *>()->count(), int(before.releases.size()) + 1); // baseline + releases
    // Selecting the new release while the panel waits builds no bundle (nothing of the panel is
    // seen); an export from it first brings it up to date, so what it exports is the release
    // picked, of the current result.
    const int rowsBefore = bundle->model()->rowCount();
    Selection picked;
    picked.kind = Selection::Kind::Release;
    picked.release = u"r9"_s;
    window.document()->setSelection(picked);
    QCOMPARE(bundle->findChild<QComboBox *>()->count(), int(before.releases.size()) + 1);
    QCOMPARE(bundle->model()->rowCount(), rowsBefore);
    const QTemporaryDir directory;
    const QString target = directory.filePath(u"r9-bundle"_s);
    ExportTask *task = bundle->exportTo(target, u"folders"_s, false, true);
    QVERIFY(task);
    QCOMPARE(bundle->findChild<QComboBox *>()->count(), int(before.releases.size()) + 2);
    QCOMPARE(bundle->release(), u"r9"_s);
    QSignalSpy exported(task, &ExportTask::finished);
    QVERIFY(exported.wait(60000));
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    QVERIFY2(exported.first().at(1).toString().contains(u"r9"_s), qPrintable(exported.first().at(1).toString()));
    QVERIFY(QFile::exists(QDir(target).filePath(u"manifest.json"_s)));
    window.findChild<QDockWidget *>(u"bundleDock"_s)->raise();
    QCOMPARE(bundle->findChild<QComboBox *>()->count(), int(before.releases.size()) + 2);
    QCOMPARE(bundle->release(), u"r9"_s);
}

void TestMainWindow::refusedEditLeavesPlanUnchanged()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    const Plan before = window.plan();
    QString error;
    // There is no column nickname to drop: only the engine can tell, so the edit lands at once
    // and is taken back when the check (in the worker) is in.
    Refactoring drop;
    drop.id = u"no-nickname"_s;
    drop.kind = u"drop_column"_s;
    drop.start = u"r2"_s;
    drop.params = QJsonObject{{u"table"_s, u"customer"_s}, {u"column"_s, u"nickname"_s}};
    QVERIFY(window.document()->addRefactoring(drop, &error));
    QVERIFY(window.document()->isChecking());
    QVERIFY(settled(window));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"nickname"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.plan(), before);
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.document()->undoStack()->count(), 0);

    // Deleting a release a refactoring starts in is refused the same way, from the menu.
    Selection s;
    s.kind = Selection::Kind::Release;
    s.release = u"r2"_s;
    window.document()->setSelection(s);
    window.findChild<QAction *>(u"deleteReleaseAction"_s)->trigger();
    QCOMPARE(window.plan(), before);
    QVERIFY2(window.statusBar()->currentMessage().contains(u"full-name-required"_s),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestMainWindow::undoAndRedoThroughActions()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    const Plan before = window.plan();
    QString error;
    QVERIFY(window.document()->moveStep(u"full-name"_s, u"stop_old"_s, u"r3"_s, &error));
    QVERIFY(window.isWindowModified());
    QVERIFY(window.windowTitle().contains(u"[*]"_s));
    const Plan after = window.plan();

    QAction *undo = window.findChild<QAction *>(u"undoAction"_s);
    QAction *redo = window.findChild<QAction *>(u"redoAction"_s);
    QVERIFY(undo->isEnabled());
    QVERIFY(undo->text().contains(u"stop_old"_s));
    undo->trigger();
    QCOMPARE(window.plan(), before);
    QVERIFY(!window.isWindowModified());
    redo->trigger();
    QCOMPARE(window.plan(), after);
}

void TestMainWindow::savesAndReopens()
{
    const QTemporaryDir directory;
    const QString path = directory.filePath(u"saved.tideline"_s);
    Plan saved;
    {
        MainWindow window;
        QVERIFY(window.openExample(MainWindow::examples().constFirst()));
        QVERIFY(settled(window));
        QString error;
        Refactoring r;
        r.id = u"email-verified"_s;
        r.kind = u"add_column"_s;
        r.start = u"r2"_s;
        r.params = QJsonObject{{u"table"_s, u"customer"_s},
                               {u"column"_s, u"email_verified"_s},
                               {u"type"_s, u"boolean"_s}};
        QVERIFY2(window.document()->addRefactoring(r, &error), qPrintable(error));
        QVERIFY(window.document()->moveStep(u"full-name"_s, u"stop_old"_s, u"r3"_s, &error));
        QVERIFY(window.isWindowModified());
        QVERIFY2(window.savePlan(path, &error), qPrintable(error));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.windowTitle().startsWith(u"saved.tideline"_s));
        QCOMPARE(window.recentFiles().value(0), path);
        saved = window.plan();
    }
    MainWindow reopened;
    QVERIFY(reopened.loadPlan(path));
    QVERIFY(settled(reopened));
    QCOMPARE(reopened.plan(), saved);
    QCOMPARE(reopened.recentFiles().value(0), path);
    auto *stack = reopened.findChild<QStackedWidget *>(u"centralStack"_s);
    QVERIFY(stack->currentWidget() != reopened.findChild<EmptyState *>());
}

void TestMainWindow::revertReloadsFromDisk()
{
    const QTemporaryDir directory;
    const QString path = directory.filePath(u"plan.tideline.json"_s);
    QVERIFY(QFile::copy(examplePath(u"customer-full-name.tideline.json"_s), path));
    MainWindow window;
    QVERIFY(window.loadPlan(path));
    QVERIFY(settled(window));
    const Plan onDisk = window.plan();
    QString error;
    QVERIFY(window.document()->moveStep(u"full-name"_s, u"stop_old"_s, u"r3"_s, &error));
    QVERIFY(window.isWindowModified());

    // Asked first; "No" keeps the edit.
    onNextDialog([](QDialog *dialog) {
        qobject_cast<QMessageBox *>(dialog)->button(QMessageBox::No)->click();
    });
    window.findChild<QAction *>(u"revertAction"_s)->trigger();
    QVERIFY(window.plan() != onDisk);

    onNextDialog([](QDialog *dialog) {
        qobject_cast<QMessageBox *>(dialog)->button(QMessageBox::Yes)->click();
    });
    window.findChild<QAction *>(u"revertAction"_s)->trigger();
    QCOMPARE(window.plan(), onDisk);
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.planPath(), path);
}

void TestMainWindow::answerSaveQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            // Not shown yet: look again on the next turn of the event loop.
            answerSaveQuestion(button);
            return;
        }
        QCOMPARE(box->objectName(), u"saveChangesBox"_s);
        box->button(button)->click();
    });
}

void TestMainWindow::onNextDialog(const std::function<void(QDialog *)> &drive)
{
    WidgetDriver::onNextDialog(drive);
}

void TestMainWindow::closeAsksWhenModified()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openExample(MainWindow::examples().constFirst()));
    QVERIFY(settled(window));
    QVERIFY(window.close()); // unmodified: no question
    window.show();
    QString error;
    QVERIFY(window.document()->moveStep(u"full-name"_s, u"stop_old"_s, u"r3"_s, &error));

    answerSaveQuestion(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QVERIFY(window.isWindowModified());

    answerSaveQuestion(QMessageBox::Discard);
    QVERIFY(window.close());
}

void TestMainWindow::inspectorShowsStepSql()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    auto *inspector = window.findChild<StepInspector *>();
    QVERIFY(inspector->descriptionText().contains(u"Select a step"_s));

    Selection s;
    s.kind = Selection::Kind::Step;
    s.refactoring = u"full-name"_s;
    s.step = u"contract"_s;
    window.document()->setSelection(s);
    QVERIFY2(inspector->descriptionText().contains(u"the old columns"_s),
             qPrintable(inspector->descriptionText()));
    QVERIFY2(inspector->sqlText().contains(u"DROP COLUMN"_s, Qt::CaseInsensitive),
             qPrintable(inspector->sqlText()));
    QVERIFY(inspector->sqlText().contains(u"first_name"_s));

    // The dialect changes the SQL.
    QString error;
    QVERIFY(window.document()->setDialect(u"mysql"_s, &error));
    QVERIFY(settled(window));
    QVERIFY2(inspector->sqlText().contains(u"`first_name`"_s), qPrintable(inspector->sqlText()));

    // An app step lists how the app's use of the table changes.
    s.step = u"stop_old"_s;
    window.document()->setSelection(s);
    QVERIFY2(inspector->descriptionText().contains(u"customer"_s),
             qPrintable(inspector->descriptionText()));
    QVERIFY(inspector->sqlText().contains(u"no SQL"_s));
}

void TestMainWindow::bundlePanelFollowsReleaseAndExports()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    auto *bundle = window.findChild<BundlePanel *>();
    QCOMPARE(bundle->release(), u"r2"_s); // the first release not deployed yet

    Selection s;
    s.kind = Selection::Kind::Release;
    s.release = u"r1"_s;
    window.document()->setSelection(s);
    QCOMPARE(bundle->release(), u"r1"_s);
    QVERIFY(bundle->model()->rowCount() > 0);
    QVERIFY2(bundle->sqlText().contains(u"full_name"_s), qPrintable(bundle->sqlText()));

    const QTemporaryDir directory;
    const QString target = directory.filePath(u"r1-bundle"_s);
    // Exports run in a worker; the task says how it went.
    const auto exportBundle = [&](const QString &to, bool all) -> QList<QVariant> {
        ExportTask *task = bundle->exportTo(to, u"folders"_s, all, true);
        if (!task)
            return {};
        QSignalSpy finished(task, &ExportTask::finished);
        if (!finished.wait(60000))
            return {};
        return finished.first();
    };
    QList<QVariant> outcome = exportBundle(target, false);
    QCOMPARE(outcome.size(), 2);
    QVERIFY2(outcome.at(0).toBool(), qPrintable(outcome.at(1).toString()));
    QVERIFY(outcome.at(1).toString().contains(u"r1"_s));
    QVERIFY(QFile::exists(QDir(target).filePath(u"manifest.json"_s)));
    QVERIFY(QFile::exists(QDir(target).filePath(u"RUNBOOK.md"_s)));
    // The folder exists now: a second export is refused with a message, not overwritten.
    outcome = exportBundle(target, false);
    QCOMPARE(outcome.size(), 2);
    QVERIFY(!outcome.at(0).toBool());
    QVERIFY2(outcome.at(1).toString().contains(target), qPrintable(outcome.at(1).toString()));
    auto *status = bundle->findChild<QLabel *>(u"bundleStatus"_s);
    QVERIFY(status);
    QCOMPARE(status->text(), outcome.at(1).toString()); // the panel's status line says it too

    // Every release, one folder each, as `tideline-cli export --release all` writes them.
    const QString all = directory.filePath(u"all"_s);
    outcome = exportBundle(all, true);
    QCOMPARE(outcome.size(), 2);
    QVERIFY2(outcome.at(0).toBool(), qPrintable(outcome.at(1).toString()));
    const Engine *engine = window.document()->engine();
    QStringList expected;
    for (int k = 1; k <= engine->releaseCount(); ++k)
        expected << engine->releaseId(k);
    QStringList folders = QDir(all).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    folders.sort();
    expected.sort();
    QCOMPARE(folders, expected);
    for (const QString &release : std::as_const(expected))
        QVERIFY2(QFile::exists(QDir(all).filePath(release + u"/manifest.json"_s)), qPrintable(release));
    QVERIFY(window.findChild<QAction *>(u"exportAllAction"_s));
}

void TestMainWindow::pendingDoubleClickSelectsLane()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    auto *pending = window.findChild<PendingPanel *>();
    QTableView *table = pending->table();
    QVERIFY(table->model()->rowCount() >= 1);
    const QModelIndex first = table->model()->index(0, 0);
    const QPoint centre = table->visualRect(first).center();
    // A double-click is a press, a release and a double-click event.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    const Selection s = window.document()->selection();
    QCOMPARE(s.kind, Selection::Kind::Refactoring);
    QCOMPARE(s.refactoring, u"full-name"_s);
}

void TestMainWindow::releaseActionsEditSelectedRelease()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    QAction *deployed = window.findChild<QAction *>(u"markDeployedAction"_s);
    QVERIFY(!deployed->isEnabled()); // nothing selected
    Selection s;
    s.kind = Selection::Kind::Release;
    s.release = u"r2"_s;
    window.document()->setSelection(s);
    QVERIFY(deployed->isEnabled());
    deployed->trigger();
    QCOMPARE(window.plan().release(u"r2"_s)->status, Release::Status::Deployed);

    onNextDialog([](QDialog *dialog) { dialog->accept(); });
    window.findChild<QAction *>(u"addReleaseAction"_s)->trigger();
    QCOMPARE(window.plan().releases.size(), 5);
    const QString added = window.plan().releases.constLast().id;
    s.release = added;
    window.document()->setSelection(s);
    window.findChild<QAction *>(u"moveReleaseLeftAction"_s)->trigger();
    QCOMPARE(window.plan().releases.at(3).id, added);
    window.findChild<QAction *>(u"deleteReleaseAction"_s)->trigger();
    QCOMPARE(window.plan().releases.size(), 4);
    QCOMPARE(window.document()->undoStack()->count(), 4);
}

void TestMainWindow::screenshotOfBundledExample()
{
    // The real main(): no PLAN opens the bundled example; --screenshot renders and exits.
    const QTemporaryDir directory;
    const QString png = directory.filePath(u"tideline.png"_s);
    QProcess gui;
    gui.start(QStringLiteral(TIDELINE_GUI), {u"--screenshot"_s, png});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QVERIFY2(gui.exitCode() == 0, gui.readAllStandardError().constData());
    QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));

    gui.start(QStringLiteral(TIDELINE_GUI),
              {u"--screenshot"_s,
               png,
               u"--size"_s,
               u"1280x800"_s,
               examplePath(u"posts-authors.tideline.json"_s)});
    QVERIFY(gui.waitForFinished(60000));
    QVERIFY2(gui.exitCode() == 0, gui.readAllStandardError().constData());
    image.load(png);
    QCOMPARE(image.size(), QSize(1280, 800));
}

void TestMainWindow::screenshotRefusesBadSize()
{
    const QTemporaryDir directory;
    const QString png = directory.filePath(u"tideline.png"_s);
    // Not a size, and a size too big to paint.
    for (const QString &size : {u"huge"_s, u"99999x99999"_s}) {
        QProcess gui;
        gui.start(QStringLiteral(TIDELINE_GUI), {u"--screenshot"_s, png, u"--size"_s, size});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 2);
        QVERIFY(gui.readAllStandardError().contains(size.toUtf8()));
        QVERIFY(!QFile::exists(png));
    }
    // --select names a step the refactoring does not have.
    QProcess gui;
    gui.start(QStringLiteral(TIDELINE_GUI), {u"--screenshot"_s, png, u"--select"_s, u"full-name:contrakt"_s});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 2);
    QVERIFY(gui.readAllStandardError().contains("no step 'contrakt'"));
    QVERIFY(!QFile::exists(png));
}

void TestMainWindow::noDisplaySaysSoInsteadOfAborting()
{
    // The real main() with no display and no platform chosen: Qt would abort (SIGABRT) before
    // any window; Tideline names what is missing and the ways out, exit 2.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        env.remove(name);
    const QString example = examplePath(u"customer-full-name.tideline.json"_s);
    // Runs the window with @p arguments in env; its exit code, or -1 when it crashed or hung.
    QByteArray err;
    const auto run = [&env, &err](const QStringList &arguments) {
        QProcess gui;
        gui.setProcessEnvironment(env);
        gui.start(QStringLiteral(TIDELINE_GUI), arguments);
        const bool finished = gui.waitForFinished(60000);
        err = gui.readAllStandardError();
        if (!finished || gui.exitStatus() != QProcess::NormalExit) {
            err.prepend("crashed or did not finish in 60 s: ");
            return -1;
        }
        return gui.exitCode();
    };
    QVERIFY2(run({example}) == 2, err.constData());
    QVERIFY2(err.contains("no display here") && err.contains("--screenshot FILE"), err.constData());
    // A screenshot needs no display.
    const QTemporaryDir directory;
    const QString png = directory.filePath(u"tideline.png"_s);
    QVERIFY2(run({u"--screenshot"_s, png}) == 0, err.constData());
    QCOMPARE(QImage(png).size(), QSize(1600, 1000));

    // A DISPLAY naming an X server that is not there: Qt would abort too; Tideline names the
    // display, exit 2.
    QVERIFY2(!QFileInfo::exists(u"/tmp/.X11-unix/X97"_s), "display :97 exists here; pick another");
    env.insert(u"DISPLAY"_s, u":97"_s);
    QVERIFY2(run({example}) == 2, err.constData());
    QVERIFY2(err.contains("cannot connect to the display :97"), err.constData());
}

bool TestMainWindow::showExample(MainWindow &window)
{
    window.resize(1600, 1000);
    window.show();
    return QTest::qWaitForWindowExposed(&window)
           && window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s))
           && settled(window);
}

void TestMainWindow::drag(QWidget *viewport, const QPoint &from, const QPoint &to)
{
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    // In steps, as a hand moves, so that the grid sees a drag start and follow.
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / 5);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

void TestMainWindow::dragChip(TimelineGrid *grid,
                              const QString &refactoring,
                              const QString &step,
                              const QString &releaseId,
                              Phase phase)
{
    // Each rectangle query scrolls its subject into view; ask again until both stay put.
    QRect chip, target;
    for (int attempt = 0; attempt < 3; ++attempt) {
        target = grid->slotRect(refactoring, releaseId, phase);
        chip = grid->chipRect(refactoring, step);
        if (grid->slotRect(refactoring, releaseId, phase) == target)
            break;
    }
    QVERIFY(grid->viewport()->rect().contains(chip.center()));
    QVERIFY(grid->viewport()->rect().contains(target.center()));
    drag(grid->viewport(), chip.center(), target.center());
}

bool TestMainWindow::chipIn(TimelineGrid *grid,
                            const QString &refactoring,
                            const QString &step,
                            const QString &releaseId,
                            Phase phase)
{
    const QRect chip = grid->chipRect(refactoring, step);
    const QRect slot = grid->slotRect(refactoring, releaseId, phase);
    return !chip.isEmpty() && slot.contains(chip.center());
}

void TestMainWindow::dragChipToLaterReleaseAndBackWithUndo()
{
    MainWindow window;
    QVERIFY(showExample(window));
    TimelineGrid *grid = window.grid();
    QVERIFY(grid->isVisible());
    const Plan original = window.plan();
    const QString lane = u"full-name"_s, step = u"stop_old"_s;
    QVERIFY(chipIn(grid, lane, step, u"r2"_s, Phase::App));

    // Drag stop_old from r2 to r3.
    dragChip(grid, lane, step, u"r3"_s, Phase::App);
    QCOMPARE(window.plan().refactorings.at(0).moves.value(step), u"r3"_s);
    QVERIFY(window.isWindowModified());
    // The grid shows the last result, marked, until the re-check (in the worker) is in.
    QVERIFY(grid->isChecking());
    QVERIFY(settled(window));
    QVERIFY(!grid->isChecking());
    QVERIFY(chipIn(grid, lane, step, u"r3"_s, Phase::App));
    const Plan moved = window.plan();

    // And back: at its default place the move disappears again.
    dragChip(grid, lane, step, u"r2"_s, Phase::App);
    QVERIFY(!window.plan().refactorings.at(0).moves.contains(step));
    QVERIFY(settled(window));
    QVERIFY(chipIn(grid, lane, step, u"r2"_s, Phase::App));

    // Undo walks back through both moves, and the grid follows.
    QAction *undo = window.findChild<QAction *>(u"undoAction"_s);
    undo->trigger();
    QCOMPARE(window.plan(), moved);
    QVERIFY(!grid->isChecking()); // the earlier result comes back with the plan: no re-check
    QVERIFY(chipIn(grid, lane, step, u"r3"_s, Phase::App));
    undo->trigger();
    QCOMPARE(window.plan(), original);
    QVERIFY(chipIn(grid, lane, step, u"r2"_s, Phase::App));
    QVERIFY(!window.isWindowModified());
}

void TestMainWindow::refusedDragLeavesPlanUnchanged()
{
    MainWindow window;
    QVERIFY(showExample(window));
    TimelineGrid *grid = window.grid();
    const Plan original = window.plan();
    const QString lane = u"full-name-required"_s;

    // write_always must be written before the contract runs, and the contract cannot follow it
    // past r4, the last release: r4 is refused, at once and in plain words.
    dragChip(grid, lane, u"write_always"_s, u"r4"_s, Phase::App);
    QCOMPARE(window.plan(), original);
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.document()->undoStack()->count(), 0);
    const QString plain = u"The “write always” step of “full-name-required” can’t run after its "
                          u"“contract” step in “2027.02”, which depends on it: move the “contract” "
                          u"step first."_s;
    QCOMPARE(grid->message(), plain);
    QVERIFY2(window.statusBar()->currentMessage().contains(plain),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(settled(window));
    QVERIFY(chipIn(grid, lane, u"write_always"_s, u"r2"_s, Phase::App));
}

void TestMainWindow::dragTakesDependentStepsAlong()
{
    MainWindow window;
    QVERIFY(showExample(window));
    TimelineGrid *grid = window.grid();
    const Plan original = window.plan();
    const QString lane = u"full-name-required"_s;

    // write_always to r3: the contract (r3 pre), which depends on it, follows to r4. One drag,
    // one undo step.
    dragChip(grid, lane, u"write_always"_s, u"r3"_s, Phase::App);
    QCOMPARE(window.plan().refactorings.at(1).moves.value(u"write_always"_s), u"r3"_s);
    QCOMPARE(window.plan().refactorings.at(1).moves.value(u"contract"_s), u"r4"_s);
    QCOMPARE(window.document()->undoStack()->count(), 1);
    QCOMPARE(window.document()->undoStack()->undoText(),
             u"Move step write_always of full-name-required to r3 (with contract)"_s);
    QVERIFY(settled(window));
    QCOMPARE(window.document()->undoStack()->count(), 1); // the engine kept it
    QVERIFY(chipIn(grid, lane, u"write_always"_s, u"r3"_s, Phase::App));
    QVERIFY(chipIn(grid, lane, u"contract"_s, u"r4"_s, Phase::Pre));
    QVERIFY(grid->message().isEmpty());

    window.findChild<QAction *>(u"undoAction"_s)->trigger();
    QCOMPARE(window.plan(), original);
    QVERIFY(settled(window));
    QVERIFY(chipIn(grid, lane, u"contract"_s, u"r3"_s, Phase::Pre));
}

void TestMainWindow::refusedMoveOfShippedStepSpeaksPlainly()
{
    MainWindow window;
    QVERIFY(showExample(window));
    TimelineGrid *grid = window.grid();
    const QString lane = u"full-name"_s, step = u"stop_old"_s;

    // Mark r2 deployed from the Release menu: one undo step, named for what it did.
    Selection s;
    s.kind = Selection::Kind::Release;
    s.release = u"r2"_s;
    window.document()->setSelection(s);
    window.findChild<QAction *>(u"markDeployedAction"_s)->trigger();
    QVERIFY(settled(window));
    QCOMPARE(window.plan().release(u"r2"_s)->status, Release::Status::Deployed);
    QCOMPARE(window.document()->undoStack()->undoText(), u"Mark r2 deployed"_s);
    // The release header says who marked it, and when (the plan's history).
    const QString who = window.plan().history.constLast().who;
    QVERIFY(!who.isEmpty());
    QVERIFY2(grid->toolTipAt(grid->releaseHeaderRect(u"r2"_s).center())
                 .contains(u"marked deployed by %1"_s.arg(who)),
             qPrintable(grid->toolTipAt(grid->releaseHeaderRect(u"r2"_s).center())));
    const Plan deployed = window.plan();
    const int depth = window.document()->undoStack()->count();

    // While stop_old (shipped in r2) is dragged over r3, the target shows as forbidden.
    QRect chip, target;
    for (int attempt = 0; attempt < 3; ++attempt) {
        target = grid->slotRect(lane, u"r3"_s, Phase::App);
        chip = grid->chipRect(lane, step);
        if (grid->slotRect(lane, u"r3"_s, Phase::App) == target)
            break;
    }
    QTest::mousePress(grid->viewport(), Qt::LeftButton, {}, chip.center());
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(grid->viewport(), chip.center() + (target.center() - chip.center()) * i / 5);
    const QString plain = u"The “stop old” step of “full-name” shipped in “2027.01”, which is "
                          u"deployed: it can’t move. If “2027.01” has not really shipped, re-open "
                          u"it first (Release › Re-open Release)."_s;
    QCOMPARE(grid->dragRefusal(), plain);
    const QString shots = qEnvironmentVariable("TIDELINE_GRID_SCREENSHOTS");
    if (!shots.isEmpty())
        QVERIFY(window.grab().save(QDir(shots).filePath(u"forbidden-drop-1600x1000.png"_s)));
    QTest::mouseRelease(grid->viewport(), Qt::LeftButton, {}, target.center());

    // The drop is refused: the step stays, the plan and the history are as they were, and the
    // banner says why in plain words until it is dismissed.
    QCOMPARE(window.plan(), deployed);
    QCOMPARE(window.document()->undoStack()->count(), depth);
    QVERIFY(settled(window));
    QVERIFY(chipIn(grid, lane, step, u"r2"_s, Phase::App));
    QCOMPARE(grid->message(), plain);
    auto *banner = grid->findChild<QWidget *>(u"timelineBanner"_s);
    QVERIFY(banner && banner->isVisible());
    QVERIFY(grid->viewport()->rect().contains(banner->geometry()));
    auto *close = grid->findChild<QToolButton *>(u"timelineMessageClose"_s);
    QVERIFY(close && close->isVisible());
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(grid->message().isEmpty());
    QVERIFY(!banner->isVisible());

    // Re-open r2 (it asks why); the step moves again, and the history keeps the reason.
    onNextDialog([](QDialog *dialog) {
        auto *input = qobject_cast<QInputDialog *>(dialog);
        QVERIFY(input);
        input->setTextValue(u"marked by mistake"_s);
        input->accept();
    });
    window.document()->setSelection(s);
    window.findChild<QAction *>(u"reopenReleaseAction"_s)->trigger();
    QCOMPARE(window.plan().release(u"r2"_s)->status, Release::Status::Planned);
    QCOMPARE(window.plan().history.constLast().why, u"marked by mistake"_s);
    QCOMPARE(window.document()->undoStack()->undoText(), u"Re-open r2"_s);
    QVERIFY(settled(window));
    QVERIFY2(grid->toolTipAt(grid->releaseHeaderRect(u"r2"_s).center()).contains(u": marked by mistake"_s),
             qPrintable(grid->toolTipAt(grid->releaseHeaderRect(u"r2"_s).center())));
    dragChip(grid, lane, step, u"r3"_s, Phase::App);
    QCOMPARE(window.plan().refactorings.at(0).moves.value(step), u"r3"_s);
    QVERIFY(grid->message().isEmpty());
}

void TestMainWindow::gridAndPanelsShareSelection()
{
    MainWindow window;
    QVERIFY(showExample(window));
    TimelineGrid *grid = window.grid();

    // A click on a chip selects the step everywhere.
    QTest::mouseClick(grid->viewport(),
                      Qt::LeftButton,
                      {},
                      grid->chipRect(u"full-name"_s, u"expand"_s).center());
    Selection s = window.document()->selection();
    QCOMPARE(s.kind, Selection::Kind::Step);
    QCOMPARE(s.step, u"expand"_s);
    QVERIFY(window.findChild<StepInspector *>()->sqlText().contains(u"full_name"_s));

    // A click on a schema state in the grid fills the schema browser.
    QTest::mouseClick(grid->viewport(),
                      Qt::LeftButton,
                      {},
                      grid->stateRect(u"r2"_s, Phase::Pre).center());
    s = window.document()->selection();
    QCOMPARE(s.kind, Selection::Kind::SchemaState);
    window.findChild<QDockWidget *>(u"schemaDock"_s)->raise(); // behind the inspector's tab
    QCOMPARE(window.findChild<SchemaPanel *>()->stateName(),
             window.document()->engine()->state(2, Phase::Pre)->name);

    // A cell picked in the matrix is the grid's selection too.
    auto *matrix = window.findChild<CompatibilityPanel *>();
    const QModelIndex cell = matrix->model()->index(1, Engine::stateIndex(1, Phase::Post));
    QTest::mouseClick(matrix->table()->viewport(),
                      Qt::LeftButton,
                      {},
                      matrix->table()->visualRect(cell).center());
    QCOMPARE(grid->selection(), window.document()->selection());
    QCOMPARE(grid->selection().kind, Selection::Kind::Cell);
}

void TestMainWindow::wizardAddsRefactoringWithLaneAndArrows()
{
    MainWindow window;
    QVERIFY(showExample(window));
    TimelineGrid *grid = window.grid();
    const QString id = u"rename-column-customer"_s;
    QVERIFY(grid->laneHeaderRect(id).isEmpty());

    bool driven = false;
    // The wizard runs modally: drive it from the event loop once it shows.
    std::function<void()> drive = [&] {
        auto *wizard = qobject_cast<RefactoringWizard *>(QApplication::activeModalWidget());
        if (!wizard) {
            QTimer::singleShot(10, qApp, drive);
            return;
        }
        auto *kinds = wizard->findChild<QListWidget *>(u"kindList"_s);
        for (int i = 0; i < kinds->count(); ++i) {
            if (kinds->item(i)->data(Qt::UserRole).toString() == u"rename_column"_s) {
                kinds->scrollToItem(kinds->item(i));
                QTest::mouseClick(kinds->viewport(),
                                  Qt::LeftButton,
                                  {},
                                  kinds->visualItemRect(kinds->item(i)).center());
            }
        }
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        auto *column = wizard->findChild<QWidget *>(u"param_column"_s)->findChild<QComboBox *>();
        column->setCurrentIndex(column->findText(u"email"_s));
        auto *to = wizard->findChild<QWidget *>(u"param_to"_s)->findChild<QLineEdit *>();
        to->setFocus();
        QTest::keyClicks(to, u"email_address"_s);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        driven = wizard->button(QWizard::FinishButton)->isEnabled();
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    };
    QTimer::singleShot(0, qApp, drive);
    window.findChild<QAction *>(u"newRefactoringAction"_s)->trigger();
    QVERIFY(driven);

    const int index = window.plan().refactoringIndex(id);
    QVERIFY(index >= 0);
    QCOMPARE(window.plan().refactorings.at(index).params.value(u"to"_s).toString(),
             u"email_address"_s);
    QVERIFY(settled(window));
    // Its lane and chips are on the grid, and selected.
    QVERIFY(!grid->laneHeaderRect(id).isEmpty());
    QVERIFY(!grid->chipRect(id, u"expand"_s).isEmpty());
    QCOMPARE(grid->selection().refactoring, id);
    // The compatibility arrows of its start release are drawn and pass.
    const QString start = window.plan().refactorings.at(index).start;
    QVERIFY(!grid->arrowPoint(start, start, Phase::Pre).isNull());
    const TimelineModel *model = grid->model();
    const int k = model->releasePosition(start);
    QVERIFY(!model->arrowsOfRelease(k).isEmpty());
    for (int arrow : model->arrowsOfRelease(k))
        QVERIFY2(model->arrows().at(arrow).ok, qPrintable(model->arrows().at(arrow).reasons));
    // One undo removes it again.
    window.findChild<QAction *>(u"undoAction"_s)->trigger();
    QCOMPARE(window.plan().refactoringIndex(id), -1);
    QVERIFY(grid->laneHeaderRect(id).isEmpty());
}

void TestMainWindow::releaseDialogRenamesRelease()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    Selection s;
    s.kind = Selection::Kind::Release;
    s.release = u"r3"_s;
    window.document()->setSelection(s);
    onNextDialog([](QDialog *dialog) {
        auto *label = dialog->findChild<QLineEdit *>(u"releaseLabel"_s);
        label->selectAll();
        QTest::keyClicks(label, u"February"_s);
        dialog->accept();
    });
    window.findChild<QAction *>(u"editReleaseAction"_s)->trigger();
    QCOMPARE(window.plan().release(u"r3"_s)->label, u"February"_s);
    QCOMPARE(window.document()->undoStack()->count(), 1);

    // Cancelled: nothing changes.
    onNextDialog([](QDialog *dialog) { dialog->reject(); });
    window.findChild<QAction *>(u"editReleaseAction"_s)->trigger();
    QCOMPARE(window.document()->undoStack()->count(), 1);
}

void TestMainWindow::policyDialogIsOneUndoStep()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    const Plan before = window.plan();
    onNextDialog([](QDialog *dialog) {
        auto *dialect = dialog->findChild<QComboBox *>(u"dialect"_s);
        dialect->setCurrentIndex(dialect->findData(u"sqlite"_s) >= 0
                                     ? dialect->findData(u"sqlite"_s)
                                     : dialect->findText(u"sqlite"_s, Qt::MatchContains));
        auto *batch = dialog->findChild<QSpinBox *>(u"backfillBatch"_s);
        batch->setValue(500);
        dialog->accept();
    });
    window.findChild<QAction *>(u"policyAction"_s)->trigger();
    QCOMPARE(window.plan().dialect, u"sqlite"_s);
    QCOMPARE(window.plan().policy.backfillBatch, 500);
    QCOMPARE(window.document()->undoStack()->count(), 1);
    window.document()->undoStack()->undo();
    QCOMPARE(window.plan(), before);
}

void TestMainWindow::usageDialogOpensForSelectedRelease()
{
    MainWindow window;
    QVERIFY(window.loadPlan(examplePath(u"customer-full-name.tideline.json"_s)));
    QVERIFY(settled(window));
    QAction *usage = window.findChild<QAction *>(u"usageAction"_s);
    QVERIFY(!usage->isEnabled()); // no release selected
    Selection s;
    s.kind = Selection::Kind::AppVersion;
    s.release = u"r2"_s;
    window.document()->setSelection(s);
    QVERIFY(usage->isEnabled());
    bool shown = false;
    onNextDialog([&shown](QDialog *dialog) {
        shown = dialog->windowTitle().contains(u"r2"_s) || dialog->isVisible();
        dialog->accept(); // unchanged usage: nothing to undo
    });
    usage->trigger();
    QVERIFY(shown);
    QVERIFY(window.document()->engine());
    QVERIFY(!window.statusBar()->currentMessage().startsWith(u"Refused"_s));
}

void TestMainWindow::defaultDialectComesFromSettings()
{
    QSettings().setValue(u"defaultDialect"_s, u"mysql"_s);
    {
        MainWindow window;
        QCOMPARE(window.defaultDialect(), u"mysql"_s);
        QCOMPARE(window.plan().dialect, u"mysql"_s); // the empty first plan
    }
    QSettings().remove(u"defaultDialect"_s);
    MainWindow window;
    QCOMPARE(window.plan().dialect, u"postgresql"_s);
}


// The readiness review runs with the engine: its verdicts badge the grid's release headers and
// fill the Readiness panel, and picking a release there selects it everywhere.
void TestMainWindow::readinessBadgesAndPanelFollowThePlan()
{
    MainWindow window;
    QStringList problems;
    const QString path = QDir(QStringLiteral(TIDELINE_TEST_DATA)).filePath(u"cli-insert-not-null.tideline.json"_s);
    QVERIFY2(window.loadPlan(path, &problems), qPrintable(problems.join(u'\n')));
    QVERIFY(settled(window));
    auto *panel = window.findChild<ReadinessPanel *>();
    QVERIFY(panel);
    const ReviewResult &review = panel->review();
    QCOMPARE(review.releases.size(), int(window.document()->engine()->releaseCount()));

    const TimelineModel *model = window.findChild<TimelineGrid *>()->model();
    bool blocked = false;
    for (int k = 1; k <= model->releaseCount(); ++k) {
        const TimelineModel::ReleaseInfo &info = model->release(k);
        QCOMPARE(info.badge, review.badgeText(info.id));
        QVERIFY2(!info.badge.isEmpty(), qPrintable(info.id));
        blocked = blocked || review.release(info.id)->verdict == ReleaseReview::Verdict::Blocked;
    }
    QVERIFY2(blocked, "the plan's failing insert must block a release");

    const QString last = model->release(model->releaseCount()).id;
    emit panel->releaseSelected(last);
    QCOMPARE(window.document()->selection().kind, Selection::Kind::Release);
    QCOMPARE(window.document()->selection().release, last);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
