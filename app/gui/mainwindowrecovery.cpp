// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindowrecovery.h"

#include "mainwindow.h"

#include <document/document.h>
#include <document/planedits.h>
#include <document/planmerge.h>
#include <document/recovery.h>
#include <engine/engine.h>
#include <io/planfile.h>

#include <timeline/timelinegrid.h>

#include <QAbstractItemView>
#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPromise>
#include <QPushButton>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

#include <memory>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

PlanKeeper::PlanKeeper(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_idle(new QTimer(this))
    , m_latest(new QTimer(this))
    , m_watcher(new QFileSystemWatcher(this))
{
    m_idle->setSingleShot(true);
    m_idle->setInterval(IdleMs);
    m_latest->setSingleShot(true);
    m_latest->setInterval(LatestMs);
    connect(m_idle, &QTimer::timeout, this, &PlanKeeper::autosave);
    connect(m_latest, &QTimer::timeout, this, &PlanKeeper::autosave);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &PlanKeeper::fileChanged);

    Document *document = window->document();
    // After the stack took the edit in (Document::planChanged comes while it is pushed, before
    // the document counts as modified).
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &PlanKeeper::planChanged);
    connect(document, &Document::modifiedChanged, this, [this](bool modified) {
        if (!modified) { // saved, or undone back to what the file holds
            m_idle->stop();
            m_latest->stop();
            dropRecovery(m_path); // "" is this process's untitled plan
        }
    });
    connect(document, &Document::filePathChanged, this, [this](const QString &path) {
        // Saved elsewhere, or given up for another plan (an untitled one first, in reset()).
        if (m_path != path)
            dropRecovery(m_path);
        m_path = path;
        if (!path.isEmpty()) // "" comes between two plans too: the watch waits for the next
            watch();
    });
}

PlanKeeper::~PlanKeeper()
{
    dropRecovery(m_path);
}

void PlanKeeper::dropRecovery(const QString &path)
{
    // While a merge is taken in, the recovery file holds the only copy of the user's edits
    // outside this window's memory: the reload that comes first must not remove it. Nor does a
    // recovery file that was offered and not answered go (the window closed, another plan was
    // opened): it is offered again next time.
    if (!m_holding && Recovery::pathFor(path) != m_unanswered)
        Recovery::remove(path);
}

void PlanKeeper::planChanged()
{
    if (!m_window->document()->isModified())
        return;
    m_idle->start();
    if (!m_latest->isActive())
        m_latest->start();
}

void PlanKeeper::autosave()
{
    m_idle->stop();
    m_latest->stop();
    const Document *document = m_window->document();
    if (!document->isModified() || m_holding) // a merge not yet accepted: the file keeps mine
        return;
    QString error;
    if (!Recovery::write(document->filePath(), document->plan(), &error))
        notify(tr("Autosave failed, your edits are only in this window: %1").arg(error));
}

void PlanKeeper::opened()
{
    m_path = m_window->document()->filePath();
    m_fileText = readAll(m_path);
    watch();
    if (!m_reloading)
        offerRecovery();
}

void PlanKeeper::saved()
{
    if (m_offer && m_offer->objectName() == u"reloadOffer"_s)
        delete m_offer; // saving answered it: the file holds this window's plan now
    m_holding = false; // the file holds what the window shows
    m_path = m_window->document()->filePath();
    m_fileText = readAll(m_path);
    Recovery::remove(m_path);
    watch();
}

void PlanKeeper::closed()
{
    m_idle->stop();
    m_latest->stop();
    dropRecovery(m_path);
    delete m_offer;
}

void PlanKeeper::watch()
{
    // Only what changed: taking a watched path out and in again races with the watcher's own
    // events of it (inotify), and a later change went unnoticed.
    const QStringList wanted
        = !m_path.isEmpty() && QFileInfo::exists(m_path) ? QStringList{m_path} : QStringList();
    if (m_watcher->files() == wanted)
        return;
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!wanted.isEmpty())
        m_watcher->addPaths(wanted);
}

QString PlanKeeper::fileName() const
{
    return QFileInfo(m_path).fileName();
}

void PlanKeeper::notify(const QString &message)
{
    m_window->statusBar()->showMessage(message);
}

QMessageBox *PlanKeeper::newOffer(const QString &objectName, QMessageBox::Icon icon,
                                  const QString &title, const QString &text)
{
    // One question at a time: the newer replaces the older. Later, as this may come from the
    // older one's own button (its click is still being handled).
    if (m_offer) {
        m_offer->hide();
        m_offer->deleteLater();
    }
    auto *box = new QMessageBox(icon, title, text, QMessageBox::NoButton, m_window);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_offer = box;
    return box;
}

void PlanKeeper::offerRecovery()
{
    Recovery::Found found;
    QString error;
    if (Recovery::find(m_path, &found, &error))
        offer(found);
    else if (!error.isEmpty())
        notify(tr("A recovery file was left as it is: %1").arg(error));
}

void PlanKeeper::offerOrphan()
{
    Recovery::Found found;
    QString error;
    if (Recovery::findOrphan(&found, &error))
        offer(found);
    else if (!error.isEmpty())
        notify(tr("A recovery file was left as it is: %1").arg(error));
}

void PlanKeeper::offer(const Recovery::Found &found)
{
    const QString name = found.planPath.isEmpty() ? tr("An untitled plan") : fileName();
    QMessageBox *box = newOffer(u"recoveryOffer"_s, QMessageBox::Question,
                                tr("Restore Unsaved Edits"),
                                tr("%1 has edits that were not saved: Tideline closed before "
                                   "they were. Restore them?")
                                    .arg(name));
    const QString when = QLocale().toString(found.written.toLocalTime(), QLocale::ShortFormat);
    box->setInformativeText(
        found.fileChangedSince
            ? tr("Autosaved %1. The file was written after that (by another program, or a pull): "
                 "restoring shows the autosaved plan instead of the file's, and keeps the file as "
                 "it is until you save; Undo takes the restored edits back.")
                  .arg(when)
            : tr("Autosaved %1. Restoring keeps the file as it is until you save; Undo takes the "
                 "restored edits back.")
                  .arg(when));
    m_unanswered = found.path;
    QPushButton *restore = box->addButton(tr("&Restore"), QMessageBox::AcceptRole);
    restore->setObjectName(u"restoreButton"_s);
    QPushButton *discard = box->addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(u"discardButton"_s);
    box->setDefaultButton(restore);
    // No "later": a recovery file set aside would be overwritten by this session's autosaves,
    // so the question is answered now (Escape does nothing).
    const QString path = m_path;
    connect(box, &QMessageBox::buttonClicked, this, [this, restore, discard, found, path, name](
                                                         QAbstractButton *button) {
        if (path != m_window->document()->filePath())
            return; // another plan is open by now
        if (button == restore || button == discard)
            m_unanswered.clear();
        if (button == restore) {
            QString error;
            if (!m_window->document()->replacePlan(found.plan, tr("Restore unsaved edits"),
                                                   &error)) {
                notify(tr("Could not restore the unsaved edits (the recovery file stays): %1")
                           .arg(error));
                return;
            }
            // A crashed process's file is this one's now: written under its own name first.
            autosave();
            if (found.path != Recovery::pathFor(path))
                QFile::remove(found.path);
            notify(tr("Restored the unsaved edits of %1; save to keep them").arg(name));
        } else if (button == discard) {
            QFile::remove(found.path);
            notify(tr("Discarded the unsaved edits of %1").arg(name));
        }
    });
    box->open();
}

void PlanKeeper::fileChanged()
{
    if (m_path.isEmpty()) { // an untitled plan now: the old file is none of its business
        watch();
        return;
    }
    // Editors and QSaveFile replace the file: the watcher loses it, so it is added again.
    if (!QFileInfo::exists(m_path)) {
        QTimer::singleShot(500, this, [this] {
            watch();
            if (QFileInfo::exists(m_path))
                fileChanged();
            else
                notify(tr("%1 was removed or renamed outside Tideline; the plan is still "
                          "here, save it to write it again")
                           .arg(fileName()));
        });
        return;
    }
    watch();
    const QByteArray text = readAll(m_path);
    if (text == m_fileText)
        return; // this window's own save, or a change undone again
    if (m_merging) { // a merge being checked is about the file as it was: dropped, asked anew
        ++m_mergeRun;
        m_merging = false;
    }
    // Unsaved edits are autosaved now, not at the next edit: a recovery file older than the
    // changed file is not offered after a crash (Recovery::find).
    autosave();
    Plan theirs;
    QList<PlanError> errors;
    if (!PlanFile::load(m_path, &theirs, &errors)) {
        notify(tr("%1 changed outside Tideline and cannot be read (%2); the plan here stays")
                   .arg(fileName(), errors.isEmpty() ? QString() : errors.constFirst().toString()));
        return;
    }
    if (!m_window->document()->isModified()) {
        reload(tr("%1 changed outside Tideline and was reloaded").arg(fileName()));
        return;
    }
    offerReload(theirs, text);
}

void PlanKeeper::reload(const QString &notice)
{
    m_reloading = true;
    const QString path = m_path; // a copy: opening changes m_path on the way (filePathChanged)
    const bool loaded = m_window->loadPlan(path);
    m_reloading = false;
    if (loaded)
        notify(notice);
}

void PlanKeeper::offerReload(const Plan &theirs, const QByteArray &text)
{
    Document *document = m_window->document();
    Plan merged;
    QStringList collisions;
    const bool mergeable
        = PlanMerge::merge(document->savedPlan(), document->plan(), theirs, &merged, &collisions);

    QMessageBox *box = newOffer(u"reloadOffer"_s, QMessageBox::Warning, tr("Plan Changed on Disk"),
                                tr("%1 changed outside Tideline while you have unsaved edits "
                                   "here.")
                                    .arg(fileName()));
    box->setInformativeText(
        mergeable ? tr("Merge takes the file's changes and keeps your edits (they touch "
                       "different releases and refactorings). Reload drops your edits; Keep "
                       "Mine keeps them and your next save replaces the file's changes.")
                  : tr("Both changed %1, so they cannot be merged. Reload drops your edits; "
                       "Keep Mine keeps them and your next save replaces the file's changes.")
                        .arg(collisions.join(u", "_s)));
    QPushButton *mergeButton = nullptr;
    if (mergeable) {
        mergeButton = box->addButton(tr("&Merge"), QMessageBox::AcceptRole);
        mergeButton->setObjectName(u"mergeButton"_s);
    }
    QPushButton *reloadButton = box->addButton(tr("&Reload"), QMessageBox::DestructiveRole);
    reloadButton->setObjectName(u"reloadButton"_s);
    QPushButton *keep = box->addButton(tr("&Keep Mine"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepMineButton"_s);
    box->setDefaultButton(mergeButton ? mergeButton : keep);
    box->setEscapeButton(keep);
    const QString path = m_path;
    connect(box, &QMessageBox::buttonClicked, this,
            [this, mergeButton, reloadButton, theirs, merged, text, path](QAbstractButton *button) {
                if (path != m_window->document()->filePath())
                    return;
                if (button == reloadButton && button) {
                    reload(tr("Reloaded %1; your unsaved edits were dropped").arg(fileName()));
                } else if (button == mergeButton && button) {
                    merge(theirs, merged, text);
                } else {
                    m_fileText = text; // asked about once; the next save writes mine
                    notify(tr("Kept your edits; saving replaces the changes made to %1 outside "
                              "Tideline")
                               .arg(fileName()));
                }
            });
    box->open();
}

void PlanKeeper::merge(const Plan &theirs, const Plan &merged, const QByteArray &text)
{
    // Checked in full before anything changes, the engine's run included: the window's own
    // check of an edit runs in a worker and takes back one the engine refuses, and that would
    // come after the reload below, with the user's plan gone from the window. The check is an
    // engine run (about a second on a large plan), so it runs in a worker too, and the window
    // keeps answering; a result that comes back after the plan, its file or the question
    // changed is dropped.
    const quint64 run = ++m_mergeRun;
    const Plan mine = m_window->document()->plan();
    const QString path = m_path;
    m_merging = true;
    notify(tr("Merging the changes made to %1 outside Tideline with your edits…").arg(fileName()));
    auto refused = std::make_shared<QString>(); // written by the worker before it finishes
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        watcher->deleteLater();
        if (run != m_mergeRun)
            return; // a newer merge was asked for
        m_merging = false;
        if (path != m_path || path != m_window->document()->filePath())
            return; // another plan is open now
        if (!(m_window->document()->plan() == mine)) {
            fileChanged(); // edited meanwhile: the question again, about the newest plan
            return;
        }
        takeMerge(theirs, merged, text, *refused);
    });
    auto promise = std::make_shared<QPromise<void>>();
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, refused, theirs, merged] {
        promise->start();
        QString error;
        PlanEdits::Run ran;
        bool accepted = PlanEdits::check(theirs, merged, &error, &ran);
        if (accepted && !ran) {
            // Allowed as an edit of a plan that does not run either, but the window takes
            // back a merge that does not run: refused here, with the engine's reason.
            QList<PlanError> errors;
            Engine(merged).run(&errors);
            error = errors.isEmpty() ? tr("the engine cannot evaluate the merged plan")
                                     : errors.constFirst().toString();
            accepted = false;
        }
        if (!accepted)
            *refused = error.isEmpty() ? tr("the merged plan was refused") : error;
        ran.reset(); // the engine run is freed here, not on the GUI thread
        promise->finish();
    });
}

void PlanKeeper::takeMerge(const Plan &theirs, const Plan &merged, const QByteArray &text, const QString &refused)
{
    Document *document = m_window->document();
    QString error;
    if (!refused.isEmpty()) {
        m_fileText = text; // answered like Keep Mine: the next save writes this window's plan
        refuseMerge(refused);
        return;
    }
    if (readAll(m_path) != text) { // changed again since the question: ask about the newest
        fileChanged();
        return;
    }
    // The recovery file gets the newest edits before the reload takes them from the window,
    // and keeps them until the merge is accepted.
    const Plan mine = document->plan();
    if (!Recovery::write(m_path, mine, &error)) {
        m_fileText = text;
        refuseMerge(tr("your edits could not be autosaved first (%1)").arg(error));
        return;
    }
    m_holding = true;
    // The file's plan becomes the saved one and the merge one undo step over it: Undo shows
    // the file's plan, Redo the merged one.
    reload(QString());
    if (document->isModified()) { // not reloaded (the status bar says why): nothing was taken
        m_holding = false;
        return;
    }
    if (!(document->plan() == theirs)) { // the file changed once more, just now: not merged
        restore(mine, tr("%1 changed again while merging").arg(fileName()));
        return;
    }
    if (!document->replacePlan(merged, tr("Merge with the changes on disk"), &error)) {
        restore(mine, error);
        return;
    }
    // The engine's own run of the merged plan comes from the worker; until it accepts the
    // merge, the recovery file keeps the user's plan.
    auto *pending = new QObject(this);
    connect(document, &Document::resultChanged, pending, [this, pending] {
        delete pending;
        m_holding = false;
        if (m_window->document()->isModified())
            autosave(); // now the merged plan is the one to recover
        else
            Recovery::remove(m_path); // the merge is what the file holds already
        notify(tr("Merged the changes made to %1 outside Tideline with your edits; save to "
                  "keep them")
                   .arg(fileName()));
    });
    connect(document, &Document::editRefused, pending, [this, pending, mine](const QString &why) {
        delete pending;
        restore(mine, why);
    });
}

void PlanKeeper::restore(const Plan &mine, const QString &why)
{
    // The window shows the file's plan now: the user's plan goes back over it as one edit.
    QString error;
    if (m_window->document()->replacePlan(mine, tr("Keep your unsaved edits"), &error)) {
        m_holding = false;
        autosave();
        refuseMerge(why);
        return;
    }
    // Still in the recovery file, which stays (m_holding): it is offered when the plan is
    // opened again.
    notify(tr("Could not merge (%1) nor put your edits back (%2); they are kept in the "
              "recovery file and offered when %3 is opened again")
               .arg(why, error, fileName()));
}

void PlanKeeper::refuseMerge(const QString &why)
{
    QMessageBox *box = newOffer(u"mergeRefused"_s, QMessageBox::Warning, tr("Could Not Merge"),
                                tr("The changes made to %1 outside Tideline were not merged: %2")
                                    .arg(fileName(), why));
    box->setInformativeText(tr("Your edits stay in the window and in their recovery file; "
                               "saving replaces the changes made outside Tideline."));
    box->addButton(QMessageBox::Ok);
    box->open();
    notify(tr("Could not merge, your edits stay: %1").arg(why));
}

void MainWindow::offerUntitledRecovery()
{
    m_keeper->offerOrphan();
}

// --- keyboard and direct manipulation (issue 13, items 7 and 10) ----------------------------

void MainWindow::createStepMenu(QMenu *refactoringMenu)
{
    // The grid's own keys, here too so that they can be found (and work from any panel).
    QMenu *menu = refactoringMenu->addMenu(tr("&Step"));
    menu->setObjectName(u"stepMenu"_s);
    const auto move = [this](int delta) {
        if (!m_grid->moveSelectedStep(delta))
            statusBar()->showMessage(delta < 0 ? tr("There is no earlier release to move the step to")
                                               : tr("There is no later release to move the step to"),
                                     5000);
    };
    QAction *earlier = menu->addAction(tr("Move to &Earlier Release"), this, [move] { move(-1); });
    earlier->setObjectName(u"moveStepEarlierAction"_s);
    earlier->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_Left);
    QAction *later = menu->addAction(tr("Move to &Later Release"), this, [move] { move(1); });
    later->setObjectName(u"moveStepLaterAction"_s);
    later->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_Right);
    m_stepActions = {earlier, later};
}

void MainWindow::freeTabKey()
{
    // QTableView and QTableWidget take Tab to walk their cells, so one Tab into the
    // compatibility matrix (or any table of a dock) and no key brought focus back. In the
    // window the arrows walk a table and Tab goes on to the next panel, as it does in a form.
    const QList<QAbstractItemView *> views = findChildren<QAbstractItemView *>();
    for (QAbstractItemView *view : views)
        view->setTabKeyNavigation(false);
}

void MainWindow::showGridMenu(const QPoint &viewportPos)
{
    Selection selection = m_grid->selectionAt(viewportPos);
    const bool release = m_document->plan().releaseIndex(selection.release) >= 0;
    switch (selection.kind) {
    case Selection::Kind::Step:
    case Selection::Kind::Refactoring:
    case Selection::Kind::Release:
    case Selection::Kind::None:
        break;
    case Selection::Kind::AppVersion:
    case Selection::Kind::SchemaState:
    case Selection::Kind::Cell:
        if (!release)
            selection = {}; // the baseline: nothing of it to edit here
        break;
    }
    m_document->setSelection(selection); // the menu's actions act on the selection

    auto *menu = new QMenu(this);
    menu->setObjectName(u"gridContextMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto add = [this, menu](std::initializer_list<const char *> names) {
        if (!menu->isEmpty())
            menu->addSeparator();
        for (const char *name : names) {
            if (auto *action = findChild<QAction *>(QString::fromLatin1(name)))
                menu->addAction(action);
        }
    };
    switch (selection.kind) {
    case Selection::Kind::Step:
        add({"moveStepEarlierAction", "moveStepLaterAction"});
        add({"editRefactoringAction", "deleteRefactoringAction"});
        break;
    case Selection::Kind::Refactoring:
        add({"editRefactoringAction", "deleteRefactoringAction"});
        add({"newRefactoringAction"});
        break;
    case Selection::Kind::None:
        add({"newRefactoringAction", "addReleaseAction"});
        break;
    case Selection::Kind::Release:
    case Selection::Kind::AppVersion:
    case Selection::Kind::SchemaState:
    case Selection::Kind::Cell:
        add({"editReleaseAction", "insertReleaseAction"});
        add({"moveReleaseLeftAction", "moveReleaseRightAction"});
        add({"markDeployedAction", "reopenReleaseAction"});
        add({"usageAction", "deleteReleaseAction"});
        break;
    }
    menu->popup(m_grid->viewport()->mapToGlobal(viewportPos));
}

void MainWindow::editActivated(const Selection &selection)
{
    m_document->setSelection(selection);
    switch (selection.kind) {
    case Selection::Kind::Step:
    case Selection::Kind::Refactoring:
        editSelectedRefactoring();
        break;
    case Selection::Kind::Release:
        editSelectedRelease();
        break;
    default:
        break;
    }
}

} // namespace Tideline
