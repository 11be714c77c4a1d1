// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QLockFile;

namespace Tideline {

/** Loads and saves a plan by its location: a `.tideline` (SQLite) or `.tideline.json` (text)
 *  file, or a plan on a PostgreSQL server (`postgresql://user@host:port/db?plan=NAME`,
 *  ServerPlan): the one place every command and the window resolve a plan location. */
class PlanFile
{
public:
    enum class Format { Unknown, Json, Sqlite, Server };
    static Format formatOf(const QString &path);

    /** Reads the file; on failure fills *errors (file and field named) and returns false. */
    static bool load(const QString &path, Plan *plan, QList<PlanError> *errors);
    /** Writes the file (atomically for JSON; through SQLite, under its lock, for .tideline).
     *  On failure nothing is left half-written. A .tideline file another Tideline has open
     *  (PlanFileLock) is refused with a message that names that process. What the save did
     *  beside writing that the user should hear of (a lock file taken over) goes to *notes. */
    static bool save(const QString &path, const Plan &plan, QList<PlanError> *errors,
                     QStringList *notes = nullptr);
};

/**
 * That a Tideline has a `.tideline` file open: a QLockFile beside it (".NAME.lock", holding the
 * process id, host and program), taken by the window while the plan is its file and by every
 * save. A lock whose process is gone is stale and taken over; a lock of this very process (the
 * window saving its own file) does not stand in its way. Where no lock file can be made (a
 * read-only folder) there is nothing to detect and nothing to refuse.
 *
 * A lock file that cannot be read (empty: a Tideline killed between creating it and writing
 * its first byte; or garbled) names no holder. Younger than UnreadableLockGraceSeconds it is
 * refused (its maker may be writing it just now); older, it is taken over and notice() names
 * it, unless a running process still holds the file's native lock (QLockFile's flock), which
 * every live holder does.
 */
class PlanFileLock
{
public:
    explicit PlanFileLock(const QString &planPath);
    ~PlanFileLock();
    PlanFileLock(const PlanFileLock &) = delete;
    PlanFileLock &operator=(const PlanFileLock &) = delete;

    /** False, with errorString(), when another running Tideline has the file open. */
    bool acquire();
    QString errorString() const { return m_error; }
    /** After an acquire() that took over an unreadable lock file: what was taken over. */
    QString notice() const { return m_notice; }
    static constexpr int UnreadableLockGraceSeconds = 5;
    QString planPath() const { return m_planPath; }
    static QString lockPath(const QString &planPath);

private:
    bool takeOverUnreadable();

    QString m_planPath;
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
    QString m_notice;
};

} // namespace Tideline
