// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QString>

namespace Tideline {

/**
 * The `.tideline` file: an SQLite database written through Qt SQL (QSQLITE), one named
 * connection per store. Its storage schema carries a version (PRAGMA user_version) and is
 * migrated forward on open; a file written by a newer Tideline is refused with a message that
 * says so. Every edit runs in one transaction, so a crash loses nothing that was saved.
 */
class PlanStore
{
public:
    static constexpr int StorageVersion = 6;

    PlanStore();
    ~PlanStore();
    PlanStore(const PlanStore &) = delete;
    PlanStore &operator=(const PlanStore &) = delete;

    /** Opens (and with create=true, creates) the file. Returns false and sets errorString(). */
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

private:
    struct Private;
    Private *d;
};

} // namespace Tideline
