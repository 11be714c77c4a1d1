// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfile.h"

#include "planjson.h"

#include <storage/planstore.h>
#include <storage/serverplan.h>
#include <sql/connection.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <QSysInfo>

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

/**
 * Whether a lock of this host names a process that is gone. Qt counts a lock as held while its
 * id is in use by the lock's program; but process and thread ids come from one pool (32768 of
 * them by default) and Qt reads a thread's program as its process's, so a crashed Tideline's
 * id that came round as a worker thread of a running Tideline kept its lock standing. On Linux
 * the id's own command name (a thread's is its own) must be the lock's program, cut to the 15
 * characters the kernel keeps, for the lock to stand.
 */
bool holderIsGone([[maybe_unused]] qint64 pid, [[maybe_unused]] const QString &program)
{
#ifdef Q_OS_LINUX
    QFile comm(u"/proc/%1/comm"_s.arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return true;
    const QString name = QString::fromUtf8(comm.readAll()).trimmed();
    return name != QFileInfo(program).fileName().left(15);
#else
    return false; // QLockFile's own check stands
#endif
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
    if (ServerLocation::isLocation(path))
        return Format::Server;
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
    if (format == Format::Server) {
        ServerPlan server;
        QString error;
        if (!server.open(path, &error) || !server.load(plan, &error))
            return fail(errors, Connection::redacted(path), error);
        return true;
    }
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
    case Format::Json: {
        // A file already there is the layout to keep (its key order and indentation), so a
        // hand-written plan saved after one change differs from before by that change.
        QFile existing(path);
        const QByteArray original =
            existing.open(QIODevice::ReadOnly) ? existing.readAll() : QByteArray();
        return writeAtomically(path, PlanJson::write(plan, original), errors);
    }
    case Format::Sqlite:
        break;
    case Format::Server: {
        ServerPlan server;
        QString error;
        if (!server.open(path, &error))
            return fail(errors, Connection::redacted(path), error);
        if (server.location().revision >= 0)
            return fail(errors, Connection::redacted(path),
                        u"a plan as it was at a revision is read-only; leave out revision="_s);
        if (!server.replace(plan, u"Write the whole plan"_s, &error))
            return fail(errors, Connection::redacted(path), error);
        return true;
    }
    }

    PlanFileLock lock(path);
    if (!lock.acquire())
        return fail(errors, path, lock.errorString());
    QString error;
    if (!PlanStore::write(path, plan, &error))
        return fail(errors, path, error);
    return true;
}

PlanFileLock::PlanFileLock(const QString &planPath) : m_planPath(planPath) {}

PlanFileLock::~PlanFileLock() = default; // QLockFile's destructor unlocks

QString PlanFileLock::lockPath(const QString &planPath)
{
    const QFileInfo info(planPath);
    return info.dir().filePath(u"."_s + info.fileName() + u".lock"_s);
}

bool PlanFileLock::acquire()
{
    m_error.clear();
    if (m_lock && m_lock->isLocked())
        return true;
    m_lock = std::make_unique<QLockFile>(lockPath(m_planPath));
    // Held for as long as the window has the plan open: only a process that is gone makes
    // it stale, never its age.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return true;
    if (m_lock->error() != QLockFile::LockFailedError)
        return true; // no lock file can be made here: nothing to detect
    qint64 pid = 0;
    QString host;
    QString program;
    if (!m_lock->getLockInfo(&pid, &host, &program)) {
        if (m_lock->tryLock(0))
            return true; // released meanwhile
        // There, but not a lock anyone can read (garbled, cut short): who holds the plan is
        // unknown, so it is not taken as free.
        m_error = u"the lock file %1 cannot be read (garbled?); if no Tideline has the plan open, "
                  "remove it"_s.arg(QDir::toNativeSeparators(lockPath(m_planPath)));
        return false;
    }
    const bool here = host == QSysInfo::machineHostName();
    if (here && pid == QCoreApplication::applicationPid())
        return true; // this process has it open: the window saving its own plan
    if (here && holderIsGone(pid, program) && m_lock->removeStaleLockFile() && m_lock->tryLock(0))
        return true;
    m_error = u"open in another Tideline (%1, process %2 on %3); close it there first"_s.arg(
        program.isEmpty() ? u"unknown program"_s : program, QString::number(pid), host);
    return false;
}

} // namespace Tideline
