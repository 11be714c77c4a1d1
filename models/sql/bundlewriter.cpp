// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlewriter.h"

#include "bundle.h"
#include "dialect.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QFile>

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
        *error = QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
        return false;
    }
    // A plain write: the whole bundle is written into a staging folder that replaces the
    // target only when every file is in place, so there is no need to sync file by file.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.flush()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
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
    const QDir target(directory);
    if (target.exists() && !target.isEmpty() && !force) {
        *error = QStringLiteral("%1: exists and is not empty; pass --force to replace it").arg(directory);
        return false;
    }
    const QString staging = QDir::cleanPath(target.absolutePath()) + QStringLiteral(".tideline-partial");
    QDir(staging).removeRecursively();
    if (!writeLayout(bundle, releaseNumber, layout, QDir(staging), error)) {
        QDir(staging).removeRecursively();
        return false;
    }
    if (target.exists() && !QDir(directory).removeRecursively()) {
        QDir(staging).removeRecursively();
        *error = QStringLiteral("%1: cannot replace it").arg(directory);
        return false;
    }
    if (!QDir().rename(staging, target.absolutePath())) {
        QDir(staging).removeRecursively();
        *error = QStringLiteral("%1: cannot move the bundle into place").arg(directory);
        return false;
    }
    return true;
}

bool BundleWriter::writeLayout(const Bundle &bundle, int releaseNumber, const QString &layout,
                               const QDir &dir, QString *error)
{
    auto put = [&](const QString &relative, const QByteArray &content) {
        return writeFile(dir.filePath(relative), content, error);
    };
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
