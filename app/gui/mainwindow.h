// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <dialogs/exportdialog.h>
#include <domain/plan.h>
#include <review/review.h>

#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QStringList>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QTimer;
class QToolButton;
class QMenu;
class QStackedWidget;
class QUndoView;

namespace Tideline {

class BundlePanel;
class CompatibilityPanel;
class Document;
class EmptyState;
class ExportTask;
class ReportTask;
class FindingsDialog;
class VerifyDialog;
struct Finding;
struct VerifyResult;
class PlanKeeper;
class PendingPanel;
class ReadinessPanel;
class SchemaEditor;
class SchemaPanel;
class StepInspector;
class TimelineGrid;
class TimelineModel;
struct Selection;

/**
 * Tideline's main window: the timeline in the middle, the panels as docks around it, and the
 * menus that open, save and edit the one Document it shows. Every edit goes through the
 * document's edit API, so it is validated and undoable.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    TimelineGrid *grid() const { return m_grid; }

    /**
     * Opens the plan at @p path. On failure the current plan stays, the problems go to the
     * status bar and, when @p errors is given, into it; no dialog is shown.
     */
    bool loadPlan(const QString &path, QStringList *errors = nullptr);
    /** Like loadPlan(), but a failure is also reported in a (non-blocking) message box. A plan
     *  on a server opens once a worker found its server answering (a host that does not keeps
     *  a connect waiting up to connect_timeout): true at once, the status bar says it connects. */
    bool openPlan(const QString &path);
    /** Saves to @p path (format by suffix) and remembers it as a recent file. */
    bool savePlan(const QString &path, QString *error = nullptr);
    /** Starts an untitled document from a bundled example (a resource path). */
    bool openExample(const QString &resourcePath, QString *error = nullptr);
    /** Starts an untitled, empty plan in the default dialect. */
    void newEmptyPlan();

    const Plan &plan() const;
    QString planPath() const;
    QStringList recentFiles() const;
    QString defaultDialect() const;

    /**
     * File › Import Schema: reads a DDL file or a live database (@p fromDatabase) in the import
     * dialog and, when the user accepts what it read, makes it the baseline (one undo step).
     * True when the baseline was replaced.
     */
    bool importSchema(bool fromDatabase = false);
    /** Plan › Edit Baseline Schema: shows the (one, modeless) schema editor and returns it. */
    SchemaEditor *editBaselineSchema();

    // Review and sign-off, export, help (mainwindowreview.cpp).
    /** Review › Check: the findings of every release (or @p release) with their fixes. */
    FindingsDialog *showFindings(const QString &release = {});
    /** Accepts @p finding for @p reason: one undoable edit of the plan's acknowledgements. */
    bool acknowledgeFinding(const Finding &finding, const QString &reason, QString *error = nullptr);
    /** Review › Verify: the (one, modeless) verify dialog, on @p release or all. */
    VerifyDialog *showVerify(const QString &release = {});
    /** The document's review with what verify proved in this window about the plan as it is. */
    ReviewResult review() const;
    /** File › Export Report: HTML or PDF by @p path's suffix, written by a task in a worker
     *  (after the running check of the plan, if any); null with @p error when it cannot start
     *  (no review to report, or another report still being written). */
    ReportTask *exportReport(const QString &path, QString *error = nullptr);
    /** Starts an export as the Export dialog chose it; null with @p error when it cannot start. */
    ExportTask *startExport(const ExportDialog::Choice &choice, QString *error = nullptr);
    /** The export choice remembered for this plan (or the defaults). */
    ExportDialog::Choice exportChoice() const;
    /** Help › Keyboard Shortcuts: every action with a shortcut, by menu, as "Menu › Action\tKeys". */
    QStringList shortcutList() const;

    /** Offers to restore the untitled plan a crashed or killed Tideline left (at start). */
    void offerUntitledRecovery();

    /** Puts the docks back where they start (View › Reset Layout); --screenshot uses it too. */
    void resetLayout();

    /** The bundled examples, as resource paths. */
    static QStringList examples();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createCentral();
    void createDocks();
    void sizeDocks();
    QDockWidget *addPanel(QWidget *panel,
                          const QString &title,
                          const QString &objectName,
                          Qt::DockWidgetArea area);
    void createActions();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createReleaseMenu();
    void createRefactoringMenu();
    void createSchemaActions(); // mainwindowschema.cpp
    void createReviewActions(); // mainwindowreview.cpp
    void chooseAndExportBundle(bool allReleases = false);
    void chooseAndExportReport();
    void askAcknowledge(const Finding &finding);
    void takeVerified(const QList<VerifyResult> &results);
    void updateStatus();
    void closePlan();
    void showShortcuts();
    void showTour();
    // mainwindowrecovery.cpp: Refactoring › Step (every grid shortcut in a menu), the grid's
    // context menus and what a double-click or Enter edits.
    void createStepMenu(QMenu *refactoringMenu);
    void showGridMenu(const QPoint &viewportPos);
    void editActivated(const Selection &selection);
    // Tab moves between the window's panels: no table or tree of a dock keeps it.
    void freeTabKey();
    void createTeam();          // mainwindowteam.cpp: plans on a server
    // mainwindowteam.cpp: opens a plan on a server once a worker found the server answering.
    void openServerPlan(const QString &location);
    void updateTitle();
    void updateCentral();
    void updateActions();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void readSettings();
    void writeSettings() const;

    // Asks whether to save unsaved edits; false when the user cancels.
    bool maybeSave();
    void chooseAndOpen();
    bool save();
    bool saveAs();
    void revert();
    void showLoadErrors(const QString &path, const QStringList &errors);
    // Shows why an edit was refused, over the grid and in the status bar.
    void refuse(const QString &error);

    // Release and refactoring edits on the current selection.
    QString selectedRelease() const;
    void addRelease();
    void insertRelease();
    void editSelectedRelease();
    void editUsage();
    void editPolicy();
    void moveSelectedRelease(int delta);
    void markSelectedReleaseDeployed();
    // Asks why, then re-opens the selected deployed release (logged in the plan's history).
    void reopenSelectedRelease();
    // Lets the grid show a forbidden drop target while a step is dragged.
    void checkMovesWhileDragging();
    void deleteSelectedRelease();
    void deleteSelectedRefactoring();
    void newRefactoring();
    void editSelectedRefactoring();
    void moveStep(const QString &refactoring, const QString &step, const QString &releaseId);
    void refreshReview();
    void showBadges();
    void showChecking(bool checking);
    void createCheckingProgress();
    void cancelOpen();

    Document *m_document; // Owned as a child.
    PlanKeeper *m_keeper = nullptr; // autosave, recovery, file watching (mainwindowrecovery.cpp)
    QString m_untitledName;
    QStackedWidget *m_central = nullptr;
    EmptyState *m_emptyState = nullptr;
    TimelineModel *m_timelineModel = nullptr;
    TimelineGrid *m_grid = nullptr;
    CompatibilityPanel *m_compatibility = nullptr;
    PendingPanel *m_pending = nullptr;
    ReadinessPanel *m_readiness = nullptr;
    SchemaPanel *m_schema = nullptr;
    StepInspector *m_inspector = nullptr;
    BundlePanel *m_bundle = nullptr;
    QPointer<SchemaEditor> m_schemaEditor;
    QPointer<FindingsDialog> m_findings;
    QPointer<VerifyDialog> m_verifyDialog;
    QPointer<ReportTask> m_report; // the report being written, if any
    QMap<QString, VerifyReport> m_verified; // by release: what verify proved of m_verifiedPlan
    Plan m_verifiedPlan;                    // without its acknowledgements, which verify ignores
    QLabel *m_dialectStatus = nullptr;
    QLabel *m_policyStatus = nullptr;
    QLabel *m_verdictStatus = nullptr;
    QUndoView *m_undoView = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_dialects = nullptr;
    QList<QAction *> m_releaseActions;     // need a selected release
    QList<QAction *> m_refactoringActions; // need a selected refactoring
    QList<QAction *> m_stepActions;        // need a selected step
    QAction *m_revertAction = nullptr;
    QWidget *m_checkingProgress = nullptr; // in the status bar while a run takes over 200 ms
    quint64 m_serverOpens = 0; // the newest openServerPlan(): only its answer counts
    QLabel *m_teamBanner = nullptr;        // in the status bar while the server is out of reach
    QLabel *m_savingLabel = nullptr;       // in the status bar while the server has not answered yet
    QLabel *m_checkingLabel = nullptr;
    QToolButton *m_checkingCancel = nullptr;
    QTimer *m_checkingDelay = nullptr;
    QString m_opening; // the file name of a plan opened whose first run is not in yet
    QStringList m_recentFiles;
    QByteArray m_defaultState; // the dock layout before any saved one is restored
    bool m_sizeDocks = true;   // size the docks to the window when it is first shown
};

} // namespace Tideline
