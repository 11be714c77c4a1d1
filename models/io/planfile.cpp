// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfile.h"

#include "planjson.h"

#include <storage/planstore.h>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

constexpr QStringView UnknownType =
    u"unknown file type; expected a .tideline or .tideline.json file";

bool fail(QList<PlanError> *errors, const QString &path, const QString &message)
{
    if (errors)
        errors->append(PlanError{path, {}, message});
    return false;
}

bool writeAtomically(const QString &path, const QByteArray &data, QList<PlanError> *errors)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return fail(errors, path, u"cannot write: %1"_s.arg(file.errorString()));
    return true;
}

} // namespace

PlanFile::Format PlanFile::formatOf(const QString &path)
{
    if (path.endsWith(u".tideline.json"_s, Qt::CaseInsensitive))
        return Format::Json;
    if (path.endsWith(u".tideline"_s, Qt::CaseInsensitive))
        return Format::Sqlite;
    return Format::Unknown;
}

bool PlanFile::load(const QString &path, Plan *plan, QList<PlanError> *errors)
{
    const Format format = formatOf(path);
    if (format == Format::Unknown)
        return fail(errors, path, UnknownType.toString());
    if (QFileInfo(path).isDir())
        return fail(errors, path, u"is a directory, not a plan file"_s);
    if (!QFileInfo(path).isFile())
        return fail(errors, path, u"file not found"_s);

    if (format == Format::Json) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(errors, path, u"cannot read: %1"_s.arg(file.errorString()));
        return PlanJson::read(file.readAll(), plan, errors, path);
    }
    PlanStore store;
    if (!store.open(path) || !store.load(plan))
        return fail(errors, path, store.errorString());
    return true;
}

bool PlanFile::save(const QString &path, const Plan &plan, QList<PlanError> *errors)
{
    switch (formatOf(path)) {
    case Format::Unknown:
        return fail(errors, path, UnknownType.toString());
    case Format::Json:
        return writeAtomically(path, PlanJson::write(plan), errors);
    case Format::Sqlite:
        break;
    }

    // Build the database aside, then put its bytes in place with QSaveFile (a temporary file
    // next to the target, renamed over it on commit): a failed save never touches the target.
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return fail(errors, path, u"cannot create a temporary folder: %1"_s.arg(
                                      scratch.errorString()));
    const QString scratchPath = scratch.filePath(u"plan.tideline"_s);
    {
        PlanStore store;
        if (!store.open(scratchPath, true) || !store.save(plan))
            return fail(errors, path, store.errorString());
    }
    QFile built(scratchPath);
    if (!built.open(QIODevice::ReadOnly))
        return fail(errors, path, u"cannot read the new plan back: %1"_s.arg(built.errorString()));
    return writeAtomically(path, built.readAll(), errors);
}

} // namespace Tideline
