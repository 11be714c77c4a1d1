// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlewriter.h"

#include "bundle.h"
#include "dialect.h"

#include <io/outputfile.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cerrno>

namespace Tideline {

namespace {

QString slug(const QString &text)
{
    QString s = text;
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), QStringLiteral("_"));
    return s;
}

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = OutputFile::failure(path, QStringLiteral("cannot create its folder: %1").arg(qt_error_string(errno)));
        return false;
    }
    // Each file whole or not at all, and every write checked (a full disk is a failure, not a
    // cut script); the staging folder replaces the target only when every file is in place.
    return OutputFile::writeAll(path, content, error);
}

/** What readManifest() puts in place of a script's text: the marker and the manifest's sha256. */
const QByteArray ScriptHashMarker = QByteArrayLiteral("\0tideline-sha256:");

/** The sha256 of the file at @p path in hex, empty when it cannot be read. */
QString fileSha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

/** The manifest.json of a bundle we wrote, read back as far as file names and hashes need it. */
bool readManifest(const QString &path, Bundle *bundle, QString *why)
{
    QFile file(path);
    constexpr qint64 Limit = 256 * 1024 * 1024; // a manifest lists scripts, it is never this big
    if (!file.open(QIODevice::ReadOnly) || file.size() > Limit) {
        *why = QStringLiteral("its manifest.json cannot be read");
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = document.object();
    const QStringList keys{QStringLiteral("plan"), QStringLiteral("release"), QStringLiteral("dialect")};
    const bool shaped = parseError.error == QJsonParseError::NoError && document.isObject()
                        && std::all_of(keys.cbegin(), keys.cend(), [&](const QString &k) { return root.value(k).isString(); })
                        && Dialect::forName(root.value(QStringLiteral("dialect")).toString())
                        && root.value(QStringLiteral("files")).isArray();
    if (!shaped) {
        *why = QStringLiteral("its manifest.json is not the manifest of a Tideline bundle");
        return false;
    }
    bundle->plan = root.value(QStringLiteral("plan")).toString();
    bundle->release = root.value(QStringLiteral("release")).toString();
    bundle->dialect = root.value(QStringLiteral("dialect")).toString();
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    static const QRegularExpression script(QStringLiteral("^(pre|backfill|post|offline|baseline)/[^/]+\\.sql$"));
    for (const QJsonValue &value : root.value(QStringLiteral("files")).toArray()) {
        const QJsonObject o = value.toObject();
        BundleFile f;
        f.path = o.value(QStringLiteral("path")).toString();
        f.phase = o.value(QStringLiteral("phase")).toString();
        f.order = o.value(QStringLiteral("order")).toInt(-1);
        f.refactoring = o.value(QStringLiteral("refactoring")).toString();
        f.step = o.value(QStringLiteral("step")).toString();
        const QString hash = o.value(QStringLiteral("sha256")).toString();
        if (!script.match(f.path).hasMatch() || f.order < 0 || f.phase.isEmpty() || !sha256.match(hash).hasMatch()) {
            *why = QStringLiteral("its manifest.json is not the manifest of a Tideline bundle");
            return false;
        }
        // The scripts' text is not in the manifest, only its hash: it stands in for the text, so
        // that the layouts name the files that should hold exactly the text of that hash.
        f.content = ScriptHashMarker + hash.toLatin1();
        bundle->files << f;
    }
    return true;
}

/** The Flyway version of a release is its position in the plan, which a manifest does not
 *  hold: names are compared with it as V0. */
QString withoutFlywayRelease(const QString &relative)
{
    static const QRegularExpression version(QStringLiteral("^sql/V\\d+_"));
    QString name = relative;
    return name.replace(version, QStringLiteral("sql/V0_"));
}

/** A stem that names the file's place in the plan without its folder or extension. */
QString stem(const BundleFile &f)
{
    return QFileInfo(f.path).completeBaseName();
}

QByteArray flywayNote(const Bundle &bundle, int release)
{
    QString text = QStringLiteral("# Flyway layout of release %1\n\nFlyway runs every file in version "
                                  "order, but a blue/green release runs them in three sittings:\n\n")
                       .arg(bundle.release);
    for (const QString &phase : {QStringLiteral("pre"), QStringLiteral("backfill"), QStringLiteral("post"),
                                 QStringLiteral("offline")}) {
        const auto files = bundle.phase(phase);
        if (files.isEmpty())
            continue;
        text += QStringLiteral("* `%1`: migrate with `-target=%2.%3`\n")
                    .arg(phase)
                    .arg(release)
                    .arg(files.last()->order);
    }
    text += QStringLiteral("\nBackfills (`outOfOrder` is not needed) run before the switch and again "
                           "after it; Flyway records them once, so run the second pass by hand "
                           "or with `tideline-cli apply --phase backfill`.\n");
    return text.toUtf8();
}

/** Liquibase's names for the engines of our dialects. */
QString liquibaseDbms(const QString &dialect)
{
    if (dialect == QLatin1String("sqlserver"))
        return QStringLiteral("mssql");
    if (dialect == QLatin1String("mysql"))
        return QStringLiteral("mysql,mariadb");
    return dialect; // postgresql, sqlite
}

/**
 * A MySQL file with DELIMITER lines (procedures, triggers), as Liquibase can run it: Liquibase
 * has no DELIMITER, so each statement becomes a changeset of its own with splitStatements:false,
 * sent as written (the statements as the mysql client would send them, MySqlDialect's split).
 */
QString liquibaseDelimited(const Bundle &bundle, const BundleFile &f)
{
    const Dialect *mysql = Dialect::forName(QStringLiteral("mysql"));
    const QStringList statements = mysql->splitStatements(QString::fromUtf8(f.content));
    QString text;
    for (int i = 0; i < statements.size(); ++i) {
        text += QStringLiteral("--changeset tideline:%1-%2 runInTransaction:false context:%3 splitStatements:false dbms:%4\n")
                    .arg(slug(bundle.release + QLatin1Char('-') + stem(f)), QString::number(i + 1), f.phase,
                         liquibaseDbms(bundle.dialect));
        text += statements.at(i) + QLatin1Char('\n');
    }
    return text + QLatin1Char('\n');
}

QByteArray liquibaseChangelog(const Bundle &bundle)
{
    QString text = QStringLiteral("--liquibase formatted sql\n\n");
    static const QRegularExpression delimiter(QStringLiteral("^DELIMITER "), QRegularExpression::MultilineOption);
    for (const BundleFile &f : bundle.files) {
        if (bundle.dialect == QLatin1String("mysql") && delimiter.match(QString::fromUtf8(f.content)).hasMatch()) {
            text += liquibaseDelimited(bundle, f);
            continue;
        }
        // dbms: Liquibase skips the changeset on another engine instead of running foreign SQL.
        text += QStringLiteral("--changeset tideline:%1 runInTransaction:%2 context:%3 dbms:%4\n")
                    .arg(slug(bundle.release + QLatin1Char('-') + stem(f)),
                         f.transactional ? QStringLiteral("true") : QStringLiteral("false"), f.phase,
                         liquibaseDbms(bundle.dialect));
        if (!f.guard.isEmpty()) {
            // The guard returns a row when the change is already there: run only on 0 rows.
            text += QStringLiteral("--preconditions onFail:MARK_RAN\n");
            text += QStringLiteral("--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM (%1) AS guard\n")
                        .arg(f.guard.simplified());
        }
        text += QString::fromUtf8(f.content);
        text += QLatin1Char('\n');
    }
    return text.toUtf8();
}

} // namespace

QStringList BundleWriter::layouts()
{
    return {QStringLiteral("folders"), QStringLiteral("flyway"), QStringLiteral("liquibase"),
            QStringLiteral("sqitch")};
}

bool BundleWriter::write(const Bundle &bundle, int releaseNumber, const QString &layout,
                         const QString &directory, bool force, QString *error)
{
    if (!layouts().contains(layout)) {
        *error = QStringLiteral("unknown layout '%1' (expected one of: %2)")
                     .arg(layout, layouts().join(QStringLiteral(", ")));
        return false;
    }
    if (!mayWrite(directory, force, error))
        return false;
    // One staging folder per process, beside the target (so the final rename stays on one file
    // system): two exports to one folder never share it, and a folder of that name someone else
    // keeps is never ours to empty. Only this process's own leftover (a reused pid) is cleared.
    const QString staging = QDir::cleanPath(QDir(directory).absolutePath())
                            + QStringLiteral(".tideline-partial-%1").arg(QCoreApplication::applicationPid());
    QDir(staging).removeRecursively();
    const QDir dir(staging);
    const auto put = [&](const QString &relative, const QByteArray &content) {
        if (writeFile(dir.filePath(relative), content, error))
            return true;
        error->replace(staging, directory); // the file is named where the user will look for it
        return false;
    };
    if (!writeLayout(bundle, releaseNumber, layout, put)) {
        QDir(staging).removeRecursively();
        return false;
    }
    return moveIntoPlace(staging, directory, error);
}

bool BundleWriter::mayWrite(const QString &directory, bool force, QString *error)
{
    const QFileInfo info(directory);
    if (info.isSymLink() || (info.exists() && !info.isDir())) {
        *error = QStringLiteral("%1: not replaced: it is %2, not a folder of bundles Tideline wrote")
                     .arg(directory, info.isSymLink() ? QStringLiteral("a symbolic link") : QStringLiteral("a file"));
        return false;
    }
    if (!info.exists() || QDir(directory).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return true;
    if (!force) {
        *error = QStringLiteral("%1: exists and is not empty; pass --force to replace it").arg(directory);
        return false;
    }
    QStringList files;
    QString why;
    if (!ourFiles(directory, &files, &why)) {
        *error = QStringLiteral("%1: not replaced: %2. --force replaces only a folder that holds nothing but "
                                "bundles Tideline wrote; nothing was deleted")
                     .arg(directory, why);
        return false;
    }
    return true;
}

bool BundleWriter::ourFiles(const QString &directory, QStringList *files, QString *why)
{
    const QDir dir(directory);
    if (dir.exists(QStringLiteral("manifest.json")))
        return bundleFiles(dir, QString(), QString(), files, why);
    // A folder of bundles, one a release (export --release all or a range): nothing else.
    const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                                                    QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (entry.isSymLink() || !entry.isDir() || !QDir(entry.filePath()).exists(QStringLiteral("manifest.json"))) {
            *why = QStringLiteral("it holds %1%2, which is not a bundle Tideline wrote")
                       .arg(entry.fileName(), entry.isDir() && !entry.isSymLink() ? QStringLiteral("/") : QString());
            return false;
        }
        if (!bundleFiles(QDir(entry.filePath()), entry.fileName() + QLatin1Char('/'), entry.fileName(), files, why))
            return false;
    }
    return true;
}

bool BundleWriter::bundleFiles(const QDir &dir, const QString &prefix, const QString &release,
                               QStringList *files, QString *why)
{
    Bundle bundle;
    if (!readManifest(dir.filePath(QStringLiteral("manifest.json")), &bundle, why)) {
        why->prepend(prefix.isEmpty() ? QString() : prefix + QStringLiteral(": "));
        return false;
    }
    if (!release.isEmpty() && bundle.release != release) {
        *why = QStringLiteral("%1manifest.json is the bundle of release '%2', not of '%3'")
                   .arg(prefix, bundle.release, release);
        return false;
    }
    // What each layout writes for this manifest, named by the code that writes it.
    QSet<QString> names, folders;
    QHash<QString, QString> hashes; // a script as some layout writes it -> the manifest's sha256
    for (const QString &layout : layouts()) {
        writeLayout(bundle, 0, layout, [&](const QString &relative, const QByteArray &content) {
            names.insert(relative);
            if (content.startsWith(ScriptHashMarker))
                hashes.insert(relative, QString::fromLatin1(content.mid(ScriptHashMarker.size())));
            for (QString folder = QFileInfo(relative).path(); folder != QLatin1String("."); folder = QFileInfo(folder).path())
                folders.insert(folder);
            return true;
        });
    }
    const QDir root(dir.absolutePath()); // relative paths from an absolute folder, whatever --out was
    QDirIterator it(root.path(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo entry(it.next());
        const QString relative = root.relativeFilePath(entry.absoluteFilePath());
        const bool ours = entry.isSymLink() ? false
                          : entry.isDir()   ? folders.contains(relative)
                                            : entry.isFile() && names.contains(withoutFlywayRelease(relative));
        if (!ours) {
            *why = QStringLiteral("it holds %1%2%3, which is not a file of the bundle its manifest.json lists")
                       .arg(prefix, relative, entry.isDir() && !entry.isSymLink() ? QStringLiteral("/") : QString());
            return false;
        }
        // A script edited by hand is not ours any more: --force must not replace it silently.
        const auto hash = hashes.constFind(withoutFlywayRelease(relative));
        if (!entry.isDir() && hash != hashes.cend() && fileSha256(entry.filePath()) != *hash) {
            *why = QStringLiteral("its %1%2 has changed since Tideline wrote it (not the sha256 its manifest.json lists)")
                       .arg(prefix, relative);
            return false;
        }
        if (!entry.isDir())
            *files << prefix + relative;
    }
    return true;
}

bool BundleWriter::moveIntoPlace(const QString &staging, const QString &directory, QString *error)
{
    const QString target = QDir::cleanPath(QDir(directory).absolutePath());
    QStringList files;
    QString why;
    const bool replacing = QFileInfo::exists(target);
    if (replacing && !QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
        && !ourFiles(target, &files, &why)) { // changed since mayWrite()
        QDir(staging).removeRecursively();
        *error = QStringLiteral("%1: not replaced: %2; nothing was deleted").arg(directory, why);
        return false;
    }
    const QString aside = target + QStringLiteral(".tideline-old-%1").arg(QCoreApplication::applicationPid());
    if (replacing && !QDir().rename(target, aside)) {
        QDir(staging).removeRecursively();
        *error = QStringLiteral("%1: cannot replace it (cannot move it aside)").arg(directory);
        return false;
    }
    if (!QDir().rename(staging, target)) {
        QDir(staging).removeRecursively();
        if (replacing)
            QDir().rename(aside, target);
        *error = QStringLiteral("%1: cannot move the bundle into place").arg(directory);
        return false;
    }
    if (!replacing)
        return true;
    // Only what we wrote goes; folders only once empty. Anything else stays in the folder aside.
    QDir old(aside);
    for (const QString &file : std::as_const(files))
        old.remove(file);
    QDirIterator it(aside, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList folders;
    while (it.hasNext())
        folders << it.next();
    std::sort(folders.begin(), folders.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &folder : std::as_const(folders))
        QDir().rmdir(folder);
    QDir().rmdir(aside);
    return true;
}

bool BundleWriter::writeLayout(const Bundle &bundle, int releaseNumber, const QString &layout, const Put &put)
{
    if (!put(QStringLiteral("manifest.json"), bundle.manifest()) || !put(QStringLiteral("RUNBOOK.md"), bundle.runbook))
        return false;

    if (layout == QLatin1String("folders")) {
        for (const BundleFile &f : bundle.files) {
            if (!put(f.path, f.content))
                return false;
        }
        return true;
    }
    if (layout == QLatin1String("flyway")) {
        for (const BundleFile &f : bundle.files) {
            const QString name = QStringLiteral("V%1_%2__%3.sql")
                                     .arg(releaseNumber)
                                     .arg(f.order, 3, 10, QLatin1Char('0'))
                                     .arg(slug(f.phase + QLatin1Char('_') + stem(f)));
            if (!put(QStringLiteral("sql/") + name, f.content))
                return false;
        }
        return put(QStringLiteral("FLYWAY.md"), flywayNote(bundle, releaseNumber));
    }
    if (layout == QLatin1String("liquibase"))
        return put(QStringLiteral("changelog.sql"), liquibaseChangelog(bundle));

    // sqitch: one change per file; revert scripts say the change is forward-only. Each bundle is
    // a project of its own, named after plan and release: sqitch's registry refuses to deploy a
    // project whose plan lacks the changes it already deployed under that project's name.
    QString plan = QStringLiteral("%syntax-version=1.0.0\n%project=%1\n\n")
                       .arg(slug(bundle.plan + QLatin1Char('_') + bundle.release).toLower());
    const QString engine = bundle.dialect == QLatin1String("postgresql") ? QStringLiteral("pg")
                           : bundle.dialect == QLatin1String("sqlserver") ? QStringLiteral("mssql")
                                                                            : bundle.dialect;
    QString previous;
    for (const BundleFile &f : bundle.files) {
        const QString change = slug(bundle.release + QLatin1Char('_') + stem(f));
        plan += QStringLiteral("%1 %2 2026-01-01T00:00:00Z Tideline <tideline@localhost> # %3 %4\n")
                    .arg(change, previous.isEmpty() ? QString() : QStringLiteral("[%1]").arg(previous),
                         f.phase, f.refactoring.isEmpty() ? f.step : f.refactoring + QLatin1Char('/') + f.step)
                    .replace(QStringLiteral("  "), QStringLiteral(" "));
        const QByteArray revert = QStringLiteral("-- %1 is forward-only: Tideline's contract steps undo nothing.\n")
                                      .arg(change)
                                      .toUtf8();
        const QByteArray verify = QStringLiteral("-- %1: verified by tideline-cli verify.\nSELECT 1;\n")
                                      .arg(change)
                                      .toUtf8();
        if (!put(QStringLiteral("deploy/%1.sql").arg(change), f.content)
            || !put(QStringLiteral("revert/%1.sql").arg(change), revert)
            || !put(QStringLiteral("verify/%1.sql").arg(change), verify))
            return false;
        previous = change;
    }
    return put(QStringLiteral("sqitch.plan"), plan.toUtf8())
           && put(QStringLiteral("sqitch.conf"),
                  QStringLiteral("[core]\n\tengine = %1\n\tplan_file = sqitch.plan\n\ttop_dir = .\n").arg(engine).toUtf8());
}

} // namespace Tideline
