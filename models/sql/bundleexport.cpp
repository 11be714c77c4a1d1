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
                                 options))
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
    LayoutOptions next = options;
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

} // namespace Tideline::BundleExport
