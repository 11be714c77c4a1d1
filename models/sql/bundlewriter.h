// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace Tideline {

struct Bundle;
struct BundleFile;

/** How a bundle joins the history a team already has (export --flyway-start, --sqitch-plan). */
struct LayoutOptions
{
    /** > 0: the Flyway version of the release's files (V<n>_<seq>); 0: its position in the plan. */
    int flywayStart = 0;
    /** An existing sqitch.plan to append the release's changes to (the first requires its last
     *  change); empty: the release is a sqitch project of its own. */
    QByteArray sqitchPlan;
    QString sqitchPlanName; // where it came from, for messages
};

/**
 * Writes a bundle to a folder in one of the layouts of DESIGN.md §6, so that the tools teams
 * already run can consume it:
 *  - folders:   pre/ backfill/ post/ offline/ + manifest.json + RUNBOOK.md
 *  - flyway:    V<release>_<seq>__<refactoring>_<step>.sql (Flyway's versioned pattern)
 *  - liquibase: changelog.sql, a formatted-SQL changelog with one changeset per file
 *  - sqitch:    sqitch.plan, sqitch.conf, deploy/ revert/ verify/
 * Every layout also carries manifest.json and RUNBOOK.md. Output is deterministic, and the
 * folder appears whole or not at all: it is written beside the target and moved into place.
 * Every file goes through OutputFile: a failed write names the file and the system's reason.
 */
class BundleWriter
{
public:
    static QStringList layouts();
    /** @p releaseNumber is the release's position (1..m), used for Flyway versions. */
    static bool write(const Bundle &bundle, int releaseNumber, const QString &layout,
                      const QString &directory, bool force, QString *error,
                      const LayoutOptions &options = {});
    /** The Flyway file name of @p file (V<version>_<seq>__<phase>_<name>.sql), which
     *  Flyway's versioned-migration rules accept. */
    static QString flywayName(const BundleFile &file, int version);
    /** The sqitch change of @p file. */
    static QString sqitchChange(const Bundle &bundle, const BundleFile &file);

    /**
     * Whether an export may write to @p directory: it does not exist, or is an empty folder,
     * or (with @p force) holds nothing but bundles Tideline wrote: a manifest.json of ours and
     * only the files some layout writes for that manifest, or one such bundle per release
     * folder (an export of all releases or a range). Anything else (a file, a symbolic link,
     * a project folder) is refused with @p error naming the folder and what in it is not ours.
     */
    static bool mayWrite(const QString &directory, bool force, QString *error);
    /**
     * Puts the finished @p staging folder in place of @p directory, which mayWrite() accepted:
     * the old folder is moved aside, the new one moved in, and then only the files of the old
     * bundles are removed (a file that appeared in the meantime stays, in the folder beside).
     * On failure the old folder is put back.
     */
    static bool moveIntoPlace(const QString &staging, const QString &directory, QString *error);

    /**
     * The files an export into a shared folder (a repository's db/migration, a sqitch project)
     * writes for @p bundle, by their path in that folder: the layout's files flat in it (Flyway's
     * V…__….sql without the sql/ folder), its release-wide files named by the release so that
     * two releases never clash (tideline-<release>-manifest.json, -RUNBOOK.md, -FLYWAY.md,
     * -changelog.sql), and the manifest listing every other file with its sha256 ("written"),
     * which is how a later export knows which files are ours.
     */
    static QMap<QString, QByteArray> sharedFolderFiles(const Bundle &bundle, int releaseNumber, const QString &layout,
                                                       const LayoutOptions &options, QString *error);
    /** The manifest a shared-folder export of @p release writes. */
    static QString sharedManifestName(const QString &release);
    /**
     * Writes @p files into the existing folder @p directory beside what is already there.
     * Refused, with @p error naming every such file and nothing written, when any of them exists
     * and is not ours (not listed with its current sha256 by a manifest of an earlier export in
     * the folder) and would change: other people's files are never overwritten. Two
     * exceptions keep a team's project working: a sqitch.plan whose new text only appends to
     * the one there (the changes of the release added after theirs), and a sqitch.conf already
     * there, which is theirs and kept. Files an earlier export of the same release wrote, still
     * unchanged, that this one no longer writes are removed.
     */
    /**
     * The Flyway version the first of @p releases gets in the shared folder @p directory, so
     * that it continues the history there: the version an earlier export of that release took
     * (its manifest there lists it), else the next after the highest V<n>… file that no earlier
     * export of @p releases wrote; 0 (the release's position) when the folder has none.
     */
    static int sharedFlywayStart(const QString &directory, const QStringList &releases);
    static bool writeIntoShared(const QString &directory, const QMap<QString, QByteArray> &files, QString *error);
    /** A file (or a folder on the way to one) that writeIntoShared() refuses, and why. */
    struct Refusal
    {
        QString path; // relative to the folder
        QString why;  // e.g. "not written by Tideline"
    };
    /** What writeIntoShared() would refuse of @p files in @p directory, writing nothing; empty
     *  with @p error set when @p directory is not an existing folder. */
    static QList<Refusal> sharedRefusals(const QString &directory, const QMap<QString, QByteArray> &files,
                                         QString *error);
    /**
     * @p plan, a sqitch.plan, without the changes an earlier export of @p releases into the
     * shared folder @p directory appended to it: the run of changes at its end whose scripts a
     * manifest of those releases there lists with their current sha256. Exported again, the
     * release appends them again (the same text when nothing changed) instead of being refused
     * as a second plan of the same change. A change of that name that is not ours (not listed,
     * or its scripts changed since) stays, and is refused by name.
     */
    static QByteArray withoutOurSqitchChanges(const QByteArray &plan, const QString &directory,
                                              const QStringList &releases);

private:
    using Put = std::function<bool(const QString &relative, const QByteArray &content)>;
    static bool writeLayout(const Bundle &bundle, int releaseNumber, const QString &layout, const Put &put,
                            const LayoutOptions &options = {}, QString *error = nullptr);
    /** The files (relative paths) of the bundles Tideline wrote in @p directory; false with
     *  @p why set when anything in it is not one of them, or a script's text is not the one its
     *  manifest.json's sha256 names (edited by hand). */
    static bool ourFiles(const QString &directory, QStringList *files, QString *why);
    static bool bundleFiles(const QDir &dir, const QString &prefix, const QString &release,
                            QStringList *files, QString *why);
};

} // namespace Tideline
