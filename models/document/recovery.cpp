// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recovery.h"

#include <io/planfile.h>

#include <io/outputfile.h>
#include <io/planjson.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

constexpr QStringView FormatTag = u"tideline-recovery";

/** Whether process @p pid is not a running program like this one (its id may have come round
 *  to another program since). */
bool isGone(qint64 pid)
{
    if (pid == QCoreApplication::applicationPid())
        return false;
#ifdef Q_OS_LINUX
    QFile theirs(u"/proc/%1/comm"_s.arg(pid));
    QFile ours(u"/proc/self/comm"_s);
    if (!theirs.open(QIODevice::ReadOnly) || !ours.open(QIODevice::ReadOnly))
        return true;
    return theirs.readAll() != ours.readAll();
#else
    return false; // cannot tell: never take another process's edits
#endif
}

QString absolute(const QString &planPath)
{
    return planPath.isEmpty() ? QString() : QFileInfo(planPath).absoluteFilePath();
}

} // namespace

QString Recovery::folder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/recovery"_s;
}

QString Recovery::pathFor(const QString &planPath)
{
    const QString path = absolute(planPath);
    if (path.isEmpty())
        return u"%1/untitled-%2.recovery.json"_s.arg(folder()).arg(QCoreApplication::applicationPid());
    const QByteArray hash
        = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return u"%1/%2-%3.recovery.json"_s.arg(folder(), QFileInfo(path).fileName(),
                                           QString::fromLatin1(hash));
}

bool Recovery::write(const QString &planPath, const Plan &plan, QString *error)
{
    if (!QDir().mkpath(folder())) {
        if (error)
            *error = OutputFile::failure(folder(), u"cannot create the folder"_s);
        return false;
    }
    const QJsonObject envelope{
        {u"format"_s, FormatTag.toString()},
        {u"version"_s, 1},
        {u"plan"_s, absolute(planPath)},
        {u"written"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"content"_s, PlanJson::toJson(plan)},
    };
    return OutputFile::writeAll(pathFor(planPath), QJsonDocument(envelope).toJson(), error);
}

bool Recovery::find(const QString &planPath, Found *found, QString *error)
{
    const QString path = pathFor(planPath);
    const QFileInfo info(path);
    if (!info.isFile())
        return false;
    const QFileInfo plan(absolute(planPath));
    const bool changedSince
        = !planPath.isEmpty() && plan.exists() && plan.lastModified() >= info.lastModified();
    if (!readFile(path, found, error))
        return false;
    found->fileChangedSince = changedSince;
    if (changedSince) {
        // Written after the autosave: by a save of these very edits whose clean-up was cut,
        // or by someone else (a pull). Only the first is nothing to offer.
        Plan current;
        QList<PlanError> errors;
        if (PlanFile::load(plan.absoluteFilePath(), &current, &errors)
            && PlanJson::toJson(current) == PlanJson::toJson(found->plan)) {
            QFile::remove(path);
            return false;
        }
    }
    return true;
}

bool Recovery::findOrphan(Found *found, QString *error)
{
    const QFileInfoList files = QDir(folder()).entryInfoList({u"untitled-*.recovery.json"_s},
                                                             QDir::Files, QDir::Time);
    for (const QFileInfo &info : files) { // newest first
        const qint64 pid = info.fileName().section(u'-', 1).section(u'.', 0, 0).toLongLong();
        if (pid > 0 && !isGone(pid))
            continue; // a running Tideline's own
        return readFile(info.filePath(), found, error);
    }
    return false;
}

bool Recovery::readFile(const QString &path, Found *found, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"%1: cannot read: %2"_s.arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonObject envelope = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (envelope.value(u"format"_s).toString() != FormatTag
        || !envelope.value(u"content"_s).isObject()) {
        if (error)
            *error = u"%1: not a Tideline recovery file"_s.arg(path);
        return false;
    }
    Found result;
    QList<PlanError> errors;
    if (!PlanJson::read(QJsonDocument(envelope.value(u"content"_s).toObject()).toJson(),
                        &result.plan, &errors, path)) {
        if (error)
            *error = errors.isEmpty() ? u"%1: cannot be read"_s.arg(path)
                                      : errors.constFirst().toString();
        return false;
    }
    result.planPath = envelope.value(u"plan"_s).toString();
    result.written = QDateTime::fromString(envelope.value(u"written"_s).toString(), Qt::ISODateWithMs);
    result.path = path;
    if (found)
        *found = result;
    return true;
}

void Recovery::remove(const QString &planPath)
{
    QFile::remove(pathFor(planPath));
}

} // namespace Tideline
