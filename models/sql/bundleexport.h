// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bundlewriter.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace Tideline {

class Dialect;
class Engine;

/**
 * Export of one or many releases' bundles from one engine run: what `tideline-cli export`
 * and the window's File › Export both do. Thread-safe for a const Engine, so the window runs
 * it in a worker.
 */
namespace BundleExport {

/**
 * The releases that `--release` names, in plan order: one release id (or baseline), `all`
 * (every release of the plan, r1..rm), or an inclusive range `rA..rB` (`baseline..rB` starts
 * with S_0's DDL). Returns an empty list and sets @p error for an unknown or cancelled
 * release, a reversed range or a plan without releases.
 */
QStringList releases(const Engine &engine, const QString &argument, QString *error);

/** True when `--release` names more than one bundle (`all` or a range), even of one release. */
bool isManyReleases(const QString &argument);

/** Told (releases written, releases in all) before the first release is written and after
 *  each; returning false cancels. */
using Progress = std::function<bool(int done, int total)>;

/** The error text of an export that @ref Progress cancelled. */
QString cancelledMessage();

/**
 * Writes the bundles of @p releases from one engine run. Without @p folderPerRelease the one
 * release goes into @p directory itself, as always; with it, each goes into
 * @p directory/<release id>/ with exactly the files a single-release export of it writes, and all
 * of them appear at once or not at all (written into a staging folder beside @p directory and
 * moved into place together). A cancel through @p progress leaves @p directory as it was.
 * @p options continue a team's history: Flyway versions from options.flywayStart on (one a
 * release), and each release's changes appended to the sqitch plan the one before it left
 * (the first to options.sqitchPlan).
 * Returns the number of scripts written, or -1 with @p error set.
 */
qsizetype write(const Engine &engine, const QStringList &releases, bool folderPerRelease,
                const Dialect &dialect, const QString &layout, const QString &directory, bool force,
                QString *error, const Progress &progress = {});
qsizetype write(const Engine &engine, const QStringList &releases, bool folderPerRelease,
                const Dialect &dialect, const QString &layout, const QString &directory, bool force,
                QString *error, const Progress &progress, const LayoutOptions &options);

/**
 * Writes the bundles of @p releases flat into the existing folder @p directory, beside the
 * files already there (a repository's Flyway db/migration, a sqitch project): every release's
 * files in the one folder, each release with a manifest of its own
 * (BundleWriter::sharedFolderFiles). Refused, naming the files and writing nothing, when a file
 * to write is there and not ours (BundleWriter::writeIntoShared). With the sqitch layout the
 * folder's sqitch.plan (if any) is continued, as with options.sqitchPlan. A cancel through
 * @p progress before the files are written leaves the folder as it was.
 * Returns the number of scripts written, or -1 with @p error set.
 */
qsizetype writeInto(const Engine &engine, const QStringList &releases, const Dialect &dialect, const QString &layout,
                    const QString &directory, QString *error, const Progress &progress = {});
qsizetype writeInto(const Engine &engine, const QStringList &releases, const Dialect &dialect, const QString &layout,
                    const QString &directory, QString *error, const Progress &progress, const LayoutOptions &options);

/**
 * What writeInto() would refuse to overwrite in @p directory, and why, writing nothing: the
 * same files from the same engine run, judged by the same rule (BundleWriter::sharedRefusals),
 * so the window can list them before its Export is pressed. Empty when nothing would be
 * refused; empty with @p error set when the files cannot be made (the error writeInto() would
 * give, e.g. a sqitch change of that name that is not ours). It builds every bundle and reads
 * every file there it would replace: call it off the GUI thread.
 */
QList<BundleWriter::Refusal> refusalsInto(const Engine &engine, const QStringList &releases, const Dialect &dialect,
                                          const QString &layout, const QString &directory, QString *error,
                                          const LayoutOptions &options = {});

} // namespace BundleExport

} // namespace Tideline
