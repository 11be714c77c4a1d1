// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundleexport.h"

#include "bundle.h"
#include "bundlewriter.h"
#include "dialect.h"

#include <engine/engine.h>
#include <io/outputfile.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>

#include <cerrno>

namespace Tideline::BundleExport {

namespace {

const QLatin1String RangeSeparator("..");

/** Position 0..m of @p id (0 for baseline), or -1 for an unknown or cancelled release. */
int position(const Engine &engine, const QString &id)
{
    if (id == QLatin1String("baseline"))
        return 0;
    const int k = engine.releasePosition(id);
    return k > 0 ? k : -1;
}

} // namespace

bool isManyReleases(const QString &argument)
{
    return argument == QLatin1String("all") || argument.contains(RangeSeparator);
}

QStringList releases(const Engine &engine, const QString &argument, QString *error)
{
    if (!isManyReleases(argument)) {
        if (position(engine, argument) < 0) {
            *error = QStringLiteral("unknown or cancelled release '%1'").arg(argument);
            return {};
        }
        return {argument};
    }
    int first = 1, last = engine.releaseCount();
    if (argument != QLatin1String("all")) {
        const qsizetype at = argument.indexOf(RangeSeparator);
        const QString from = argument.left(at), to = argument.mid(at + RangeSeparator.size());
        if (from.isEmpty() || to.isEmpty() || to.contains(RangeSeparator)) {
            *error = QStringLiteral("'%1' is not a range of releases (expected FROM..TO, like r1..r4, "
                                    "or all)")
                         .arg(argument);
            return {};
        }
        for (const QString &end : {from, to}) {
            if (position(engine, end) < 0) {
                *error = QStringLiteral("unknown or cancelled release '%1' in the range '%2'").arg(end, argument);
                return {};
            }
        }
        first = position(engine, from);
        last = position(engine, to);
        if (first > last) {
            *error = QStringLiteral("the range '%1' is reversed: %2 comes after %3 in the plan (write %3..%2)")
                         .arg(argument, from, to);
            return {};
        }
    } else if (last == 0) {
        *error = QStringLiteral("the plan has no releases to export");
        return {};
    }
    QStringList releases;
    for (int k = first; k <= last; ++k)
        releases << engine.releaseId(k);
    return releases;
}

QString cancelledMessage()
{
    return QStringLiteral("the export was cancelled; nothing was written");
}

qsizetype write(const Engine &engine, const QStringList &releases, bool folderPerRelease,
                const Dialect &dialect, const QString &layout, const QString &directory, bool force,
                QString *error, const Progress &progress)
{
    return write(engine, releases, folderPerRelease, dialect, layout, directory, force, error, progress, LayoutOptions());
}

qsizetype write(const Engine &engine, const QStringList &releases, bool folderPerRelease,
                const Dialect &dialect, const QString &layout, const QString &directory, bool force,
                QString *error, const Progress &progress, const LayoutOptions &options)
{
    // Refused before anything is built: an existing folder is replaced only when it holds
    // nothing but bundles we wrote (BundleWriter::mayWrite).
    if (!BundleWriter::mayWrite(directory, force, error))
        return -1;
    // A plan an earlier export into its project (--into) appended these releases to.
    LayoutOptions first = options;
    if (layout == QLatin1String("sqitch") && !first.sqitchPlan.isEmpty() && !first.sqitchPlanName.isEmpty())
        first.sqitchPlan = BundleWriter::withoutOurSqitchChanges(first.sqitchPlan,
                                                                 QFileInfo(first.sqitchPlanName).absolutePath(), releases);
    const auto goOn = [&](int done) { return !progress || progress(done, int(releases.size())); };
    const auto build = [&](const QString &release, Bundle *bundle) {
        return Bundle::build(engine, release, dialect, bundle, error);
    };
    if (!folderPerRelease) { // the single-release export, as it always was
        Bundle bundle;
        if (!build(releases.first(), &bundle))
            return -1;
        if (!goOn(0)) {
            *error = cancelledMessage();
            return -1;
        }
        if (!BundleWriter::write(bundle, engine.releasePosition(releases.first()), layout, directory, force, error,
                                 first))
            return -1;
        goOn(1); // written: too late to cancel
        return bundle.files.size();
    }
    const QDir target(directory);
    // Each release's bundle goes through BundleWriter::write into its own folder of a staging
    // folder, which replaces the target once every release is there.
    // Of this process alone: another export to the same target (the window's and the command
    // line's) stages beside it, and the last one to finish wins whole.
    const QString staging = QDir::cleanPath(target.absolutePath()) + QStringLiteral(".tideline-partial-%1")
                                                                        .arg(QCoreApplication::applicationPid());
    QDir(staging).removeRecursively();
    const auto fail = [&](const QString &message) {
        QDir(staging).removeRecursively();
        if (!message.isEmpty())
            *error = message;
        return -1;
    };
    if (!QDir().mkpath(staging))
        return fail(OutputFile::failure(directory, QStringLiteral("cannot create the folder: %1").arg(qt_error_string(errno))));
    if (!goOn(0))
        return fail(cancelledMessage());
    qsizetype scripts = 0;
    LayoutOptions next = first;
    for (int done = 0; done < releases.size(); ++done) {
        const QString &release = releases.at(done);
        Bundle bundle;
        if (!build(release, &bundle)
            || !BundleWriter::write(bundle, engine.releasePosition(release), layout,
                                    QDir(staging).filePath(release), false, error, next)) {
            error->replace(staging, directory); // named where the user will look for it
            return fail({});
        }
        // The next release continues this one's history: the next Flyway version, and the
        // sqitch plan this release left (with its changes appended).
        if (next.flywayStart > 0)
            ++next.flywayStart;
        if (!next.sqitchPlan.isEmpty()) {
            QFile plan(QDir(staging).filePath(release + QStringLiteral("/sqitch.plan")));
            if (plan.open(QIODevice::ReadOnly))
                next.sqitchPlan = plan.readAll();
        }
        scripts += bundle.files.size();
        if (!goOn(done + 1))
            return fail(cancelledMessage());
    }
    if (!BundleWriter::moveIntoPlace(staging, directory, error))
        return -1; // the staging folder is gone, the old one as it was
    return scripts;
}

qsizetype writeInto(const Engine &engine, const QStringList &releases, const Dialect &dialect, const QString &layout,
                    const QString &directory, QString *error, const Progress &progress)
{
    return writeInto(engine, releases, dialect, layout, directory, error, progress, LayoutOptions());
}

namespace {

/**
 * The files writeInto() puts in the existing folder @p directory for @p releases, by path:
 * every release's, built from the one engine run. -1 with @p error set when they cannot be
 * made (or @p goOn cancelled); else the number of scripts.
 */
qsizetype sharedFiles(const Engine &engine, const QStringList &releases, const Dialect &dialect, const QString &layout,
                      const QString &directory, QString *error, const std::function<bool(int)> &goOn,
                      const LayoutOptions &options, QMap<QString, QByteArray> *files)
{
    if (!QFileInfo(directory).isDir()) {
        *error = QStringLiteral("%1: not a folder that exists (an export into a folder writes beside the files "
                                "already there; choose an existing one)")
                     .arg(directory);
        return -1;
    }
    LayoutOptions next = options;
    if (layout == QLatin1String("flyway") && next.flywayStart == 0)
        next.flywayStart = BundleWriter::sharedFlywayStart(directory, releases); // after the V… files there
    const QString sqitchPlan = QDir(directory).filePath(QStringLiteral("sqitch.plan"));
    if (layout == QLatin1String("sqitch") && next.sqitchPlan.isEmpty() && QFileInfo(sqitchPlan).isFile()) {
        QFile plan(sqitchPlan); // the project's own plan: this export's changes follow its last one
        if (!plan.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot be read: %2").arg(sqitchPlan, plan.errorString());
            return -1;
        }
        next.sqitchPlan = plan.readAll();
        next.sqitchPlanName = sqitchPlan;
    }
    // Exported again: the changes an earlier export of these releases appended are planned anew.
    if (layout == QLatin1String("sqitch") && !next.sqitchPlan.isEmpty())
        next.sqitchPlan = BundleWriter::withoutOurSqitchChanges(next.sqitchPlan, directory, releases);
    if (!goOn(0)) {
        *error = cancelledMessage();
        return -1;
    }
    // Every release's files first, so that nothing is written when any of them is refused.
    qsizetype scripts = 0;
    for (int done = 0; done < releases.size(); ++done) {
        const QString &release = releases.at(done);
        Bundle bundle;
        if (!Bundle::build(engine, release, dialect, &bundle, error))
            return -1;
        const QMap<QString, QByteArray> ours
            = BundleWriter::sharedFolderFiles(bundle, engine.releasePosition(release), layout, next, error);
        if (ours.isEmpty())
            return -1;
        for (auto it = ours.cbegin(); it != ours.cend(); ++it) {
            const auto before = files->constFind(it.key());
            // sqitch.plan grows release by release; the last one holds them all.
            if (before != files->cend() && *before != it.value() && it.key() != QLatin1String("sqitch.plan")) {
                *error = QStringLiteral("%1: two releases would write %2 with different text (choose one release, "
                                        "or a layout with a folder a release)")
                             .arg(directory, it.key());
                return -1;
            }
            files->insert(it.key(), it.value());
        }
        if (next.flywayStart > 0)
            ++next.flywayStart;
        if (layout == QLatin1String("sqitch"))
            next.sqitchPlan = ours.value(QStringLiteral("sqitch.plan"));
        scripts += bundle.files.size();
        if (done + 1 < releases.size() && !goOn(done + 1)) {
            *error = cancelledMessage();
            return -1;
        }
    }
    return scripts;
}

} // namespace

qsizetype writeInto(const Engine &engine, const QStringList &releases, const Dialect &dialect, const QString &layout,
                    const QString &directory, QString *error, const Progress &progress, const LayoutOptions &options)
{
    const auto goOn = [&](int done) { return !progress || progress(done, int(releases.size())); };
    QMap<QString, QByteArray> files;
    const qsizetype scripts = sharedFiles(engine, releases, dialect, layout, directory, error, goOn, options, &files);
    if (scripts < 0 || !BundleWriter::writeIntoShared(directory, files, error))
        return -1;
    goOn(int(releases.size())); // written: too late to cancel
    return scripts;
}

QList<BundleWriter::Refusal> refusalsInto(const Engine &engine, const QStringList &releases, const Dialect &dialect,
                                          const QString &layout, const QString &directory, QString *error,
                                          const LayoutOptions &options)
{
    QMap<QString, QByteArray> files;
    error->clear();
    if (sharedFiles(engine, releases, dialect, layout, directory, error, [](int) { return true; }, options, &files) < 0)
        return {};
    return BundleWriter::sharedRefusals(directory, files, error);
}

} // namespace Tideline::BundleExport
