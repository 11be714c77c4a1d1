// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A fresh, empty database for one test case: a new SQLite file, or a new database on the
// PostgreSQL / MariaDB server a DSN names (the DSN's path replaced by the new name). Dropped
// again when the value goes away, so a failing case leaves nothing behind for the next.

#include <sql/connection.h>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>

namespace Tideline {

/** Runs @p statements on @p db one by one; stops at the first error, naming the statement. */
inline bool runStatements(QSqlDatabase db, const QStringList &statements, QString *error)
{
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            *error = sql.left(300) + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
    }
    return true;
}

class ScratchDatabase
{
public:
    ScratchDatabase() = default;
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;
    ~ScratchDatabase() { drop(); }

    /**
     * @p serverDsn empty: a SQLite file in a temporary folder. Otherwise a database named
     * tideline_<tag>_<pid> on that server (MySQL/MariaDB: in utf8mb4). Returns false with the
     * server's message.
     */
    bool create(const QString &serverDsn, const QString &tag, QString *error)
    {
        drop();
        if (serverDsn.isEmpty()) {
            m_dir = std::make_unique<QTemporaryDir>();
            if (!m_dir->isValid()) {
                *error = m_dir->errorString();
                return false;
            }
            m_dsn = QStringLiteral("sqlite:") + m_dir->filePath(tag + QStringLiteral(".sqlite"));
            return true;
        }
        m_server = serverDsn;
        m_mysql = !serverDsn.startsWith(QLatin1String("postgres"));
        const QString name = QStringLiteral("tideline_%1_%2").arg(tag).arg(QCoreApplication::applicationPid());
        m_quoted = m_mysql ? QLatin1Char('`') + name + QLatin1Char('`') : QLatin1Char('"') + name + QLatin1Char('"');
        if (!admin(QStringLiteral("DROP DATABASE IF EXISTS ") + m_quoted, error)
            || !admin(QStringLiteral("CREATE DATABASE ") + m_quoted
                          + (m_mysql ? QStringLiteral(" CHARACTER SET utf8mb4") : QString()),
                      error)) {
            m_server.clear();
            return false;
        }
        m_dsn = serverDsn;
        m_dsn.replace(QRegularExpression(QStringLiteral("/[^/?]*(\\?.*)?$")), QLatin1Char('/') + name + QStringLiteral("\\1"));
        return true;
    }

    QString dsn() const { return m_dsn; }

private:
    bool admin(const QString &sql, QString *error) const
    {
        Connection db;
        if (!db.open(m_server, error))
            return false;
        QSqlQuery q(db.database());
        if (!m_mysql)
            q.exec(QStringLiteral("SET client_min_messages = warning")); // no "does not exist, skipping"
        if (!q.exec(sql)) {
            *error = sql + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
        return true;
    }

    void drop()
    {
        if (!m_server.isEmpty()) {
            QString ignored;
            // WITH (FORCE): a connection a failed test left open must not keep the database.
            admin(QStringLiteral("DROP DATABASE IF EXISTS ") + m_quoted
                      + (m_mysql ? QString() : QStringLiteral(" WITH (FORCE)")),
                  &ignored);
        }
        m_server.clear();
        m_dir.reset();
        m_dsn.clear();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_server, m_quoted, m_dsn;
    bool m_mysql = false;
};

} // namespace Tideline
