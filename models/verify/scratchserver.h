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

private:
    bool startPostgres(QString *error);
    bool startMariaDb(QString *error);
    void stop();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dialect;
    QString m_dsn;
    QString m_pgBin;
    std::unique_ptr<QProcess> m_mariadbd;
};

/**
 * A database of its own on a server given by DSN: verify creates it (CREATE DATABASE with a
 * unique name), works only in it and drops it in the destructor. A `sqlite:` DSN gives an
 * in-memory database; the file the DSN names is never opened.
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

private:
    QString m_adminDsn;
    QString m_name;
    QString m_dialect;
    std::unique_ptr<Connection> m_db;
};

} // namespace Tideline
