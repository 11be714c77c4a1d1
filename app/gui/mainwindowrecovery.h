// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/recovery.h>
#include <domain/plan.h>

#include <QByteArray>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QFileSystemWatcher;
class QTimer;

namespace Tideline {

class MainWindow;

/**
 * Nothing lost (issue 13, item 8), for one MainWindow:
 *
 * * Autosave: while the plan (with a file or untitled) is modified, its recovery file
 *   (Recovery) is written after
 *   IdleMs without an edit, and at the latest LatestMs after the first unsaved edit. A clean
 *   save, an undo back to the saved plan or closing the window removes it.
 * * Recovery: opening a plan whose recovery file is newer than the file offers Restore (one
 *   undo step; the file is not touched until the user saves) or Discard.
 * * Watching: an outside change of the plan's file (QFileSystemWatcher; the path is added again
 *   after editors replace the file) reloads the plan with a notice when there are no unsaved
 *   edits; with unsaved edits it offers Reload, Keep Mine and, when the two sides did not edit
 *   the same release, refactoring or part (PlanMerge), Merge.
 */
class PlanKeeper : public QObject
{
    Q_OBJECT

public:
    static constexpr int IdleMs = 2000;
    static constexpr int LatestMs = 30000;

    explicit PlanKeeper(MainWindow *window);
    /** The window is gone (after closing it, in the app): its recovery file goes too. A crash
     *  or a kill runs no destructor, so what it leaves stays for the next start. */
    ~PlanKeeper() override;

    /** The window opened (or reloaded) the plan at its document's path. */
    void opened();
    /** The window saved the plan to its document's path. */
    void saved();
    /** The window closes: its unsaved edits were saved or given up by the user. */
    void closed();
    /** Offers the newest untitled plan a crashed or killed Tideline left (at start). */
    void offerOrphan();
    /** True while the worker checks a merge the user asked for (the window keeps answering). */
    bool isMerging() const { return m_merging; }

private:
    void planChanged();
    void autosave();
    void watch();
    void fileChanged();
    // A question of the window (non-modal, deleted on close) that replaces the one still open.
    QMessageBox *newOffer(const QString &objectName, QMessageBox::Icon icon, const QString &title,
                          const QString &text);
    void offerRecovery();
    void offer(const Recovery::Found &found);
    void offerReload(const Plan &theirs, const QByteArray &text);
    void reload(const QString &notice);
    void merge(const Plan &theirs, const Plan &merged, const QByteArray &text);
    /** The rest of merge() once the worker's check of the merged plan came back. */
    void takeMerge(const Plan &theirs, const Plan &merged, const QByteArray &text, const QString &refused);
    // Puts @p mine back after a merge that could not be taken in, and says @p why.
    void restore(const Plan &mine, const QString &why);
    void refuseMerge(const QString &why);
    // Recovery::remove(), unless a merge holds the file.
    void dropRecovery(const QString &path);
    QString fileName() const;
    void notify(const QString &message);

    MainWindow *m_window;
    QTimer *m_idle;
    QTimer *m_latest;
    QFileSystemWatcher *m_watcher;
    QString m_path;         // the plan path recovery and watching are about
    QByteArray m_fileText;  // the file as this window last read or wrote it
    QPointer<QMessageBox> m_offer;
    bool m_reloading = false;
    QString m_unanswered;   // a recovery file offered and not answered yet: it stays
    bool m_holding = false; // the recovery file holds the user's plan while a merge is taken in
    quint64 m_mergeRun = 0; // the latest merge check sent to the worker; older results are dropped
    bool m_merging = false;
};

} // namespace Tideline
