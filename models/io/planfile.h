// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QList>
#include <QString>

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
     *  (PlanFileLock) is refused with a message that names that process. */
    static bool save(const QString &path, const Plan &plan, QList<PlanError> *errors);
};

/**
 * That a Tideline has a `.tideline` file open: a QLockFile beside it (".NAME.lock", holding the
 * process id, host and program), taken by the window while the plan is its file and by every
 * save. A lock whose process is gone is stale and taken over; a lock of this very process (the
 * window saving its own file) does not stand in its way. Where no lock file can be made (a
 * read-only folder) there is nothing to detect and nothing to refuse.
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
    QString planPath() const { return m_planPath; }
    static QString lockPath(const QString &planPath);

private:
    QString m_planPath;
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
};

} // namespace Tideline
