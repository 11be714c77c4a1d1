// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Tideline {

/** One storage table of a plan: its column names and its rows (in the storage's own values:
 *  text, integers, NULL). */
struct TableRows
{
    QStringList columns;
    QList<QVariantList> rows;
};
/** A plan as the rows of every storage table but meta, by table name: what a plan on a server
 *  holds (ServerPlan), the file's table design with a plan id in front. */
using PlanRows = QMap<QString, TableRows>;

/**
 * The `.tideline` file: an SQLite database written through Qt SQL (QSQLITE), one named
 * connection per store. Its storage schema carries a version (PRAGMA user_version); a file
 * written by a newer Tideline is refused with a message that says so.
 *
 * Reading never writes: an older file is copied into memory (SQLite's backup API) and migrated
 * there for load(); the file itself moves to the current version only with the first edit or
 * save, in the same transaction as that edit. Every edit runs in one transaction under SQLite's
 * own lock and journal, so a crash loses nothing that was saved.
 *
 * A file another process holds locked (for longer than BusyTimeoutMs) is named as locked, and a
 * file SQLite finds corrupt as a damaged plan file, never with a bare SQLite message.
 */
class PlanStore
{
public:
    static constexpr int StorageVersion = 7;
    /** How long a read or write waits for another process's lock before it gives up. */
    static constexpr int BusyTimeoutMs = 1000;
    /** The message of a file another process holds; callers tell "busy" from "not a plan" by it. */
    static QString lockedMessage();

    PlanStore();
    ~PlanStore();
    PlanStore(const PlanStore &) = delete;
    PlanStore &operator=(const PlanStore &) = delete;

    /** Opens (and with create=true, creates) the file. Returns false and sets errorString().
     *  An existing plan is only read here, whatever its storage version. */
    bool open(const QString &path, bool create = false);
    void close();
    bool isOpen() const;

    bool load(Plan *plan);
    /** Replaces the whole document in one transaction. */
    bool save(const Plan &plan);

    // Edits, each one transaction. They leave the file untouched when they fail.
    // putRelease/putRefactoring replace the item with the same id when it is at `position`;
    // otherwise they insert it at `position` (0 to count), shifting the later ones, and fail
    // when the id is already used at another position.
    bool setSettings(const Plan &plan);                   // name, dialect, policy
    bool setBaseline(const Baseline &baseline);
    bool putRelease(const Release &release, int position);
    bool removeRelease(const QString &id);
    bool putRefactoring(const Refactoring &refactoring, int position);
    bool removeRefactoring(const QString &id);
    bool setUsage(const QList<UsageEdit> &usage);

    QString errorString() const;
    /** The storage version of the file on disk (older files stay so until the first write). */
    int fileVersion() const;

    /**
     * Replaces the file at @p path with @p plan, through SQLite: the plan is built in memory and
     * copied into an existing database with the backup API, under the target's write lock and
     * journal (so a process holding the file makes this fail as "locked", and a journal left by
     * a process that died is rolled back first, never laid over the new plan). A new file, or
     * one that is not an SQLite database, is written beside the target and renamed over it.
     * Either way a crash leaves the old file or the new one, and nothing goes through TMPDIR.
     */
    static bool write(const QString &path, const Plan &plan, QString *error);

    /** @p plan as the rows the file would hold (built in memory through the same writer). */
    static bool toRows(const Plan &plan, PlanRows *rows, QString *error);
    /** The same rows for @p plan, an edit of @p previous whose rows are @p previousRows: only
     *  the rows of the parts, releases and refactorings that differ (by value, at their
     *  position) are built; the others are taken from @p previousRows as they are. */
    static bool toRows(const Plan &plan, const Plan &previous, const PlanRows &previousRows,
                       PlanRows *rows, QString *error);
    /** The plan that @p rows hold, read through the same reader as a file (damage named). */
    static bool fromRows(const PlanRows &rows, Plan *plan, QString *error);

private:
    struct Private;
    Private *d;
};

} // namespace Tideline
