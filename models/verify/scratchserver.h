// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sql/connection.h>

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Tideline {

/**
 * A throwaway database server on 127.0.0.1 for verify: PostgreSQL (initdb + pg_ctl, run as
 * user postgres when we are root) or MariaDB (mariadb-install-db + mariadbd), in a temporary
 * folder, trusted without a password, on a free port. The destructor stops it and removes the
 * folder. When the binaries are missing, start() says which Debian package to install.
 */
class ScratchServer
{
public:
    ScratchServer() = default;
    ~ScratchServer();
    ScratchServer(const ScratchServer &) = delete;
    ScratchServer &operator=(const ScratchServer &) = delete;

    /** @p dialect: "postgresql" or "mysql". */
    bool start(const QString &dialect, QString *error);
    /** The server's DSN (an administrative database on it). */
    QString dsn() const { return m_dsn; }
    /**
     * PostgreSQL: the server starts with fsync, synchronous_commit and full_page_writes off;
     * @p durable true turns fsync and full_page_writes on (ALTER SYSTEM, reload), false off
     * again. Returns once @p session (a connection to the server) shows the change; false with
     * @p error when it cannot be made or is not seen. MariaDB: nothing to do.
     */
    bool setDurable(bool durable, QSqlDatabase session, QString *error);

    /**
     * Makes SIGTERM, SIGINT and SIGHUP stop every running scratch server and remove its
     * folder before the process exits (with 128 + the signal), so an interrupted verify leaves
     * nothing running. Idempotent. A watcher thread does the work; the handler only wakes it.
     */
    static void stopAllOnSignals();
    /**
     * Stops the servers and removes the folders that scratch servers of processes no longer
     * running left in the temporary folder (a verify killed with SIGKILL, a crash). Each
     * folder records its owner's process id; a folder whose owner still runs is left alone.
     * Returns one line per folder removed, naming it, its server and the process that left it.
     */
    static QStringList removeStale();

private:
    bool startPostgres(QString *error);
    bool startMariaDb(QString *error);
    void stop();
    /** From the signal watcher: kill the server by pid, remove the folder, nothing else. */
    void stopNow();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dialect;
    QString m_dsn;
    QString m_pgBin;
    std::unique_ptr<QProcess> m_mariadbd;
    qint64 m_mariadbdPid = 0; // for stopNow(), which may not touch m_mariadbd from its thread
};

/**
 * A database of its own on a server given by DSN: verify creates it (CREATE DATABASE with a
 * unique name), works only in it and drops it in the destructor, or, after
 * ScratchServer::stopAllOnSignals(), when SIGTERM, SIGINT or SIGHUP ends the process. A `sqlite:`
 * DSN gives an in-memory database; the file the DSN names is never opened.
 *
 * The name says whose it is: tideline_verify_<host>_<pid>_<random>, <host> a hash of this
 * machine's name. open() first drops the ones a verify of this machine left when it was killed
 * with SIGKILL (its process is gone), never another machine's, nor one of a running process.
 */
class ScratchDatabase
{
public:
    ScratchDatabase() = default;
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    bool open(const QString &dsn, QString *error);
    QSqlDatabase database() const { return m_db ? m_db->database() : QSqlDatabase(); }
    QString dialect() const { return m_dialect; }
    /**
     * PostgreSQL: open() sets synchronous_commit off in the session (the database is thrown
     * away); @p durable true sets it on again, false off. Other engines: nothing to do.
     */
    bool setDurable(bool durable, QString *error);
    /** One line per stale scratch database open() dropped, naming it and the process that left it. */
    QStringList removedStale() const { return m_removedStale; }
    /** The prefix of the scratch databases this machine makes (tideline_verify_<host>_). */
    static QString namePrefix();

private:
    friend class ScratchServer;
    /** From the signal watcher: drop the database through a connection of that thread. */
    void dropNow();

    QString m_adminDsn;
    QString m_name;
    QString m_dialect;
    qint64 m_connectionId = 0; // MariaDB: the session to end before the database can go
    QStringList m_removedStale;
    std::unique_ptr<Connection> m_db;
};

} // namespace Tideline
