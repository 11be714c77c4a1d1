// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/plan.h>

#include <QDateTime>
#include <QString>

namespace Tideline {

/**
 * The recovery file of a plan's unsaved edits (issue 13, item 8): what the window autosaves
 * while the plan is modified, so that a crash or a kill -9 loses at most the last seconds.
 *
 * It lives in the user's QStandardPaths::AppDataLocation ("recovery/"), not beside the plan:
 * plans sit in repositories (a file beside them would show in every `git status` and could be
 * committed by mistake), in read-only or shared folders, and on servers (a postgresql:// plan
 * has no folder at all); the application data folder is the user's own and always writable.
 * Its name is the plan's file name and a hash of its absolute path, so two plans of one name
 * in different folders do not share one; an untitled plan has one slot per process
 * ("untitled-PID"), and one whose process is gone is an orphan offered at the next start.
 *
 * The file is a small JSON envelope (the plan's path, when it was written, the plan in the
 * `.tideline.json` form), written whole or not at all through OutputFile.
 */
class Recovery
{
public:
    struct Found
    {
        Plan plan;
        QString planPath;  // the plan it recovers ("" for an untitled one)
        QDateTime written; // when it was written
        QString path;      // the recovery file
        bool fileChangedSince = false; // the plan's file was written after it (a pull, another program)
    };

    /** The folder of recovery files (created on write). */
    static QString folder();
    /** The recovery file of the plan at @p planPath ("" for this process's untitled plan). */
    static QString pathFor(const QString &planPath);
    /** Writes @p plan as the recovery of @p planPath; false with @p error ("cannot write …"). */
    static bool write(const QString &planPath, const Plan &plan, QString *error);
    /**
     * Whether @p planPath has a recovery file (a clean save or close removes it, so one that is
     * left holds edits nobody saved). True with *found filled, and found->fileChangedSince when
     * the plan's file was written after it: its edits are offered all the same, never dropped
     * for a file time. False when there is none, when it holds exactly what the file holds now
     * (then it is removed: nothing to recover), or when it cannot be read (then @p error says
     * why and the file is left alone).
     */
    static bool find(const QString &planPath, Found *found, QString *error);
    /** Removes @p planPath's recovery file, if any. */
    static void remove(const QString &planPath);
    /** The newest untitled recovery file of a process that is no longer running (a crashed or
     *  killed Tideline): true with *found filled (found->path is the file to remove once it
     *  is restored or discarded). */
    static bool findOrphan(Found *found, QString *error);

private:
    static bool readFile(const QString &path, Found *found, QString *error);
};

} // namespace Tideline
