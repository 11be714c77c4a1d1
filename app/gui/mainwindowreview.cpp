// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's sign-off (issue 13): the readiness check and verify from the window, the
// acknowledgement of a finding, the report, the Export dialog; and the polish around it: the
// status bar, File › Close, the Help menu and the way out of a plan that cannot be evaluated.
// Kept apart from mainwindow.cpp, which hooks them in through createReviewActions().
#include "mainwindow.h"

#include <dialogs/findingsdialog.h>
#include <dialogs/verifydialog.h>
#include <document/document.h>
#include <document/planedits.h>
#include <emptystate.h>
#include <engine/engine.h>
#include <panels/exporttask.h>
#include <panels/readinesspanel.h>
#include <report/reportrenderer.h>
#include <report/reporttask.h>
#include <sql/bundleexport.h>
#include <sql/connection.h>
#include <sql/dialect.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

/** An acknowledgement as one undo step: the plan before and after, through the document's
 *  public apply (the engine re-checks in its worker as for every edit). */
class AcknowledgeCommand final : public QUndoCommand
{
public:
    AcknowledgeCommand(Document *document, Plan before, Plan after, const QString &text)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}
    void undo() override { m_document->applyPlan(m_before, {}, this, false); }
    void redo() override { m_document->applyPlan(m_after, {}, this, true); }

private:
    Document *m_document;
    Plan m_before, m_after;
};

// What verify proved depends on everything but the acknowledgements.
Plan withoutAcknowledgements(Plan plan)
{
    plan.acknowledgements.clear();
    return plan;
}

QString exportKey(const QString &planPath)
{
    // A server location may carry a password: the key holds it redacted, never the secret.
    return u"export/"_s
           + QString::fromLatin1(Connection::redacted(planPath).toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

void raiseDock(QMainWindow *window, const QString &name)
{
    if (auto *dock = window->findChild<QDockWidget *>(name)) {
        dock->show();
        dock->raise();
    }
}

} // namespace

void MainWindow::createReviewActions()
{
    QMenu *menu = new QMenu(tr("Re&view"), this);
    menu->setObjectName(u"reviewMenu"_s);
    // Before the Help menu, after the others.
    menuBar()->addMenu(menu);
    QAction *check = menu->addAction(tr("&Check All Releases…"), this, [this] { showFindings(); });
    check->setObjectName(u"checkAction"_s);
    check->setShortcut(Qt::Key_F7);
    check->setStatusTip(tr("The readiness findings of every release, with their fixes (as tideline-cli check)"));
    QAction *checkRelease = menu->addAction(tr("Check &Selected Release…"), this, [this] {
        showFindings(selectedRelease());
    });
    checkRelease->setObjectName(u"checkReleaseAction"_s);
    checkRelease->setShortcut(Qt::SHIFT | Qt::Key_F7);
    menu->addSeparator();
    QAction *verify = menu->addAction(tr("&Verify…"), this, [this] { showVerify(selectedRelease()); });
    verify->setObjectName(u"verifyAction"_s);
    verify->setShortcut(Qt::Key_F8);
    verify->setStatusTip(tr("Run the scripts and the app versions' statements on a scratch database"));
    menu->addSeparator();
    QAction *readiness = menu->addAction(tr("Show &Readiness"), this, [this] { raiseDock(this, u"readinessDock"_s); });
    readiness->setObjectName(u"showReadinessAction"_s);

    // File: Export Report, the Export dialog for bundles, Close.
    if (auto *fileMenu = menuBar()->findChild<QMenu *>(u"fileMenu"_s)) {
        auto *report = new QAction(tr("Export &Report…"), this);
        report->setObjectName(u"exportReportAction"_s);
        report->setStatusTip(tr("The readiness report of every release, as HTML or PDF"));
        connect(report, &QAction::triggered, this, &MainWindow::chooseAndExportReport);
        menu->addAction(report);
        auto *close = new QAction(tr("&Close"), this);
        close->setObjectName(u"closeAction"_s);
        close->setShortcut(QKeySequence::Close);
        connect(close, &QAction::triggered, this, &MainWindow::closePlan);
        QAction *exportAll = nullptr, *quit = nullptr;
        for (QAction *action : fileMenu->actions()) {
            if (action->objectName() == u"exportAction"_s) {
                action->disconnect(this); // the dialog, not the dock, decides where it goes
                connect(action, &QAction::triggered, this, [this] { chooseAndExportBundle(); });
                action->setShortcut(Qt::CTRL | Qt::Key_E);
            } else if (action->objectName() == u"exportAllAction"_s) {
                exportAll = action;
            } else if (action->objectName() == u"quitAction"_s) {
                quit = action;
            }
        }
        if (exportAll) {
            exportAll->disconnect(this);
            connect(exportAll, &QAction::triggered, this, [this] { chooseAndExportBundle(true); });
            fileMenu->insertAction(fileMenu->actions().value(fileMenu->actions().indexOf(exportAll) + 1), report);
        }
        // Close sits with Save; before Quit when nothing better is found.
        QAction *before = quit;
        for (QAction *action : fileMenu->actions()) {
            if (action->objectName() == u"revertAction"_s)
                before = fileMenu->actions().value(fileMenu->actions().indexOf(action) + 1);
        }
        fileMenu->insertAction(before, close);
    }

    // Help.
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(u"helpMenu"_s);
    QAction *tour = help->addAction(tr("&Welcome Tour"), this, &MainWindow::showTour);
    tour->setObjectName(u"tourAction"_s);
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(u"shortcutsAction"_s);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(tr("&About Tideline"), this, [this] {
        QMessageBox::about(this, tr("About Tideline"),
                           tr("<h3>Tideline %1</h3><p>Plans zero-downtime database refactorings (expand, "
                              "migrate, contract) across releases, checks every app version against every "
                              "schema state, and exports the scripts each release runs.</p>")
                               .arg(QApplication::applicationVersion()));
    })->setObjectName(u"aboutAction"_s);

    // The Readiness dock signs off from where it shows the verdicts.
    connect(m_readiness, &ReadinessPanel::findingsRequested, this, [this](const QString &id) { showFindings(id); });
    connect(m_readiness, &ReadinessPanel::verifyRequested, this, [this](const QString &id) { showVerify(id); });
    connect(m_readiness, &ReadinessPanel::reportRequested, this, &MainWindow::chooseAndExportReport);

    // A plan that cannot be evaluated: the refactoring its message names, from the message.
    const auto selectRefactoring = [this](const QString &id) {
        Selection s;
        s.kind = Selection::Kind::Refactoring;
        s.refactoring = id;
        m_document->setSelection(s);
    };
    connect(m_emptyState, &EmptyState::editRefactoringRequested, this, [this, selectRefactoring](const QString &id) {
        selectRefactoring(id);
        editSelectedRefactoring();
    });
    connect(m_emptyState, &EmptyState::deleteRefactoringRequested, this, [this, selectRefactoring](const QString &id) {
        selectRefactoring(id);
        deleteSelectedRefactoring();
    });
    connect(m_emptyState, &EmptyState::undoRequested, m_document->undoStack(), &QUndoStack::undo);
    connect(m_document, &Document::resultChanged, this, [this, selectRefactoring] {
        if (m_document->engine() || m_document->isChecking()) {
            m_emptyState->setProblemRefactoring({});
            return;
        }
        // The engine's message names the refactoring by its field or by its id.
        const Plan &plan = m_document->plan();
        QString named;
        static const QRegularExpression field(u"^refactorings\\[(\\d+)\\]"_s);
        for (const PlanError &error : m_document->engineErrors()) {
            const QRegularExpressionMatch match = field.match(error.field);
            const int index = match.hasMatch() ? match.captured(1).toInt() : -1;
            if (index >= 0 && index < plan.refactorings.size()) {
                named = plan.refactorings.at(index).id;
                break;
            }
            for (const Refactoring &r : plan.refactorings) {
                if (QRegularExpression(u"\\b%1\\b"_s.arg(QRegularExpression::escape(r.id))).match(error.toString()).hasMatch()) {
                    named = r.id;
                    break;
                }
            }
            if (!named.isEmpty())
                break;
        }
        m_emptyState->setProblemRefactoring(named);
        if (!named.isEmpty())
            selectRefactoring(named); // Refactoring › Edit and Delete work on it too
    });

    // The status bar: dialect, policy, the plan's verdict.
    m_verdictStatus = new QLabel(this);
    m_verdictStatus->setObjectName(u"verdictStatus"_s);
    m_dialectStatus = new QLabel(this);
    m_dialectStatus->setObjectName(u"dialectStatus"_s);
    m_policyStatus = new QLabel(this);
    m_policyStatus->setObjectName(u"policyStatus"_s);
    for (QLabel *label : {m_verdictStatus, m_dialectStatus, m_policyStatus})
        statusBar()->addPermanentWidget(label);
    connect(m_document, &Document::planChanged, this, [this] {
        // A verify proves the plan it ran on: an edit (but an acknowledgement) takes it back.
        if (!m_verified.isEmpty() && withoutAcknowledgements(m_document->plan()) != m_verifiedPlan)
            m_verified.clear();
        updateStatus();
    });
    connect(m_document, &Document::resultChanged, this, &MainWindow::updateStatus);
    connect(m_document, &Document::checkingChanged, this, &MainWindow::updateStatus);
    updateStatus();
}

// --- review -------------------------------------------------------------------------------

ReviewResult MainWindow::review() const
{
    const Engine *engine = m_document->engine();
    // Verify results count only for the plan they ran on: the review's own, acknowledgements aside.
    if (m_verified.isEmpty() || !engine || m_document->isChecking()
        || withoutAcknowledgements(engine->plan()) != m_verifiedPlan)
        return m_document->review();
    // Only what looks across releases (verify, verdicts) is computed again.
    return Review::update(m_document->review(), *engine, engine->releaseCount() + 1, m_verified.values());
}

FindingsDialog *MainWindow::showFindings(const QString &release)
{
    if (!m_findings) {
        m_findings = new FindingsDialog(this);
        m_findings->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_findings, &FindingsDialog::acknowledgeRequested, this, &MainWindow::askAcknowledge);
        connect(m_findings, &FindingsDialog::verifyRequested, this, [this](const QString &id) { showVerify(id); });
        connect(m_findings, &FindingsDialog::reportRequested, this, &MainWindow::chooseAndExportReport);
        const auto refresh = [this] {
            if (m_findings && !m_document->isChecking())
                m_findings->setReview(review());
        };
        connect(m_document, &Document::resultChanged, m_findings, refresh);
        connect(m_document, &Document::checkingChanged, m_findings, [this](bool checking) {
            if (m_findings)
                m_findings->setChecking(checking);
        });
    }
    m_findings->setReview(review());
    m_findings->setChecking(m_document->isChecking());
    m_findings->showRelease(release);
    m_findings->show();
    m_findings->raise();
    m_findings->activateWindow();
    return m_findings;
}

bool MainWindow::acknowledgeFinding(const Finding &finding, const QString &reason, QString *error)
{
    Acknowledgement ack;
    ack.lint = finding.lint;
    ack.refactoring = finding.refactoring;
    ack.step = finding.step;
    ack.object = finding.object;
    ack.reason = reason;
    Plan edited = m_document->plan();
    QString problem;
    {
        const PlanEdits::StructureOnly structure; // the engine runs in the document's worker
        if (!PlanEdits::acknowledge(&edited, ack, &problem)) {
            refuse(problem);
            if (error)
                *error = problem;
            return false;
        }
    }
    const QString where = finding.refactoring.isEmpty() ? QString() : tr(" in %1").arg(finding.refactoring);
    m_document->undoStack()->push(
        new AcknowledgeCommand(m_document, m_document->plan(), edited, tr("Acknowledge %1%2").arg(finding.lint, where)));
    statusBar()->showMessage(tr("Acknowledged %1%2: it no longer blocks, and the report shows why.").arg(finding.lint, where),
                             10000);
    return true;
}

void MainWindow::askAcknowledge(const Finding &finding)
{
    bool ok = false;
    const QString reason = QInputDialog::getMultiLineText(
        m_findings ? static_cast<QWidget *>(m_findings) : this,
        tr("Acknowledge Finding"),
        tr("%1: %2\n\nWhy is this acceptable? The report shows the reason to whoever signs the release off.")
            .arg(finding.lint, finding.message),
        QString(),
        &ok);
    if (ok)
        acknowledgeFinding(finding, reason);
}

VerifyDialog *MainWindow::showVerify(const QString &release)
{
    // A dialog at rest on an older plan is made anew: it verifies the plan it was opened on.
    if (!m_verifyDialog
        || (!m_verifyDialog->isRunning()
            && (m_verifyDialog->isHidden() || m_verifyDialog->plan() != m_document->plan()))) {
        delete m_verifyDialog;
        VerifyDialog *dialog = new VerifyDialog(m_document->plan(), release, this);
        m_verifyDialog = dialog;
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &VerifyDialog::verified, this, [this, dialog](const QList<VerifyResult> &results) {
            if (withoutAcknowledgements(dialog->plan()) != withoutAcknowledgements(m_document->plan())) {
                statusBar()->showMessage(tr("The plan changed while verify ran: its verdict is not taken for the "
                                            "plan as it is now. Verify again."),
                                         15000);
                return;
            }
            takeVerified(results);
        });
    }
    m_verifyDialog->show();
    m_verifyDialog->raise();
    m_verifyDialog->activateWindow();
    return m_verifyDialog;
}

void MainWindow::takeVerified(const QList<VerifyResult> &results)
{
    if (results.isEmpty())
        return;
    const Plan current = withoutAcknowledgements(m_document->plan());
    if (current != m_verifiedPlan)
        m_verified.clear();
    m_verifiedPlan = current;
    for (const VerifyResult &r : results) {
        VerifyReport report;
        report.file = tr("verified in the window on %1").arg(r.engine);
        report.plan = r.plan;
        report.release = r.release;
        report.verdict = r.passed() ? u"pass"_s : u"fail"_s;
        for (const VerifyScript &s : r.scripts) {
            if (s.run == 1) // the first run does the work
                report.extrapolatedSeconds.insert(s.file, s.extrapolatedSeconds);
        }
        report.defects = r.defects;
        m_verified.insert(r.release, report);
    }
    refreshReview();
    showBadges();
    updateStatus();
    if (m_findings)
        m_findings->setReview(review());
}

ReportTask *MainWindow::exportReport(const QString &path, QString *error)
{
    QString problem;
    if (m_report)
        problem = tr("The report %1 is still being written.").arg(QDir::toNativeSeparators(m_report->path()));
    else if (!m_document->engine() && !m_document->isChecking())
        problem = tr("The plan cannot be evaluated, so there is no review to report.");
    if (!problem.isEmpty()) {
        statusBar()->showMessage(tr("Report not written: %1").arg(problem), 10000);
        if (error)
            *error = problem;
        return nullptr;
    }
    auto *task = new ReportTask(path, this);
    m_report = task;
    connect(task, &ReportTask::finished, this, [this](bool ok, const QString &message) {
        m_report = nullptr; // the task deletes itself later; another report may start now
        // On failure the message names the file and the system's reason.
        statusBar()->showMessage(ok ? message : tr("Report not written: %1").arg(message), 10000);
    });
    // The report is of the plan as it is: a check still running is waited for.
    const auto begin = [this, task] {
        if (m_document->isChecking())
            return; // another edit came meanwhile: its check is the one to wait for
        if (m_document->engine())
            task->begin(review());
        else
            task->fail(tr("The plan cannot be evaluated, so there is no review to report."));
    };
    if (m_document->isChecking()) {
        // Queued: the document says the check ended before it says what changed (and before
        // this window drops a verify of another plan), and a failure's message box must not
        // open inside the document's own signal.
        connect(
            m_document, &Document::checkingChanged, task,
            [begin](bool checking) {
                if (!checking)
                    begin();
            },
            Qt::QueuedConnection);
    } else {
        begin();
    }
    return task;
}

void MainWindow::chooseAndExportReport()
{
    const QString base = planPath().isEmpty() || m_document->isOnServer() // no folder of its own
                             ? QDir::home().filePath(planPath().isEmpty() ? tr("readiness")
                                                                          : m_document->plan().name + tr("-readiness"))
                                              : QFileInfo(planPath()).absolutePath() + u'/'
                                                    + QFileInfo(planPath()).completeBaseName().section(u'.', 0, 0)
                                                    + u"-readiness"_s;
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), base + u".pdf"_s,
                                                      tr("PDF (*.pdf);;HTML (*.html)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    ReportTask *task = exportReport(path, &error);
    if (!task) {
        QMessageBox::warning(this, tr("Cannot Export Report"), error);
        return;
    }
    connect(task, &ReportTask::finished, this, [this](bool ok, const QString &message) {
        if (!ok && isVisible() && message != ReportRenderer::cancelledMessage())
            QMessageBox::warning(this, tr("Cannot Export Report"), message);
    });
}

// --- export -------------------------------------------------------------------------------

ExportDialog::Choice MainWindow::exportChoice() const
{
    ExportDialog::Choice choice;
    choice.dialect = m_document->plan().dialect;
    choice.layout = u"folders"_s;
    choice.release = selectedRelease();
    if (planPath().isEmpty())
        return choice;
    // Per plan, by its path: the plan file has no place for where a developer's repo is.
    QSettings settings;
    const QString key = exportKey(planPath());
    if (!settings.contains(key + u"/folder"_s))
        return choice;
    choice.folder = settings.value(key + u"/folder"_s).toString();
    choice.subfolder = settings.value(key + u"/subfolder"_s).toString();
    choice.subfolderEdited = settings.value(key + u"/subfolderEdited"_s).toBool();
    choice.dialect = settings.value(key + u"/dialect"_s, choice.dialect).toString();
    choice.layout = settings.value(key + u"/layout"_s, choice.layout).toString();
    choice.release = settings.value(key + u"/release"_s).toString();
    return choice;
}

void MainWindow::chooseAndExportBundle(bool allReleases)
{
    if (!m_document->engine()) {
        refuse(tr("the plan cannot be evaluated, so there is no bundle to export"));
        return;
    }
    ExportDialog::Choice choice = exportChoice();
    if (allReleases)
        choice.release.clear();
    ExportDialog dialog(m_document->plan(), choice, m_document->sharedResult(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!startExport(dialog.choice(), &error))
        QMessageBox::warning(this, tr("Cannot Export"), error);
}

ExportTask *MainWindow::startExport(const ExportDialog::Choice &choice, QString *error)
{
    QString problem;
    const Document::ResultPtr result = m_document->sharedResult();
    QStringList releases;
    if (!result || !result->engine)
        problem = tr("the plan cannot be evaluated, so there is no bundle to export");
    else if (!QFileInfo(choice.folder).isDir())
        problem = tr("%1 is not a folder that exists").arg(QDir::toNativeSeparators(choice.folder));
    else
        releases = BundleExport::releases(*result->engine, choice.release.isEmpty() ? u"all"_s : choice.release,
                                          &problem);
    if (!problem.isEmpty() || releases.isEmpty()) {
        if (error)
            *error = problem;
        return nullptr;
    }
    if (!planPath().isEmpty()) {
        QSettings settings;
        const QString key = exportKey(planPath());
        settings.setValue(key + u"/folder"_s, choice.folder);
        settings.setValue(key + u"/subfolder"_s, choice.subfolder);
        settings.setValue(key + u"/subfolderEdited"_s, choice.subfolderEdited);
        settings.setValue(key + u"/dialect"_s, choice.dialect);
        settings.setValue(key + u"/layout"_s, choice.layout);
        settings.setValue(key + u"/release"_s, choice.release);
    }
    ExportTask::Request request;
    request.result = result;
    request.releases = releases;
    request.folderPerRelease = choice.release.isEmpty();
    request.dialect = choice.dialect;
    request.layout = choice.layout;
    request.directory = choice.subfolder.isEmpty() ? QDir::cleanPath(choice.folder)
                                                   : QDir(choice.folder).filePath(choice.subfolder);
    request.replaceOurs = true; // never anything that is not a bundle Tideline wrote
    request.intoFolder = choice.subfolder.isEmpty(); // beside the files there, never over one not ours
    ExportTask *task = ExportTask::start(request, this);
    connect(task, &ExportTask::finished, this, [this](bool ok, const QString &message) {
        statusBar()->showMessage(ok ? message : tr("Not exported: %1").arg(message), 15000);
        if (!ok && isVisible())
            QMessageBox::warning(this, tr("Cannot Export"), message);
    });
    return task;
}

// --- polish -------------------------------------------------------------------------------

void MainWindow::updateStatus()
{
    if (!m_dialectStatus)
        return;
    const Plan &plan = m_document->plan();
    const Dialect *dialect = Dialect::forName(plan.dialect);
    m_dialectStatus->setText(dialect ? dialect->title() : plan.dialect);
    m_dialectStatus->setToolTip(tr("The plan's SQL dialect (Plan › Policy and Dialect)"));
    m_policyStatus->setText(plan.policy.rollbackSafe ? tr("rollback-safe") : tr("not rollback-safe"));
    m_policyStatus->setToolTip(plan.policy.rollbackSafe
                                   ? tr("A_{k-1} must still run on S_k: a rollback after the contract works")
                                   : tr("A contract may break the previous app version: no rollback after it"));
    if (m_document->isChecking()) {
        m_verdictStatus->setText(tr("checking…"));
        m_verdictStatus->setStyleSheet({});
        return;
    }
    if (!m_document->engine()) {
        m_verdictStatus->setText(plan.releases.isEmpty() ? tr("no releases") : tr("cannot be evaluated"));
        m_verdictStatus->setStyleSheet({});
        return;
    }
    const ReviewResult r = review();
    int blocked = 0, warnings = 0;
    for (const ReleaseReview &release : r.releases) {
        blocked += release.verdict == ReleaseReview::Verdict::Blocked;
        warnings += release.verdict == ReleaseReview::Verdict::Warnings;
    }
    m_verdictStatus->setText(r.releases.isEmpty() ? tr("no releases")
                             : blocked == 1        ? tr("1 release blocked")
                             : blocked             ? tr("%1 releases blocked").arg(blocked)
                             : warnings            ? tr("ready with warnings")
                                                   : tr("ready"));
    const QColor colour = blocked ? QColor(0xc6, 0x28, 0x28) : warnings ? QColor(0xb2, 0x6a, 0x00) : QColor(0x2e, 0x7d, 0x32);
    m_verdictStatus->setStyleSheet(r.releases.isEmpty() ? QString()
                                                        : u"QLabel { color: white; background: %1; border-radius: 3px; "
                                                          "padding: 0 6px; }"_s.arg(colour.name()));
}

void MainWindow::closePlan()
{
    if (!maybeSave())
        return;
    newEmptyPlan();
    statusBar()->showMessage(tr("Closed the plan. Open one, start from an example, or add a release."), 5000);
}

QStringList MainWindow::shortcutList() const
{
    QStringList lines;
    const std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *menu, const QString &path) {
        for (const QAction *action : menu->actions()) {
            const QString name = path + QString(action->text()).remove(u'&');
            if (action->menu())
                walk(action->menu(), name + u" › "_s);
            else if (!action->shortcut().isEmpty())
                lines << name + u'\t' + action->shortcut().toString(QKeySequence::NativeText);
        }
    };
    for (const QAction *top : menuBar()->actions()) {
        if (top->menu())
            walk(top->menu(), QString(top->text()).remove(u'&') + u" › "_s);
    }
    return lines;
}

void MainWindow::showShortcuts()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"shortcutsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(dialog);
    table->setObjectName(u"shortcutsTable"_s);
    const QStringList lines = shortcutList();
    table->setColumnCount(2);
    table->setRowCount(int(lines.size()));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    for (int row = 0; row < lines.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(lines.at(row).section(u'\t', 0, 0)));
        table->setItem(row, 1, new QTableWidgetItem(lines.at(row).section(u'\t', 1)));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Every shortcut is also in a menu; this list is made from the menus."), dialog));
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(560, 520);
    dialog->show();
}

void MainWindow::showTour()
{
    // On the example, so that every panel has something to show.
    if (m_document->plan().refactorings.isEmpty() && maybeSave())
        openExample(examples().constFirst());
    const QList<QPair<QString, QString>> pages{
        {tr("The timeline"),
         tr("Releases run left to right; each refactoring is a lane, its steps are chips in the release and "
            "phase they run in (pre, backfill, post). Drag a chip to a later release; the steps that depend "
            "on it move along, and Undo takes them all back.")},
        {tr("Compatibility"),
         tr("The matrix at the bottom shows every app version against every schema state. A bold cell is "
            "required: the old fleet on the expanded schema, the new fleet after the contract. ✗ says why "
            "it fails.")},
        {tr("Readiness and sign-off"),
         tr("Review › Check lists each release's findings with their fix; acknowledge one with a reason when "
            "it is acceptable. Review › Verify runs the scripts and the app versions' statements on a scratch "
            "database. File › Export Report writes the HTML or PDF to sign.")},
        {tr("Export"),
         tr("File › Export Bundle writes a release's scripts (or all releases') into your repository's "
            "migrations folder, in the layout your tools read: folders, Flyway, Liquibase or Sqitch. Files "
            "Tideline did not write are never replaced.")},
    };
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"tourDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Welcome to Tideline"));
    auto *stack = new QStackedWidget(dialog);
    for (const auto &[title, text] : pages) {
        auto *label = new QLabel(u"<h3>%1</h3><p>%2</p>"_s.arg(title.toHtmlEscaped(), text.toHtmlEscaped()), stack);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        stack->addWidget(label);
    }
    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *back = buttons->addButton(tr("&Back"), QDialogButtonBox::ActionRole);
    QPushButton *next = buttons->addButton(tr("&Next"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    back->setObjectName(u"tourBack"_s);
    next->setObjectName(u"tourNext"_s);
    const auto turn = [stack, back, next](int delta) {
        stack->setCurrentIndex(qBound(0, stack->currentIndex() + delta, stack->count() - 1));
        back->setEnabled(stack->currentIndex() > 0);
        next->setEnabled(stack->currentIndex() < stack->count() - 1);
    };
    connect(back, &QPushButton::clicked, dialog, [turn] { turn(-1); });
    connect(next, &QPushButton::clicked, dialog, [turn] { turn(1); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    turn(0);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(stack, 1);
    layout->addWidget(buttons);
    dialog->resize(520, 260);
    dialog->show();
}

} // namespace Tideline
