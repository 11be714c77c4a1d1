// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"
#include "mainwindowrecovery.h"

#include <dialogs/policydialog.h>
#include <dialogs/refactoringwizard.h>
#include <dialogs/releasedialog.h>
#include <dialogs/usagedialog.h>
#include <document/document.h>
#include <document/planedits.h>
#include <emptystate.h>
#include <engine/engine.h>
#include <io/planfile.h>
#include <review/review.h>
#include <sql/connection.h>
#include <sql/dialect.h>
#include <storage/serverplan.h>
#include <itemmodels/timelinemodel.h>
#include <panels/bundlepanel.h>
#include <panels/compatibilitypanel.h>
#include <panels/followresult.h>
#include <panels/pendingpanel.h>
#include <panels/readinesspanel.h>
#include <panels/schemapanel.h>
#include <panels/stepinspector.h>
#include <timeline/timelinegrid.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QUndoView>

#include <functional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

constexpr int MaxRecentFiles = 8;
const auto RecentFilesKey = u"recentFiles"_s;
const auto DefaultDialectKey = u"defaultDialect"_s;
const auto GeometryKey = u"window/geometry"_s;
const auto StateKey = u"window/state"_s;

QString fileFilter()
{
    return MainWindow::tr("Tideline plans (*.tideline *.tideline.json);;All files (*)");
}

QString messages(const QList<PlanError> &errors)
{
    QStringList lines;
    for (const PlanError &error : errors)
        lines << error.toString();
    return lines.join(u'\n');
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Document(this))
{
    setObjectName(u"mainWindow"_s);
    createCentral();
    createDocks();
    createActions();
    createCheckingProgress();
    m_defaultState = saveState();
    readSettings();

    connect(m_document, &Document::planChanged, this, [this] {
        updateCentral();
        updateActions();
        updateTitle();
    });
    connect(m_document, &Document::checkingChanged, this, &MainWindow::showChecking);
    connect(m_document, &Document::editRefused, this, &MainWindow::refuse);
    connect(m_document, &Document::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::selectionChanged, this, &MainWindow::updateActions);
    m_keeper = new PlanKeeper(this);
    freeTabKey();
    createTeam();

    newEmptyPlan();
    statusBar()->showMessage(tr("Open a plan with File › Open, or start from an example."));
}

MainWindow::~MainWindow() = default;

QStringList MainWindow::examples()
{
    return {u":/examples/customer-full-name.tideline.json"_s,
            u":/examples/posts-authors.tideline.json"_s};
}

const Plan &MainWindow::plan() const
{
    return m_document->plan();
}

QString MainWindow::planPath() const
{
    return m_document->filePath();
}

QStringList MainWindow::recentFiles() const
{
    return m_recentFiles;
}

QString MainWindow::defaultDialect() const
{
    const QAction *checked = m_dialects->checkedAction();
    return checked ? checked->data().toString() : Plan().dialect;
}

// --- layout -------------------------------------------------------------------------------

void MainWindow::createCentral()
{
    m_central = new QStackedWidget(this);
    m_central->setObjectName(u"centralStack"_s);
    m_emptyState = new EmptyState(m_central);
    connect(m_emptyState, &EmptyState::openRequested, this, &MainWindow::chooseAndOpen);
    connect(m_emptyState, &EmptyState::exampleRequested, this, [this] {
        if (maybeSave())
            openExample(examples().constFirst());
    });
    connect(m_emptyState, &EmptyState::addReleaseRequested, this, &MainWindow::addRelease);
    connect(m_emptyState, &EmptyState::newRefactoringRequested, this, &MainWindow::newRefactoring);

    m_timelineModel = new TimelineModel(this);
    m_grid = new TimelineGrid(m_central);
    m_grid->setObjectName(u"timelineGrid"_s);
    m_grid->setModel(m_timelineModel);
    // The grid shows the last result that came in; a run in flight shows as "checking…".
    connect(m_document, &Document::resultChanged, this, [this] {
        QStringList problems;
        for (const PlanError &error : m_document->engineErrors())
            problems << error.toString();
        m_timelineModel->setEngine(m_document->engine(), problems);
        m_grid->setSelection(m_document->selection());
        updateCentral();
    });
    // Selection both ways; each side ignores its own echo (setSelection emits nothing).
    connect(m_grid, &TimelineGrid::selectionChanged, m_document, &Document::setSelection);
    connect(m_document, &Document::selectionChanged, m_grid, &TimelineGrid::setSelection);
    m_grid->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_grid, &QWidget::customContextMenuRequested, this, &MainWindow::showGridMenu);
    connect(m_grid, &TimelineGrid::activated, this, &MainWindow::editActivated);
    connect(m_grid, &TimelineGrid::moveRequested, this, &MainWindow::moveStep);
    checkMovesWhileDragging();

    m_central->addWidget(m_emptyState);
    m_central->addWidget(m_grid);
    setCentralWidget(m_central);
}

QDockWidget *MainWindow::addPanel(QWidget *panel,
                                  const QString &title,
                                  const QString &objectName,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() needs it
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks()
{
    setDockNestingEnabled(true);
    m_compatibility = new CompatibilityPanel(m_document, this);
    m_pending = new PendingPanel(m_document, this);
    m_schema = new SchemaPanel(m_document, this);
    m_inspector = new StepInspector(m_document, this);
    m_bundle = new BundlePanel(m_document, this);
    m_readiness = new ReadinessPanel(this);
    m_readiness->setObjectName(u"readinessPanel"_s);
    // The review is computed with every engine run (in the document's worker); picking a
    // release in the panel selects it everywhere, and a release selected elsewhere is shown in
    // the panel.
    // The panel in its own event, and only once it can be seen (it sits in a tab); the badges
    // on the grid follow at once.
    followResult(m_document, m_readiness, [this] { refreshReview(); });
    connect(m_document, &Document::resultChanged, this, &MainWindow::showBadges);
    connect(m_readiness, &ReadinessPanel::releaseSelected, this, [this](const QString &id) {
        Selection s;
        s.kind = Selection::Kind::Release;
        s.release = id;
        m_document->setSelection(s);
    });
    connect(m_document, &Document::selectionChanged, this, [this](const Selection &s) {
        if (!s.release.isEmpty() && s.release != m_readiness->selectedRelease()) {
            const QSignalBlocker echo(m_readiness); // showing it is not a new selection
            m_readiness->selectRelease(s.release);
        }
    });
    m_undoView = new QUndoView(m_document->undoStack(), this);
    m_undoView->setObjectName(u"undoView"_s);
    m_undoView->setEmptyLabel(tr("<opened>"));

    QDockWidget *inspector
        = addPanel(m_inspector, tr("Step Inspector"), u"inspectorDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *schema = addPanel(m_schema, tr("Schema"), u"schemaDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *bundle = addPanel(m_bundle, tr("Bundle"), u"bundleDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *matrix = addPanel(m_compatibility,
                                   tr("Compatibility"),
                                   u"compatibilityDock"_s,
                                   Qt::BottomDockWidgetArea);
    QDockWidget *pending
        = addPanel(m_pending, tr("Pending Contracts"), u"pendingDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *history
        = addPanel(m_undoView, tr("History"), u"historyDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *readiness
        = addPanel(m_readiness, tr("Readiness"), u"readinessDock"_s, Qt::BottomDockWidgetArea);
    splitDockWidget(matrix, pending, Qt::Horizontal);
    tabifyDockWidget(pending, readiness);
    tabifyDockWidget(readiness, history);
    pending->raise();
    tabifyDockWidget(inspector, schema);
    tabifyDockWidget(schema, bundle);
    inspector->raise();
}

// The readiness review of the current plan: verdicts in the Readiness panel, and as badges on
// the timeline's release headers.
void MainWindow::refreshReview()
{
    const ReviewResult review = this->review(); // with what verify proved in the window
    {
        const QSignalBlocker echo(m_readiness); // a new review keeps the user's selection
        m_readiness->setReview(review);
        if (!m_document->selection().release.isEmpty())
            m_readiness->selectRelease(m_document->selection().release);
    }
}

void MainWindow::showBadges()
{
    const ReviewResult review = this->review();
    if (const Engine *engine = m_document->engine()) {
        for (const Release &release : engine->plan().releases) {
            if (m_document->isChecking()) // a verdict is never shown for another plan
                m_timelineModel->setReleaseBadge(release.id, tr("checking…"),
                                                 palette().color(QPalette::PlaceholderText));
            else
                m_timelineModel->setReleaseBadge(release.id, review.badgeText(release.id),
                                                 review.badgeColor(release.id));
        }
    }
}

// While the engine re-checks the plan: the "checking…" marks, and after 200 ms a progress in
// the status bar (with Cancel when a plan is being opened).
void MainWindow::showChecking(bool checking)
{
    m_grid->setChecking(checking);
    m_readiness->setChecking(checking);
    showBadges(); // the release badges say "checking…" too
    if (checking) {
        m_checkingDelay->start();
    } else {
        m_checkingDelay->stop();
        m_checkingProgress->hide();
        if (!m_opening.isEmpty())
            statusBar()->showMessage(tr("Opened %1").arg(m_opening), 5000);
        m_opening.clear();
    }
}

void MainWindow::createCheckingProgress()
{
    m_checkingProgress = new QWidget(this);
    m_checkingProgress->setObjectName(u"checkingProgress"_s);
    auto *layout = new QHBoxLayout(m_checkingProgress);
    layout->setContentsMargins(0, 0, 0, 0);
    m_checkingLabel = new QLabel(m_checkingProgress);
    auto *bar = new QProgressBar(m_checkingProgress);
    bar->setRange(0, 0); // the engine reports no steps: busy
    bar->setMaximumWidth(160);
    bar->setMaximumHeight(14);
    bar->setTextVisible(false);
    m_checkingCancel = new QToolButton(m_checkingProgress);
    m_checkingCancel->setObjectName(u"cancelOpen"_s);
    m_checkingCancel->setText(tr("Cancel"));
    connect(m_checkingCancel, &QToolButton::clicked, this, &MainWindow::cancelOpen);
    layout->addWidget(m_checkingLabel);
    layout->addWidget(bar);
    layout->addWidget(m_checkingCancel);
    statusBar()->addPermanentWidget(m_checkingProgress);
    m_checkingProgress->hide();

    m_checkingDelay = new QTimer(this);
    m_checkingDelay->setSingleShot(true);
    m_checkingDelay->setInterval(200);
    connect(m_checkingDelay, &QTimer::timeout, this, [this] {
        if (!m_document->isChecking())
            return;
        m_checkingLabel->setText(m_opening.isEmpty() ? tr("Checking the plan…")
                                                     : tr("Opening %1…").arg(m_opening));
        m_checkingCancel->setVisible(!m_opening.isEmpty());
        m_checkingProgress->show();
    });
}

// Opening is cancelled by starting over empty; the run in flight finishes unheard.
void MainWindow::cancelOpen()
{
    if (m_opening.isEmpty())
        return;
    const QString name = m_opening;
    m_opening.clear();
    newEmptyPlan();
    statusBar()->showMessage(tr("Opening %1 cancelled").arg(name), 5000);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_sizeDocks)
        sizeDocks();
}

void MainWindow::sizeDocks()
{
    m_sizeDocks = false;
    // The timeline keeps most of the room: the docks take about a quarter each way.
    auto *inspector = findChild<QDockWidget *>(u"inspectorDock"_s);
    auto *matrix = findChild<QDockWidget *>(u"compatibilityDock"_s);
    auto *pending = findChild<QDockWidget *>(u"pendingDock"_s);
    resizeDocks({inspector}, {qBound(320, width() * 27 / 100, 520)}, Qt::Horizontal);
    resizeDocks({matrix}, {qBound(180, height() / 4, 320)}, Qt::Vertical);
    resizeDocks({matrix, pending}, {width() * 55 / 100, width() * 45 / 100}, Qt::Horizontal);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    for (const char *name : {"inspectorDock", "pendingDock"}) {
        if (auto *dock = findChild<QDockWidget *>(QString::fromLatin1(name)))
            dock->raise();
    }
    m_sizeDocks = true;
    if (isVisible())
        sizeDocks();
}

// --- actions ------------------------------------------------------------------------------

void MainWindow::createActions()
{
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createReleaseMenu();
    createRefactoringMenu();
    createSchemaActions();
    createReviewActions();
}

void MainWindow::createFileMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&File"));
    menu->setObjectName(u"fileMenu"_s);

    QAction *newAction = menu->addAction(tr("&New Plan"), this, [this] {
        if (maybeSave())
            newEmptyPlan();
    });
    newAction->setObjectName(u"newAction"_s);
    newAction->setShortcut(QKeySequence::New);

    QMenu *exampleMenu = menu->addMenu(tr("New from &Example"));
    for (const QString &example : examples()) {
        QAction *action
            = exampleMenu->addAction(QFileInfo(example).completeBaseName().section(u'.', 0, 0),
                                     this,
                                     [this, example] {
                                         if (maybeSave())
                                             openExample(example);
                                     });
        action->setObjectName(u"exampleAction:"_s + QFileInfo(example).fileName());
    }

    QAction *openAction = menu->addAction(tr("&Open…"), this, &MainWindow::chooseAndOpen);
    openAction->setObjectName(u"openAction"_s);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"recentMenu"_s);

    menu->addSeparator();
    QAction *saveAction = menu->addAction(tr("&Save"), this, &MainWindow::save);
    saveAction->setObjectName(u"saveAction"_s);
    saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAsAction = menu->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
    saveAsAction->setObjectName(u"saveAsAction"_s);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_revertAction = menu->addAction(tr("Re&vert"), this, &MainWindow::revert);
    m_revertAction->setObjectName(u"revertAction"_s);

    menu->addSeparator();
    // Exports happen in the Bundle dock, which shows where they stand.
    // (A plain callable: GCC's -O1 with the sanitizers warned, wrongly, that a captured
    // pointer to member may be used uninitialized.)
    const auto inBundleDock = [this](std::function<void(BundlePanel *)> exportFunction) {
        return [this, exportFunction] {
            if (auto *dock = findChild<QDockWidget *>(u"bundleDock"_s)) {
                dock->show();
                dock->raise();
            }
            exportFunction(m_bundle);
        };
    };
    QAction *exportAction = menu->addAction(tr("&Export Bundle…"), this, inBundleDock(&BundlePanel::chooseAndExport));
    exportAction->setObjectName(u"exportAction"_s);
    QAction *exportAllAction
        = menu->addAction(tr("Export &All Releases…"), this, inBundleDock(&BundlePanel::chooseAndExportAll));
    exportAllAction->setObjectName(u"exportAllAction"_s);

    QMenu *dialectMenu = menu->addMenu(tr("&Default Dialect for New Plans"));
    m_dialects = new QActionGroup(this);
    for (const Dialect *dialect : Dialect::all()) {
        QAction *action = dialectMenu->addAction(dialect->name());
        action->setCheckable(true);
        action->setData(dialect->name());
        m_dialects->addAction(action);
    }
    connect(m_dialects, &QActionGroup::triggered, this, [this] {
        QSettings().setValue(DefaultDialectKey, defaultDialect());
    });

    menu->addSeparator();
    QAction *quitAction = menu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
}

void MainWindow::createEditMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Edit"));
    menu->setObjectName(u"editMenu"_s);
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"undoAction"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"redoAction"_s);
    redo->setShortcut(QKeySequence::Redo);
    menu->addAction(undo);
    menu->addAction(redo);
}

void MainWindow::createViewMenu()
{
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(u"viewMenu"_s);
    QAction *zoomIn = m_viewMenu->addAction(tr("Zoom &In"), m_grid, &TimelineGrid::zoomIn);
    zoomIn->setObjectName(u"zoomInAction"_s);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = m_viewMenu->addAction(tr("Zoom &Out"), m_grid, &TimelineGrid::zoomOut);
    zoomOut->setObjectName(u"zoomOutAction"_s);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *resetZoom = m_viewMenu->addAction(tr("&Actual Size"), m_grid, &TimelineGrid::resetZoom);
    resetZoom->setObjectName(u"resetZoomAction"_s);
    resetZoom->setShortcut(Qt::CTRL | Qt::Key_0);
    m_viewMenu->addSeparator();
    const QList<QDockWidget *> docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout)
        ->setObjectName(u"resetLayoutAction"_s);
}

void MainWindow::createReleaseMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Release"));
    menu->setObjectName(u"releaseMenu"_s);
    QAction *add = menu->addAction(tr("&Add Release…"), this, &MainWindow::addRelease);
    add->setObjectName(u"addReleaseAction"_s);
    QAction *insert = menu->addAction(tr("&Insert Release Before…"),
                                      this,
                                      &MainWindow::insertRelease);
    insert->setObjectName(u"insertReleaseAction"_s);
    QAction *edit = menu->addAction(tr("&Edit Release…"), this, &MainWindow::editSelectedRelease);
    edit->setObjectName(u"editReleaseAction"_s);
    menu->addSeparator();
    QAction *left = menu->addAction(tr("Move &Left"), this, [this] { moveSelectedRelease(-1); });
    left->setObjectName(u"moveReleaseLeftAction"_s);
    QAction *right = menu->addAction(tr("Move &Right"), this, [this] { moveSelectedRelease(1); });
    right->setObjectName(u"moveReleaseRightAction"_s);
    QAction *deployed = menu->addAction(tr("Mark &Deployed"),
                                        this,
                                        &MainWindow::markSelectedReleaseDeployed);
    deployed->setObjectName(u"markDeployedAction"_s);
    QAction *reopen = menu->addAction(tr("Re-&open Release…"),
                                      this,
                                      &MainWindow::reopenSelectedRelease);
    reopen->setObjectName(u"reopenReleaseAction"_s);
    reopen->setToolTip(tr("Take a release marked deployed by mistake back to planned; the "
                          "plan's history keeps who, when and why"));
    QAction *remove = menu->addAction(tr("De&lete Release"),
                                      this,
                                      &MainWindow::deleteSelectedRelease);
    remove->setObjectName(u"deleteReleaseAction"_s);
    menu->addSeparator();
    QAction *usage = menu->addAction(tr("App &Usage…"), this, &MainWindow::editUsage);
    usage->setObjectName(u"usageAction"_s);
    m_releaseActions = {insert, edit, left, right, deployed, reopen, remove, usage};

    QMenu *planMenu = menuBar()->addMenu(tr("&Plan"));
    planMenu->setObjectName(u"planMenu"_s);
    QAction *policy = planMenu->addAction(tr("&Policy and Dialect…"), this, &MainWindow::editPolicy);
    policy->setObjectName(u"policyAction"_s);
}

void MainWindow::createRefactoringMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("Re&factoring"));
    menu->setObjectName(u"refactoringMenu"_s);
    QAction *add = menu->addAction(tr("&New Refactoring…"), this, &MainWindow::newRefactoring);
    add->setObjectName(u"newRefactoringAction"_s);
    add->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_N);
    QAction *edit = menu->addAction(tr("&Edit Refactoring…"),
                                    this,
                                    &MainWindow::editSelectedRefactoring);
    edit->setObjectName(u"editRefactoringAction"_s);
    QAction *remove = menu->addAction(tr("&Delete Refactoring"),
                                      this,
                                      &MainWindow::deleteSelectedRefactoring);
    remove->setObjectName(u"deleteRefactoringAction"_s);
    remove->setShortcut(QKeySequence::Delete);
    m_refactoringActions = {edit, remove};
    createStepMenu(menu);
}

// --- state --------------------------------------------------------------------------------

void MainWindow::updateTitle()
{
    QString name;
    if (m_document->isOnServer())
        name = m_document->server()->location().displayName(); // never the location (a password)
    else if (!m_document->filePath().isEmpty())
        name = QFileInfo(m_document->filePath()).fileName();
    else
        name = m_untitledName.isEmpty() ? tr("Untitled") : m_untitledName;
    // [*] shows the unsaved-changes marker where the platform draws it.
    setWindowTitle(tr("%1[*] — Tideline").arg(name));
    setWindowFilePath(m_document->isOnServer() ? QString() : m_document->filePath());
    setWindowModified(m_document->isModified());
    m_revertAction->setEnabled(!m_document->filePath().isEmpty());
}

void MainWindow::updateCentral()
{
    // The grid shows the last result (the edited plan's may still be checking).
    const Engine *engine = m_document->engine();
    if (!engine && m_document->isChecking()) {
        m_emptyState->setReason(EmptyState::Reason::Checking,
                                m_document->filePath().isEmpty()
                                    ? m_document->plan().name
                                    : QDir::toNativeSeparators(Connection::redacted(m_document->filePath())));
        m_central->setCurrentWidget(m_emptyState);
        return;
    }
    // Releases and refactorings are counted in the plan as edited, which needs no run.
    const Plan &plan = m_document->plan();
    if (!engine) {
        m_emptyState->setReason(EmptyState::Reason::CannotRun, messages(m_document->engineErrors()));
        m_central->setCurrentWidget(m_emptyState);
    } else if (plan.releases.isEmpty()) {
        m_emptyState->setReason(EmptyState::Reason::NoReleases);
        m_central->setCurrentWidget(m_emptyState);
    } else if (plan.refactorings.isEmpty()) {
        m_emptyState->setReason(EmptyState::Reason::NoRefactorings);
        m_central->setCurrentWidget(m_emptyState);
    } else {
        m_central->setCurrentWidget(m_grid);
    }
}

void MainWindow::updateActions()
{
    const bool release = !selectedRelease().isEmpty();
    for (QAction *action : std::as_const(m_releaseActions))
        action->setEnabled(release);
    const bool refactoring = m_document->plan().refactoringIndex(m_document->selection().refactoring)
                             >= 0;
    for (QAction *action : std::as_const(m_refactoringActions))
        action->setEnabled(refactoring);
    const bool step = m_document->selection().kind == Selection::Kind::Step;
    for (QAction *action : std::as_const(m_stepActions))
        action->setEnabled(step);
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    if (!settings.value(GeometryKey).isValid())
        resize(1600, 1000);
    if (restoreState(settings.value(StateKey).toByteArray()))
        m_sizeDocks = false;
    m_recentFiles = settings.value(RecentFilesKey).toStringList();
    const QString dialect = settings.value(DefaultDialectKey, Plan().dialect).toString();
    for (QAction *action : m_dialects->actions())
        action->setChecked(action->data().toString() == dialect);
    if (!m_dialects->checkedAction())
        m_dialects->actions().constFirst()->setChecked(true);
    rebuildRecentMenu();
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(RecentFilesKey, m_recentFiles);
    settings.setValue(DefaultDialectKey, defaultDialect());
}

void MainWindow::rememberRecent(const QString &path)
{
    if (PlanFile::formatOf(path) == PlanFile::Format::Server)
        return; // a server location may carry a password: it stays out of the settings
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_recentFiles.removeAll(absolute);
    m_recentFiles.prepend(absolute);
    while (m_recentFiles.size() > MaxRecentFiles)
        m_recentFiles.removeLast();
    QSettings().setValue(RecentFilesKey, m_recentFiles);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : std::as_const(m_recentFiles)) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openPlan(path);
        });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
    if (!m_recentFiles.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [this] {
            m_recentFiles.clear();
            QSettings().setValue(RecentFilesKey, m_recentFiles);
            rebuildRecentMenu();
        });
    }
}

// --- files --------------------------------------------------------------------------------

bool MainWindow::loadPlan(const QString &path, QStringList *errors)
{
    QList<PlanError> problems;
    if (!m_document->open(path, &problems)) {
        QStringList lines;
        for (const PlanError &error : std::as_const(problems))
            lines << error.toString();
        statusBar()->showMessage(
            tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), lines.value(0)));
        if (errors)
            *errors = lines;
        return false;
    }
    m_untitledName.clear();
    updateTitle();
    rememberRecent(path);
    m_keeper->opened();
    if (m_document->isChecking()) {
        m_opening = QFileInfo(path).fileName(); // "Opened" once its first run is in
        statusBar()->clearMessage();            // the progress says what goes on
    } else {
        statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 5000);
    }
    if (errors)
        errors->clear();
    return true;
}

bool MainWindow::openPlan(const QString &path)
{
    if (ServerLocation::isLocation(path)) {
        openServerPlan(path);
        return true;
    }
    QStringList errors;
    if (loadPlan(path, &errors))
        return true;
    showLoadErrors(path, errors);
    return false;
}

bool MainWindow::savePlan(const QString &path, QString *error)
{
    QString problem;
    if (!m_document->save(path, &problem)) {
        statusBar()->showMessage(tr("Could not save: %1").arg(problem));
        if (error)
            *error = problem;
        return false;
    }
    m_untitledName.clear();
    updateTitle();
    rememberRecent(path);
    m_keeper->saved();
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

bool MainWindow::openExample(const QString &resourcePath, QString *error)
{
    Plan plan;
    QList<PlanError> problems;
    if (!PlanFile::load(resourcePath, &plan, &problems)) {
        if (error)
            *error = messages(problems);
        return false;
    }
    m_opening.clear();
    m_untitledName = tr("%1 (example)")
                         .arg(plan.name.isEmpty() ? QFileInfo(resourcePath).fileName() : plan.name);
    m_document->reset(plan);
    updateTitle();
    statusBar()->showMessage(tr("Showing an example plan. Save it to keep your changes, or open "
                                "your own with File › Open."));
    return true;
}

void MainWindow::newEmptyPlan()
{
    Plan plan;
    plan.name = tr("Untitled");
    plan.dialect = defaultDialect();
    m_untitledName.clear();
    m_opening.clear();
    m_document->reset(plan);
    updateTitle();
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    QMessageBox box(QMessageBox::Warning,
                    tr("Unsaved Changes"),
                    tr("The plan has unsaved changes. Save them?"),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                    this);
    box.setObjectName(u"saveChangesBox"_s);
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_document->isSaving()) {
        // The document waits for the server in a loop of its own; it stays until it answered.
        statusBar()->showMessage(tr("Waiting for the server to answer before closing"), 5000);
        event->ignore();
        return;
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_keeper->closed();
    writeSettings();
    event->accept();
}

void MainWindow::chooseAndOpen()
{
    if (!maybeSave())
        return;
    const QString directory = planPath().isEmpty() ? QDir::homePath()
                                                   : QFileInfo(planPath()).absolutePath();
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Plan"), directory, fileFilter());
    if (!path.isEmpty())
        openPlan(path);
}

bool MainWindow::save()
{
    if (planPath().isEmpty())
        return saveAs();
    QString error;
    if (savePlan(planPath(), &error))
        return true;
    QMessageBox::warning(this, tr("Cannot Save Plan"), error);
    return false;
}

bool MainWindow::saveAs()
{
    const QString suggestion = planPath().isEmpty()
                                   ? QDir::home().filePath(tr("plan") + u".tideline"_s)
                                   : planPath();
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save Plan As"), suggestion, fileFilter());
    if (path.isEmpty())
        return false;
    QString error;
    if (savePlan(path, &error))
        return true;
    QMessageBox::warning(this, tr("Cannot Save Plan"), error);
    return false;
}

void MainWindow::revert()
{
    if (planPath().isEmpty())
        return;
    if (m_document->isModified()
        && QMessageBox::question(this,
                                 tr("Revert"),
                                 tr("Discard your changes and reload %1 from disk?")
                                     .arg(QFileInfo(planPath()).fileName()))
               != QMessageBox::Yes)
        return;
    openPlan(planPath());
}

void MainWindow::showLoadErrors(const QString &path, const QStringList &errors)
{
    auto *box = new QMessageBox(QMessageBox::Warning,
                                tr("Cannot Open Plan"),
                                tr("%1 could not be opened.").arg(QDir::toNativeSeparators(Connection::redacted(path))),
                                QMessageBox::Ok,
                                this);
    box->setObjectName(u"planErrorBox"_s);
    box->setInformativeText(errors.value(0));
    if (errors.size() > 1)
        box->setDetailedText(errors.join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // Window-modal but non-blocking: nothing waits on the user here.
}

void MainWindow::refuse(const QString &error)
{
    statusBar()->showMessage(tr("Refused: %1").arg(error), 10000);
    if (m_central->currentWidget() == m_grid)
        m_grid->showMessage(error);
}

// --- edits --------------------------------------------------------------------------------

QString MainWindow::selectedRelease() const
{
    const Selection s = m_document->selection();
    switch (s.kind) {
    case Selection::Kind::Release:
    case Selection::Kind::SchemaState:
    case Selection::Kind::Cell:
    case Selection::Kind::AppVersion:
        return m_document->plan().releaseIndex(s.release) >= 0 ? s.release : QString();
    default:
        return {};
    }
}

void MainWindow::addRelease()
{
    const Plan &plan = m_document->plan();
    ReleaseDialog dialog(plan, -1, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_document->insertRelease(int(plan.releases.size()), dialog.release(), &error))
        refuse(error);
}

void MainWindow::insertRelease()
{
    const int index = m_document->plan().releaseIndex(selectedRelease());
    if (index < 0)
        return;
    ReleaseDialog dialog(m_document->plan(), index, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_document->insertRelease(index, dialog.release(), &error))
        refuse(error);
}

void MainWindow::editSelectedRelease()
{
    const Release *release = m_document->plan().release(selectedRelease());
    if (!release)
        return;
    const QString id = release->id;
    const Release before = *release;
    ReleaseDialog dialog(m_document->plan(), *release, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    // Only the status set to deployed: the history says "Mark r2 deployed", as the menu's does.
    Release edited = dialog.release();
    const bool onlyDeployed = before.status == Release::Status::Planned
                              && edited.status == Release::Status::Deployed;
    edited.status = before.status;
    if (onlyDeployed && edited.id == before.id && edited.label == before.label && edited.date == before.date) {
        if (!m_document->markDeployed(id, &error))
            refuse(error);
        return;
    }
    if (!m_document->replaceRelease(id, dialog.release(), &error))
        refuse(error);
}

void MainWindow::editUsage()
{
    const QString id = selectedRelease();
    if (id.isEmpty())
        return;
    UsageDialog dialog(m_document->plan(), id, this, m_document->engine());
    if (!dialog.isEditable()) {
        refuse(tr("the app usage of %1 cannot be edited: the release is cancelled or the plan "
                  "cannot be evaluated")
                   .arg(id));
        return;
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_document->setUsage(dialog.usage(), &error))
        refuse(error);
}

void MainWindow::editPolicy()
{
    PolicyDialog dialog(m_document->plan(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // Checked together first, so that a refusal leaves nothing half done.
    Plan edited = m_document->plan();
    QString error;
    if (!PlanEdits::setPolicy(&edited, dialog.policy(), &error)
        || !PlanEdits::setDialect(&edited, dialog.dialect(), &error)) {
        refuse(error);
        return;
    }
    const bool policyChanges = !(dialog.policy() == m_document->plan().policy);
    const bool dialectChanges = dialog.dialect() != m_document->plan().dialect;
    // One user action, one undo step, even when both change.
    QUndoStack *stack = m_document->undoStack();
    if (policyChanges && dialectChanges)
        stack->beginMacro(tr("Change policy and dialect"));
    if (policyChanges)
        m_document->setPolicy(dialog.policy(), &error);
    if (dialectChanges)
        m_document->setDialect(dialog.dialect(), &error);
    if (policyChanges && dialectChanges)
        stack->endMacro();
}

void MainWindow::moveSelectedRelease(int delta)
{
    const QString id = selectedRelease();
    QString error;
    if (!m_document->moveRelease(id, m_document->plan().releaseIndex(id) + delta, &error))
        refuse(error);
}

void MainWindow::markSelectedReleaseDeployed()
{
    const QString id = selectedRelease();
    const Release *release = m_document->plan().release(id);
    if (!release)
        return;
    QString error;
    if (!m_document->markDeployed(id, &error))
        refuse(error);
}

void MainWindow::reopenSelectedRelease()
{
    const QString id = selectedRelease();
    const Release *release = m_document->plan().release(id);
    if (!release)
        return;
    const QString name = release->label.isEmpty() ? id : release->label;
    if (release->status != Release::Status::Deployed) {
        refuse(tr("%1 is not deployed: there is nothing to re-open.").arg(name));
        return;
    }
    bool ok = false;
    const QString why = QInputDialog::getText(
        this,
        tr("Re-open Release"),
        tr("%1 is history: its steps cannot move while it is deployed. Re-open it only if it did "
           "not really ship.\n\nWhy is it re-opened? The plan's history keeps the reason.")
            .arg(name),
        QLineEdit::Normal,
        QString(),
        &ok);
    if (!ok)
        return;
    QString error;
    if (!m_document->reopenRelease(id, why, &error))
        refuse(error);
}

void MainWindow::checkMovesWhileDragging()
{
    // The same edit, on a copy and without an engine run: what the drop would be told.
    m_grid->setMoveCheck([this](const QString &refactoring, const QString &step,
                                const QString &releaseId) {
        Plan plan = m_document->plan();
        QString error;
        QStringList along;
        const PlanEdits::StructureOnly structure;
        return PlanEdits::moveStepWithDependents(&plan, refactoring, step, releaseId, &along, &error)
                   ? QString()
                   : error;
    });
}

void MainWindow::deleteSelectedRelease()
{
    QString error;
    if (!m_document->removeRelease(selectedRelease(), &error))
        refuse(error);
}

void MainWindow::deleteSelectedRefactoring()
{
    QString error;
    if (!m_document->removeRefactoring(m_document->selection().refactoring, &error))
        refuse(error);
}

void MainWindow::moveStep(const QString &refactoring, const QString &step, const QString &releaseId)
{
    // The steps that depend on it follow where the plan stays valid; one undo takes all back.
    QString error;
    QStringList along;
    if (!m_document->moveStepWithDependents(refactoring, step, releaseId, &along, &error)) {
        refuse(error);
        return;
    }
    m_grid->dismissMessage(); // an earlier refusal is answered
    if (!along.isEmpty())
        statusBar()->showMessage(tr("Moved %1 of %2, and with it %3, which depend on it")
                                     .arg(step, refactoring, along.join(u", "_s)),
                                 10000);
}

void MainWindow::newRefactoring()
{
    // The document's last run (of this plan, or of the one before an edit still checking);
    // the wizard only reads it, and the edit it makes is checked anew.
    RefactoringWizard wizard(m_document->plan(), this, m_document->engine());
    // Starting where the user is looking: the selected release, when it is still planned.
    const Release *release = m_document->plan().release(selectedRelease());
    if (release && release->status == Release::Status::Planned)
        wizard.setStartRelease(release->id);
    if (wizard.exec() != QDialog::Accepted)
        return;
    const Refactoring refactoring = wizard.refactoring();
    QString error;
    if (!m_document->addRefactoring(refactoring, &error)) {
        refuse(error);
        return;
    }
    Selection s;
    s.kind = Selection::Kind::Refactoring;
    s.refactoring = refactoring.id;
    m_document->setSelection(s);
}

void MainWindow::editSelectedRefactoring()
{
    const QString id = m_document->selection().refactoring;
    const int index = m_document->plan().refactoringIndex(id);
    if (index < 0)
        return;
    RefactoringWizard wizard(m_document->plan(), m_document->plan().refactorings.at(index), this,
                             m_document->engine());
    if (wizard.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_document->replaceRefactoring(id, wizard.refactoring(), &error))
        refuse(error);
}

} // namespace Tideline
