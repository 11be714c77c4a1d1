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
#include <cstdlib>

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
        // Layouts other than folders name their own file in "path" and the script in "script".
        f.path = o.value(QStringLiteral("script")).toString(o.value(QStringLiteral("path")).toString());
        f.phase = o.value(QStringLiteral("phase")).toString();
        f.order = o.value(QStringLiteral("order")).toInt(-1);
        f.refactoring = o.value(QStringLiteral("refactoring")).toString();
        f.step = o.value(QStringLiteral("step")).toString();
        f.transactional = o.value(QStringLiteral("transactional")).toBool(true);
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
    // Targets name the last file of each sitting by its version (release.seq).
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

/** True when Liquibase's own statement splitter would cut @p f (it knows neither DELIMITER
 *  nor dollar quotes): such a file goes as one changeset per statement, each sent whole. */
bool needsOwnSplit(const Bundle &bundle, const BundleFile &f)
{
    static const QRegularExpression delimiter(QStringLiteral("^DELIMITER "), QRegularExpression::MultilineOption);
    static const QRegularExpression dollarQuote(QStringLiteral("\\$(?:[A-Za-z_][A-Za-z_0-9]*)?\\$"));
    const QString text = QString::fromUtf8(f.content);
    return (bundle.dialect == QLatin1String("mysql") && delimiter.match(text).hasMatch())
           || (bundle.dialect == QLatin1String("postgresql") && dollarQuote.match(text).hasMatch());
}

/** The changeset ids of @p f in the changelog, in order. */
QStringList liquibaseIds(const Bundle &bundle, const BundleFile &f)
{
    const QString id = slug(bundle.release + QLatin1Char('-') + stem(f));
    if (!needsOwnSplit(bundle, f))
        return {id};
    const Dialect *dialect = Dialect::forName(bundle.dialect);
    QStringList ids;
    const qsizetype count = dialect->splitStatements(QString::fromUtf8(f.content)).size();
    for (qsizetype i = 1; i <= count; ++i)
        ids << QStringLiteral("%1-%2").arg(id).arg(i);
    return ids;
}

/** The attributes every changeset of @p f carries. Backfills run on every update (runAlways):
 *  a release runs them before the switch and again after it, and they are re-runnable. */
QString liquibaseAttributes(const Bundle &bundle, const BundleFile &f, bool transactional, const QString &more = {})
{
    return QStringLiteral("runInTransaction:%1 context:%2%3%4 dbms:%5")
        .arg(transactional ? QStringLiteral("true") : QStringLiteral("false"), f.phase,
             f.phase == QLatin1String("backfill") ? QStringLiteral(" runAlways:true") : QString(),
             more.isEmpty() ? QString() : QLatin1Char(' ') + more, liquibaseDbms(bundle.dialect));
}

/**
 * A file Liquibase's splitter would cut (MySQL's DELIMITER blocks, PostgreSQL's DO $tag$ and
 * function bodies): each statement becomes a changeset of its own with splitStatements:false,
 * sent as written (the statements as the engine's client would send them, the dialect's own
 * split), outside a transaction so that a DO block may COMMIT between batches.
 */
QString liquibaseSplit(const Bundle &bundle, const BundleFile &f)
{
    const Dialect *dialect = Dialect::forName(bundle.dialect);
    const QStringList statements = dialect->splitStatements(QString::fromUtf8(f.content));
    const QStringList ids = liquibaseIds(bundle, f);
    QString text;
    for (int i = 0; i < statements.size(); ++i) {
        text += QStringLiteral("--changeset tideline:%1 %2\n")
                    .arg(ids.at(i), liquibaseAttributes(bundle, f, false, QStringLiteral("splitStatements:false")));
        text += statements.at(i) + QLatin1Char('\n');
    }
    return text + QLatin1Char('\n');
}

/** The guard returns a row when the change is already there (or a later release moved past
 *  it, as a backfill whose column is gone): the changeset runs only on 0 rows, else it is
 *  marked ran. A backfill's second pass (runAlways) is skipped the same way. */
QString liquibasePrecondition(const BundleFile &f)
{
    if (f.guard.isEmpty())
        return {};
    return QStringLiteral("--preconditions onFail:MARK_RAN\n"
                          "--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM (%1) AS guard\n")
        .arg(f.guard.simplified());
}

/**
 * A SQLite file as one changeset: its statements (SQLite's own split, trigger bodies whole) end
 * at a line holding only "/" (endDelimiter), since Liquibase's splitter cuts a trigger body at
 * its first ';'. The file's own BEGIN IMMEDIATE … COMMIT goes: Liquibase commits at the end of
 * every changeset, so the changeset's transaction (runInTransaction) takes its place. Only a
 * backfill carries its guard as a precondition (its second pass skips once a later release
 * dropped its column): under Liquibase 4.28 the shape guards of table rebuilds marked contracts
 * ran that had not run, and every file is re-runnable without them.
 */
QString liquibaseSqlite(const Bundle &bundle, const BundleFile &f)
{
    const Dialect *dialect = Dialect::forName(bundle.dialect);
    QStringList statements;
    for (const QString &statement : dialect->splitStatements(QString::fromUtf8(f.content))) {
        const QString word = statement.simplified().toUpper();
        if (word != QLatin1String("BEGIN IMMEDIATE;") && word != QLatin1String("BEGIN;")
            && word != QLatin1String("COMMIT;"))
            statements << statement;
    }
    return QStringLiteral("--changeset tideline:%1 %2\n%3%4\n/\n\n")
        .arg(liquibaseIds(bundle, f).constFirst(),
             liquibaseAttributes(bundle, f, f.transactional, QStringLiteral("endDelimiter:\\n/\\s*\\n|\\n/\\s*$")),
             f.phase == QLatin1String("backfill") ? liquibasePrecondition(f) : QString(),
             statements.join(QStringLiteral("\n/\n")));
}

QByteArray liquibaseChangelog(const Bundle &bundle)
{
    QString text = QStringLiteral("--liquibase formatted sql\n\n");
    for (const BundleFile &f : bundle.files) {
        if (needsOwnSplit(bundle, f)) {
            text += liquibaseSplit(bundle, f);
            continue;
        }
        if (bundle.dialect == QLatin1String("sqlite")) {
            text += liquibaseSqlite(bundle, f);
            continue;
        }
        // dbms: Liquibase skips the changeset on another engine instead of running foreign SQL.
        text += QStringLiteral("--changeset tideline:%1 %2\n")
                    .arg(liquibaseIds(bundle, f).constFirst(), liquibaseAttributes(bundle, f, f.transactional));
        text += liquibasePrecondition(f);
        text += QString::fromUtf8(f.content);
        text += QLatin1Char('\n');
    }
    return text.toUtf8();
}

/** The engine's own client running @p file, as the runbook and the manifest tell it. */
QString clientCommand(const QString &dialect, const QString &file)
{
    if (dialect == QLatin1String("sqlite"))
        return QStringLiteral("sqlite3 -bail DATABASE.db < %1").arg(file);
    if (dialect == QLatin1String("mysql"))
        return QStringLiteral("mariadb --batch DATABASE < %1").arg(file);
    if (dialect == QLatin1String("sqlserver"))
        return QStringLiteral("sqlcmd -b -d DATABASE -i %1").arg(file);
    return QStringLiteral("psql -X -v ON_ERROR_STOP=1 -d \"$DATABASE_URL\" -f %1").arg(file);
}

QString sqitchEngine(const QString &dialect)
{
    return dialect == QLatin1String("postgresql") ? QStringLiteral("pg")
           : dialect == QLatin1String("sqlserver") ? QStringLiteral("mssql")
                                                     : dialect; // sqlite, mysql
}

/** The sqitch project and last change of an existing plan (for --sqitch-plan); false with
 *  @p why when it is not a sqitch plan. */
bool readSqitchPlan(const QByteArray &plan, QString *project, QString *last, QSet<QString> *changes, QString *why)
{
    const QStringList lines = QString::fromUtf8(plan).split(QLatin1Char('\n'));
    static const QRegularExpression change(QStringLiteral("^([A-Za-z_][^\\s\\[@:#]*)\\s"));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1String("%project=")))
            *project = line.mid(9).trimmed();
        else if (const QRegularExpressionMatch m = change.match(line + QLatin1Char(' ')); m.hasMatch()) {
            *last = m.captured(1);
            changes->insert(*last);
        }
    }
    if (project->isEmpty()) {
        *why = QStringLiteral("it has no %project line, so it is not a sqitch plan");
        return false;
    }
    return true;
}

/** One file of a bundle as a layout names it, and the command that runs it there. */
struct LayoutFile
{
    const BundleFile *file = nullptr;
    QString path;    // the layout's file (liquibase: the changelog)
    QString command; // the exact command for the step
    QJsonObject extra;
};

/** The layout's name and command for each file of @p bundle, in running order. */
QList<LayoutFile> layoutFiles(const Bundle &bundle, const QString &layout, int version)
{
    QList<LayoutFile> list;
    for (const BundleFile &f : bundle.files) {
        LayoutFile l;
        l.file = &f;
        if (layout == QLatin1String("flyway")) {
            l.path = QStringLiteral("sql/") + BundleWriter::flywayName(f, version);
            l.command = QStringLiteral("flyway -locations=filesystem:sql migrate -target=%1.%2").arg(version).arg(f.order);
            if (!f.transactional)
                l.extra.insert(QStringLiteral("conf"), l.path + QStringLiteral(".conf"));
        } else if (layout == QLatin1String("liquibase")) {
            l.path = QStringLiteral("changelog.sql");
            l.command = QStringLiteral("liquibase update --changelog-file=changelog.sql --contexts=%1").arg(f.phase);
            l.extra.insert(QStringLiteral("changesets"), QJsonArray::fromStringList(liquibaseIds(bundle, f)));
        } else if (layout == QLatin1String("sqitch")) {
            const QString change = BundleWriter::sqitchChange(bundle, f);
            l.path = QStringLiteral("deploy/%1.sql").arg(change);
            l.command = QStringLiteral("sqitch deploy --verify --to %1 TARGET").arg(change);
            l.extra.insert(QStringLiteral("change"), change);
            l.extra.insert(QStringLiteral("verify"), QStringLiteral("verify/%1.sql").arg(change));
            l.extra.insert(QStringLiteral("revert"), QStringLiteral("revert/%1.sql").arg(change));
            l.extra.insert(QStringLiteral("revertible"), f.revertible);
            if (!f.unverifiable.isEmpty())
                l.extra.insert(QStringLiteral("unverified"), QJsonArray::fromStringList(f.unverifiable));
        } else {
            l.path = f.path;
            l.command = clientCommand(bundle.dialect, f.path);
        }
        list << l;
    }
    return list;
}

/** manifest.json of @p layout: the layout's own files, each with its script's place in the
 *  release ("script"), the command that runs it, and whether it runs outside a transaction. */
QByteArray layoutManifest(const Bundle &bundle, const QString &layout, const QList<LayoutFile> &files)
{
    QJsonObject root = QJsonDocument::fromJson(bundle.manifest()).object();
    QJsonArray list = root.value(QStringLiteral("files")).toArray();
    for (int i = 0; i < list.size() && i < files.size(); ++i) {
        QJsonObject o = list.at(i).toObject();
        const LayoutFile &l = files.at(i);
        if (layout != QLatin1String("folders"))
            o.insert(QStringLiteral("script"), l.file->path);
        o.insert(QStringLiteral("path"), l.path);
        o.insert(QStringLiteral("command"), l.command);
        for (auto it = l.extra.constBegin(); it != l.extra.constEnd(); ++it)
            o.insert(it.key(), it.value());
        list.replace(i, o);
    }
    root.insert(QStringLiteral("layout"), layout);
    root.insert(QStringLiteral("files"), list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

/** RUNBOOK.md of @p layout: the release's runbook naming the layout's files, then how to run
 *  each step with the layout's tool and which files run outside a transaction. */
QByteArray layoutRunbook(const Bundle &bundle, const QString &layout, const QList<LayoutFile> &files)
{
    QString md = QString::fromUtf8(bundle.runbook);
    if (layout != QLatin1String("folders")) {
        for (const LayoutFile &l : files) {
            const QString shown = layout == QLatin1String("liquibase")
                                      ? QStringLiteral("changelog.sql` changeset `%1").arg(l.extra.value(QStringLiteral("changesets")).toArray().first().toString())
                                      : l.path;
            md.replace(QLatin1Char('`') + l.file->path + QLatin1Char('`'), QLatin1Char('`') + shown + QLatin1Char('`'));
        }
        for (const QString &phase : {QStringLiteral("pre"), QStringLiteral("backfill"), QStringLiteral("post")})
            md.replace(QStringLiteral("`%1/` scripts").arg(phase), QStringLiteral("%1 scripts").arg(phase));
    }
    md += QStringLiteral("\n## Running it with %1\n\n").arg(layout == QLatin1String("folders") ? QStringLiteral("the engine's client") : layout);
    if (bundle.files.isEmpty()) {
        md += QStringLiteral("This release has no database scripts.\n");
        if (layout == QLatin1String("sqitch"))
            md += QStringLiteral("Its sqitch project holds one change that records the release: `sqitch deploy --verify TARGET`.\n");
        return md.toUtf8();
    }
    md += QStringLiteral("Every step, in order (or all of a phase with `tideline-cli apply PLAN --release %1 --dsn DSN "
                         "--phase PHASE`):\n\n| runbook step | file | command |\n|---|---|---|\n")
              .arg(bundle.release);
    const auto stepOf = [](const QString &phase) {
        return phase == QLatin1String("pre") ? QStringLiteral("1") : phase == QLatin1String("backfill") ? QStringLiteral("2 and 5") : QStringLiteral("7");
    };
    for (const LayoutFile &l : files) {
        const QString phase = l.file->runsIn.isEmpty() ? l.file->phase : l.file->runsIn;
        md += QStringLiteral("| %1 | `%2` | `%3` |\n")
                  .arg(bundle.release == QLatin1String("baseline") ? QStringLiteral("baseline") : stepOf(phase), l.path, l.command);
    }
    if (layout == QLatin1String("flyway"))
        md += QStringLiteral("\nFlyway records each version once: for step 5 run the backfill files again with `%1` "
                             "or `tideline-cli apply --phase backfill`.\n")
                  .arg(clientCommand(bundle.dialect, QStringLiteral("FILE")));
    if (layout == QLatin1String("liquibase"))
        md += QStringLiteral("\nBackfill changesets are `runAlways:true`: the second `--contexts=backfill` update "
                             "(step 5) runs them again.\n");
    if (layout == QLatin1String("sqitch"))
        md += QStringLiteral("\nsqitch deploys each change once: for step 5 run the backfill's deploy script again "
                             "with `%1`. `sqitch revert` runs the real reverse of each change where it has one; "
                             "a change without one stops the revert with \"cannot revert\" and why.\n")
                  .arg(clientCommand(bundle.dialect, QStringLiteral("deploy/CHANGE.sql")));
    if (layout == QLatin1String("sqitch") && bundle.dialect == QLatin1String("mysql"))
        md += QStringLiteral("\n**MariaDB only:** the `verify/` and `revert/` scripts check the catalog with `IF … END IF` "
                             "and `SIGNAL` outside a stored program, which MariaDB runs (10.1.1 and later; tested on "
                             "10.11) and MySQL refuses in every version (ERROR 1064: MySQL allows `IF` only inside a "
                             "stored procedure, function, trigger or event). The `deploy/` scripts are the folder "
                             "layout's, written for MySQL 8.0.29+ and MariaDB alike.\n");
    if (layout == QLatin1String("sqitch")) {
        QStringList unverified;
        for (const LayoutFile &l : files) {
            if (!l.file->unverifiable.isEmpty())
                unverified << QStringLiteral("- `%1`: %2\n").arg(l.extra.value(QStringLiteral("verify")).toString(),
                                                                 l.file->unverifiable.join(QStringLiteral(", ")));
        }
        if (!unverified.isEmpty())
            md += QStringLiteral("\n**Not verified:** `sqitch verify` cannot check these, since Tideline does not know "
                                 "what their SQL changes; check them by hand, or give the raw_sql step a `guard`:\n\n")
                  + unverified.join(QString());
    }
    QStringList outside;
    for (const LayoutFile &l : files) {
        if (!l.file->transactional)
            outside << QStringLiteral("- `%1`%2\n").arg(l.path, l.extra.contains(QStringLiteral("conf"))
                                                                     ? QStringLiteral(" (`%1` says `executeInTransaction=false`)").arg(l.extra.value(QStringLiteral("conf")).toString())
                                                                     : QString());
    }
    md += outside.isEmpty() ? QStringLiteral("\nEvery file may run inside a transaction.\n")
                            : QStringLiteral("\n**Outside a transaction** (online index builds, backfills that commit "
                                             "between batches); never wrap these in BEGIN/COMMIT:\n\n")
                                  + outside.join(QString());
    return md.toUtf8();
}

} // namespace

QStringList BundleWriter::layouts()
{
    return {QStringLiteral("folders"), QStringLiteral("flyway"), QStringLiteral("liquibase"),
            QStringLiteral("sqitch")};
}

bool BundleWriter::write(const Bundle &bundle, int releaseNumber, const QString &layout,
                         const QString &directory, bool force, QString *error, const LayoutOptions &options)
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
    if (!writeLayout(bundle, releaseNumber, layout, put, options, error)) {
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

QString BundleWriter::sharedManifestName(const QString &release)
{
    return QStringLiteral("tideline-%1-manifest.json").arg(slug(release));
}

QMap<QString, QByteArray> BundleWriter::sharedFolderFiles(const Bundle &bundle, int releaseNumber,
                                                          const QString &layout, const LayoutOptions &options,
                                                          QString *error)
{
    if (!layouts().contains(layout)) {
        *error = QStringLiteral("unknown layout '%1' (expected one of: %2)")
                     .arg(layout, layouts().join(QStringLiteral(", ")));
        return {};
    }
    // The release-wide files of a layout: in a folder many releases share, each is the release's own.
    const QSet<QString> perRelease{QStringLiteral("RUNBOOK.md"), QStringLiteral("FLYWAY.md"),
                                   QStringLiteral("changelog.sql")};
    const QString prefix = QStringLiteral("tideline-%1-").arg(slug(bundle.release));
    QMap<QString, QByteArray> files;
    QByteArray manifest;
    const bool ok = writeLayout(bundle, releaseNumber, layout, [&](const QString &relative, const QByteArray &content) {
        if (relative == QLatin1String("manifest.json")) {
            manifest = content;
            return true;
        }
        QString path = relative;
        QByteArray text = content;
        if (layout == QLatin1String("flyway")) { // Flyway's folder is the shared folder itself
            if (path.startsWith(QLatin1String("sql/")))
                path = path.mid(4);
            else // the runbook and the note name the files where they are
                text.replace("`sql/", "`").replace("filesystem:sql", "filesystem:.");
        }
        if (perRelease.contains(path))
            path.prepend(prefix);
        files.insert(path, text);
        return true;
    }, options, error);
    if (!ok)
        return {};
    QJsonObject written;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        written.insert(it.key(), QString::fromLatin1(QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256).toHex()));
    QJsonObject root = QJsonDocument::fromJson(manifest).object();
    if (layout == QLatin1String("flyway")) {
        QJsonArray list = root.value(QStringLiteral("files")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QJsonObject o = list.at(i).toObject();
            for (const QString &key : {QStringLiteral("path"), QStringLiteral("conf"), QStringLiteral("command")}) {
                if (o.contains(key))
                    o.insert(key, o.value(key).toString().remove(QStringLiteral("sql/")).replace(QStringLiteral("filesystem:sql"),
                                                                                             QStringLiteral("filesystem:.")));
            }
            list.replace(i, o);
        }
        root.insert(QStringLiteral("files"), list);
    }
    root.insert(QStringLiteral("written"), written);
    files.insert(sharedManifestName(bundle.release), QJsonDocument(root).toJson(QJsonDocument::Indented));
    return files;
}

namespace {

/** Whether @p path, named by a manifest in a shared folder, is a plain path below the folder. */
bool plainPath(const QString &path)
{
    return !path.isEmpty() && QDir::isRelativePath(path) && QDir::cleanPath(path) == path
           && !path.startsWith(QLatin1String("../")) && path != QLatin1String("..") && !path.contains(QLatin1Char('\\'))
           && !path.contains(QLatin1Char(':'));
}

/** What a manifest of ours in a shared folder says it owns. */
struct SharedManifest
{
    QJsonObject written;               // path -> sha256: what the export wrote (or is writing)
    QMultiMap<QString, QString> owned; // path -> sha256: those, and what it is replacing
};

/**
 * The files earlier exports wrote into a shared folder: path -> every sha256 a manifest there
 * lists for it; @p manifests: the manifests of ours, by name. An export that is writing lists,
 * beside the new text's sha256 ("written"), the sha256s of the files it replaces ("replacing",
 * path -> [sha256, …]) until every file is in place: files of an export that stopped half way
 * stay ours, old or new.
 */
QMultiHash<QString, QString> sharedOwnership(const QDir &dir, QHash<QString, SharedManifest> *manifests)
{
    QMultiHash<QString, QString> owned;
    static const QRegularExpression name(QStringLiteral("^tideline-.+-manifest\\.json$"));
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    for (const QFileInfo &entry : dir.entryInfoList({QStringLiteral("tideline-*-manifest.json")}, QDir::Files | QDir::Hidden)) {
        if (entry.isSymLink() || !name.match(entry.fileName()).hasMatch() || entry.size() > 256 * 1024 * 1024)
            continue;
        QFile file(entry.filePath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonValue written = root.value(QStringLiteral("written"));
        if (!written.isObject() || !root.value(QStringLiteral("release")).isString())
            continue;
        // A manifest is a file in a shared folder, which anyone may have written: only plain
        // relative paths below the folder with a real sha256 count, never "..", absolute paths or
        // an empty hash (which an unreadable file would match).
        SharedManifest manifest;
        const QJsonObject claimed = written.toObject();
        for (auto it = claimed.constBegin(); it != claimed.constEnd(); ++it) {
            if (plainPath(it.key()) && sha256.match(it.value().toString()).hasMatch()) {
                manifest.written.insert(it.key(), it.value());
                manifest.owned.insert(it.key(), it.value().toString());
            }
        }
        const QJsonObject replacing = root.value(QStringLiteral("replacing")).toObject();
        for (auto it = replacing.constBegin(); it != replacing.constEnd(); ++it) {
            for (const QJsonValue &hash : it.value().toArray()) {
                if (plainPath(it.key()) && sha256.match(hash.toString()).hasMatch()
                    && !manifest.owned.contains(it.key(), hash.toString()))
                    manifest.owned.insert(it.key(), hash.toString());
            }
        }
        for (auto it = manifest.owned.constBegin(); it != manifest.owned.constEnd(); ++it)
            owned.insert(it.key(), it.value());
        manifests->insert(entry.fileName(), manifest);
    }
    return owned;
}

} // namespace

int BundleWriter::sharedFlywayStart(const QString &directory, const QStringList &releases)
{
    static const QRegularExpression versioned(QStringLiteral("^V(\\d+)(?:[._]\\d+)*__.+\\.sql$"));
    const QDir dir(directory);
    QHash<QString, SharedManifest> manifests;
    sharedOwnership(dir, &manifests);
    QSet<QString> exported; // what earlier exports of these releases wrote
    for (int i = 0; i < releases.size(); ++i) {
        const QJsonObject written = manifests.value(sharedManifestName(releases.at(i))).written;
        for (auto it = written.constBegin(); it != written.constEnd(); ++it) {
            if (const QRegularExpressionMatch m = versioned.match(it.key()); m.hasMatch()) {
                if (i == 0)
                    return m.captured(1).toInt(); // the version that release has in this history
                exported.insert(it.key());
            }
        }
    }
    int highest = 0;
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
        if (const QRegularExpressionMatch m = versioned.match(name); m.hasMatch() && !exported.contains(name))
            highest = qMax(highest, m.captured(1).toInt());
    }
    return highest > 0 ? highest + 1 : 0;
}

namespace {

QString notAFolder(const QString &directory)
{
    return QStringLiteral("%1: not a folder that exists (an export into a folder writes beside the files "
                          "already there; choose an existing one)")
        .arg(directory);
}

/** BundleWriter::sharedRefusals() in @p dir, whose @p manifests and @p owned are read;
 *  @p keep: files of theirs the export leaves as they are. */
QList<BundleWriter::Refusal> refusalsIn(const QDir &dir, const QMap<QString, QByteArray> &files,
                                        const QHash<QString, SharedManifest> &manifests,
                                        const QMultiHash<QString, QString> &owned, QSet<QString> *keep)
{
    QList<BundleWriter::Refusal> refused;
    QSet<QString> named;
    const auto refuse = [&](const QString &path, const QString &why) {
        if (!named.contains(path)) {
            named.insert(path);
            refused.append({path, why});
        }
    };
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        // A folder on the way that is a file of theirs, or a link out of the folder, is refused
        // before anything is written (it would stop the export half way, or write elsewhere).
        const QString folder = QFileInfo(it.key()).path();
        bool blocked = false;
        for (QString part = folder; part != QLatin1String(".") && !blocked; part = QFileInfo(part).path()) {
            const QFileInfo on(dir.filePath(part));
            if (on.isSymLink() || (on.exists() && !on.isDir())) {
                refuse(part, on.isSymLink() ? QStringLiteral("a link where the export needs a folder of its own")
                                            : QStringLiteral("a file where the export needs a folder"));
                blocked = true;
            }
        }
        if (blocked)
            continue;
        const QFileInfo there(dir.filePath(it.key()));
        if (!there.exists() && !there.isSymLink())
            continue;
        if (there.isSymLink() || !there.isFile()) {
            refuse(it.key(), QStringLiteral("not a plain file (a link or a folder)"));
            continue;
        }
        if (manifests.contains(it.key())) // a manifest of ours, replaced by the new one
            continue;
        const QString hash = fileSha256(there.filePath());
        if (owned.contains(it.key(), hash))
            continue;
        QFile file(there.filePath());
        const QByteArray current = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        if (file.isOpen() && current == it.value())
            continue; // the same bytes: nothing of theirs changes
        if (it.key() == QLatin1String("sqitch.conf")) {
            if (keep)
                keep->insert(it.key()); // their project's configuration stays theirs
            continue;
        }
        if (it.key() == QLatin1String("sqitch.plan") && file.isOpen() && it.value().startsWith(current))
            continue; // our changes appended after theirs, theirs byte for byte
        refuse(it.key(), owned.contains(it.key()) ? QStringLiteral("changed since Tideline wrote it")
                                                  : QStringLiteral("not written by Tideline"));
    }
    return refused;
}

} // namespace

QList<BundleWriter::Refusal> BundleWriter::sharedRefusals(const QString &directory, const QMap<QString, QByteArray> &files,
                                                          QString *error)
{
    const QFileInfo info(directory);
    if (!info.isDir() || info.isSymLink()) {
        *error = notAFolder(directory);
        return {};
    }
    const QDir dir(info.absoluteFilePath());
    QHash<QString, SharedManifest> manifests;
    const QMultiHash<QString, QString> owned = sharedOwnership(dir, &manifests);
    return refusalsIn(dir, files, manifests, owned, nullptr);
}

bool BundleWriter::writeIntoShared(const QString &directory, const QMap<QString, QByteArray> &files, QString *error)
{
    const QFileInfo info(directory);
    if (!info.isDir() || info.isSymLink()) {
        *error = notAFolder(directory);
        return false;
    }
    QDir dir(info.absoluteFilePath());
    QHash<QString, SharedManifest> manifests;
    const QMultiHash<QString, QString> owned = sharedOwnership(dir, &manifests);
    QSet<QString> keep; // theirs, left as it is
    const QList<Refusal> refusals = refusalsIn(dir, files, manifests, owned, &keep);
    if (!refusals.isEmpty()) {
        QStringList refused;
        for (const Refusal &r : refusals)
            refused << r.path;
        *error = QStringLiteral("%1: not exported: %2 %3 there and %4 not written by Tideline (or changed since: not "
                                "with the sha256 a Tideline manifest there lists), so it is not overwritten; "
                                "nothing was written. Rename or move %5, or export into a folder of its own")
                     .arg(directory, refused.join(QStringLiteral(", ")),
                          refused.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                          refused.size() == 1 ? QStringLiteral("was") : QStringLiteral("were"),
                          refused.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"));
        return false;
    }
    // What an earlier export of the same release wrote and this one no longer writes (a step
    // moved to another release): removed while it is still as we wrote it.
    QStringList stale;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const auto old = manifests.constFind(it.key());
        if (old == manifests.cend())
            continue;
        for (const QString &path : old->owned.uniqueKeys()) {
            // Only a file inside the folder itself (no link on the way out of it).
            const QString inside = QFileInfo(dir.filePath(path)).canonicalFilePath();
            if (!files.contains(path) && !stale.contains(path) && inside.startsWith(dir.canonicalPath() + QLatin1Char('/'))
                && old->owned.contains(path, fileSha256(dir.filePath(path))))
                stale << path;
        }
    }
    // Ownership survives an export that stops half way (a failed write, a crash): first each
    // manifest as it will be, with what it replaces ("replacing": the sha256s the earlier
    // manifest of the release owned), then the files, then the manifests without "replacing".
    // At every moment each of our files there is listed with its sha256 by a manifest.
    QMap<QString, QByteArray> interim;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const auto old = manifests.constFind(it.key());
        if (old == manifests.cend() || old->owned.isEmpty())
            continue;
        QJsonObject root = QJsonDocument::fromJson(it.value()).object();
        const QJsonObject written = root.value(QStringLiteral("written")).toObject();
        QJsonObject replacing;
        for (const QString &path : old->owned.uniqueKeys()) {
            QJsonArray hashes;
            for (const QString &hash : old->owned.values(path)) {
                if (written.value(path).toString() != hash)
                    hashes.append(hash);
            }
            if (!hashes.isEmpty())
                replacing.insert(path, hashes);
        }
        if (replacing.isEmpty())
            continue;
        root.insert(QStringLiteral("replacing"), replacing);
        interim.insert(it.key(), QJsonDocument(root).toJson(QJsonDocument::Indented));
    }
    QStringList order = files.keys();
    std::stable_partition(order.begin(), order.end(), [&](const QString &path) { return path.endsWith(QLatin1String("-manifest.json")); });
    // Tests stop an export after this many files (TIDELINE_TEST_EXPORT_CRASH_AFTER), as a crash would.
    const int crashAfter = qEnvironmentVariableIsSet("TIDELINE_TEST_EXPORT_CRASH_AFTER")
                               ? qEnvironmentVariableIntValue("TIDELINE_TEST_EXPORT_CRASH_AFTER")
                               : -1;
    int written = 0;
    for (const QString &path : std::as_const(order)) {
        if (keep.contains(path))
            continue;
        if (crashAfter >= 0 && written++ == crashAfter)
            std::_Exit(86);
        if (!writeFile(dir.filePath(path), interim.value(path, files.value(path)), error))
            return false;
    }
    for (const QString &path : std::as_const(stale))
        dir.remove(path);
    for (auto it = interim.cbegin(); it != interim.cend(); ++it) {
        if (!writeFile(dir.filePath(it.key()), files.value(it.key()), error))
            return false;
    }
    return true;
}

QByteArray BundleWriter::withoutOurSqitchChanges(const QByteArray &plan, const QString &directory,
                                                 const QStringList &releases)
{
    const QDir dir(directory);
    QHash<QString, SharedManifest> manifests;
    sharedOwnership(dir, &manifests);
    // Our changes: a manifest of one of these releases lists the change's scripts, and each of
    // them is there with a sha256 that manifest lists (edited by hand, a change is theirs).
    static const QRegularExpression deploy(QStringLiteral("^deploy/(.+)\\.sql$"));
    QSet<QString> ours;
    for (const QString &release : releases) {
        const SharedManifest manifest = manifests.value(sharedManifestName(release));
        for (const QString &path : manifest.owned.uniqueKeys()) {
            const QRegularExpressionMatch m = deploy.match(path);
            if (!m.hasMatch())
                continue;
            bool same = true;
            for (const QString &folder : {QStringLiteral("deploy"), QStringLiteral("revert"), QStringLiteral("verify")}) {
                const QString script = QStringLiteral("%1/%2.sql").arg(folder, m.captured(1));
                if (manifest.owned.contains(script) && !manifest.owned.contains(script, fileSha256(dir.filePath(script))))
                    same = false;
            }
            if (same)
                ours.insert(m.captured(1));
        }
    }
    // Only a run of them at the end: a change of theirs planned after ours keeps ours in place.
    const QList<QByteArray> lines = plan.split('\n');
    static const QRegularExpression change(QStringLiteral("^([A-Za-z_][^\\s\\[@:#]*)\\s"));
    qsizetype cut = lines.size();
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty())
            continue;
        const QRegularExpressionMatch m = change.match(line + QLatin1Char(' '));
        if (!m.hasMatch() || !ours.contains(m.captured(1)))
            break;
        cut = i;
    }
    if (cut == lines.size())
        return plan;
    QByteArray kept;
    for (qsizetype i = 0; i < cut; ++i)
        kept += lines.at(i) + '\n';
    return kept;
}

QString BundleWriter::flywayName(const BundleFile &file, int version)
{
    return QStringLiteral("V%1_%2__%3.sql")
        .arg(version)
        .arg(file.order, 3, 10, QLatin1Char('0'))
        .arg(slug(file.phase + QLatin1Char('_') + stem(file)));
}

QString BundleWriter::sqitchChange(const Bundle &bundle, const BundleFile &file)
{
    return slug(bundle.release + QLatin1Char('_') + stem(file));
}

bool BundleWriter::writeLayout(const Bundle &bundle, int releaseNumber, const QString &layout, const Put &put,
                               const LayoutOptions &options, QString *error)
{
    const int version = options.flywayStart > 0 ? options.flywayStart : releaseNumber;
    const QList<LayoutFile> files = layoutFiles(bundle, layout, version);
    if (!put(QStringLiteral("manifest.json"), layoutManifest(bundle, layout, files))
        || !put(QStringLiteral("RUNBOOK.md"), layoutRunbook(bundle, layout, files)))
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
            const QString name = QStringLiteral("sql/") + flywayName(f, version);
            if (!put(name, f.content))
                return false;
            // Flyway's per-script configuration: online index builds and backfills that commit
            // between batches cannot run inside the transaction Flyway opens per file.
            if (!f.transactional && !put(name + QStringLiteral(".conf"), QByteArrayLiteral("executeInTransaction=false\n")))
                return false;
        }
        return put(QStringLiteral("FLYWAY.md"), flywayNote(bundle, version));
    }
    if (layout == QLatin1String("liquibase"))
        return put(QStringLiteral("changelog.sql"), liquibaseChangelog(bundle));

    // sqitch: one change per file, with the verify that reads the catalog and the real revert
    // (or a revert that refuses, naming why). Without an existing plan each bundle is a project
    // of its own, named after plan and release: sqitch's registry refuses to deploy a project
    // whose plan lacks the changes it already deployed under that project's name.
    QString plan, previous;
    QSet<QString> existing;
    if (!options.sqitchPlan.isEmpty()) {
        QString project, why;
        if (!readSqitchPlan(options.sqitchPlan, &project, &previous, &existing, &why)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(options.sqitchPlanName, why);
            return false;
        }
        plan = QString::fromUtf8(options.sqitchPlan);
        if (!plan.endsWith(QLatin1Char('\n')))
            plan += QLatin1Char('\n');
    } else {
        plan = QStringLiteral("%syntax-version=1.0.0\n%project=%1\n\n")
                   .arg(slug(bundle.plan + QLatin1Char('_') + bundle.release).toLower());
    }
    const auto addChange = [&](const QString &change, const QString &note, const QByteArray &deploy,
                               const QByteArray &revert, const QByteArray &verify) {
        if (existing.contains(change)) {
            if (error)
                *error = QStringLiteral("%1 already has a change named %2: release %3 was appended to this sqitch "
                                        "plan before. sqitch does not plan a change twice: if it never deployed, "
                                        "remove its lines from the plan and export again; if it did, change it "
                                        "with `sqitch rework` or in a later release")
                             .arg(options.sqitchPlanName, change, bundle.release);
            return false;
        }
        plan += QStringLiteral("%1 %2 2026-01-01T00:00:00Z Tideline <tideline@localhost> # %3\n")
                    .arg(change, previous.isEmpty() ? QString() : QStringLiteral("[%1]").arg(previous), note)
                    .replace(QStringLiteral("  "), QStringLiteral(" "));
        previous = change;
        return put(QStringLiteral("deploy/%1.sql").arg(change), deploy)
               && put(QStringLiteral("revert/%1.sql").arg(change), revert)
               && put(QStringLiteral("verify/%1.sql").arg(change), verify);
    };
    for (const BundleFile &f : bundle.files) {
        const QString change = sqitchChange(bundle, f);
        if (!addChange(change,
                       f.phase + QLatin1Char(' ') + (f.refactoring.isEmpty() ? f.step : f.refactoring + QLatin1Char('/') + f.step),
                       f.content, f.revert, f.verify))
            return false;
    }
    if (bundle.files.isEmpty()) {
        // An empty release is still a project sqitch deploys (it refuses an empty plan): one
        // change that records the release and says so, with nothing to check or undo.
        const Dialect *dialect = Dialect::forName(bundle.dialect);
        const QString say = QStringLiteral("Release %1 of \"%2\" has no database scripts.").arg(bundle.release, bundle.plan);
        const QByteArray text = (dialect->comment(say) + QLatin1Char('\n')).toUtf8();
        if (!addChange(slug(bundle.release + QStringLiteral("_no_scripts")), QStringLiteral("no database scripts"), text,
                       text, text))
            return false;
    }
    return put(QStringLiteral("sqitch.plan"), plan.toUtf8())
           && put(QStringLiteral("sqitch.conf"), QStringLiteral("[core]\n\tengine = %1\n\tplan_file = sqitch.plan\n\ttop_dir = .\n")
                                                     .arg(sqitchEngine(bundle.dialect))
                                                     .toUtf8());
}

} // namespace Tideline
