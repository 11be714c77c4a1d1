// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfile.h"

#include "planjson.h"

#include <storage/planstore.h>
#include <storage/serverplan.h>
#include <sql/connection.h>

#include <QCoreApplication>
#include <QDateTime>
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

bool PlanFile::save(const QString &path, const Plan &plan, QList<PlanError> *errors,
                    QStringList *notes)
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
    if (notes && !lock.notice().isEmpty())
        notes->append(lock.notice());
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
    m_notice.clear();
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
        return takeOverUnreadable();
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

/**
 * The lock file is there but names no holder. QLockFile creates it, takes its native lock
 * (flock) and then writes it, so an empty one is what a kill between the first two and the
 * write leaves; and its staleness check needs the holder it cannot read, so such a file stood
 * until removed by hand. A young one may be a lock being written just now: refused. An old one
 * is taken over, by Qt's removeStaleLockFile(), which removes it only when no process holds
 * its native lock: a running holder keeps it.
 */
bool PlanFileLock::takeOverUnreadable()
{
    const QString path = lockPath(m_planPath);
    const QString shown = QDir::toNativeSeparators(path);
    const auto describe = [&](const QFileInfo &info) {
        return info.size() == 0 ? u"empty"_s : u"garbled (%1 bytes)"_s.arg(info.size());
    };
    const auto ageOf = [](const QFileInfo &info) {
        // Either way: a time in the future (another clock) is no sign of a fresh lock either.
        return qAbs(info.fileTime(QFileDevice::FileModificationTime)
                        .secsTo(QDateTime::currentDateTime()));
    };
    QFileInfo info(path);
    if (!info.exists() && m_lock->tryLock(0))
        return true; // released since it was read
    if (ageOf(info) < UnreadableLockGraceSeconds) {
        m_error = u"the lock file %1 cannot be read (%2) and is %3 s old: a Tideline may be "
                  "making it just now; try again (after %4 s it is taken over)"_s.arg(
                      shown, describe(info), QString::number(ageOf(info)),
                      QString::number(UnreadableLockGraceSeconds));
        return false;
    }
    // Two processes taking it over at once must not both remove it (the second would remove
    // the first one's new lock): the same guard file Qt takes for its own stale locks.
    QLockFile guard(path + u".rmlock"_s);
    if (!guard.tryLock(0)) {
        m_error = u"the lock file %1 is being taken over by another process; try again"_s.arg(shown);
        return false;
    }
    qint64 pid = 0;
    QString host;
    QString program;
    info.refresh();
    if (m_lock->getLockInfo(&pid, &host, &program) || ageOf(info) < UnreadableLockGraceSeconds) {
        // Replaced meanwhile by a lock someone can read, or a new one: not ours to take.
        m_error = u"the lock file %1 changed while it was checked; try again"_s.arg(shown);
        return false;
    }
    const QString was = describe(info);
    const qint64 age = ageOf(info);
    if (!m_lock->removeStaleLockFile()) {
        if (m_lock->tryLock(0))
            return true; // removed by its holder meanwhile
        m_error = u"the lock file %1 cannot be read (%2) but a running process holds it; close "
                  "the Tideline that has the plan open"_s.arg(shown, was);
        return false;
    }
    if (!m_lock->tryLock(0)) {
        m_error = u"the lock file %1 was taken by another process as it was replaced; try again"_s
                      .arg(shown);
        return false;
    }
    m_notice = u"took over the lock file %1: it could not be read (%2, %3 s old), as a Tideline "
               "stopped while creating it leaves it, and no running process held it"_s.arg(
                   shown, was, QString::number(age));
    return true;
}

} // namespace Tideline
