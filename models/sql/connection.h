// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Tideline {

/**
 * A database named by a DSN: `sqlite:PATH`, `postgresql://user[:password]@host:port/db`,
 * `mysql://user[:password]@host:port/db`. Opens a Qt SQL connection of its own (QSQLITE, QPSQL,
 * QMYSQL) under a unique name and removes it again when destroyed.
 *
 * Without a password in the DSN the engine's own places count: PGPASSWORD and ~/.pgpass (read
 * by libpq), MYSQL_PWD (read by the client library) and the [client] password of ~/.my.cnf
 * (read here: QMYSQL cannot ask for option files). No error message quotes the password:
 * every one goes through redact().
 */
class Connection
{
public:
    Connection() = default;
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /** Whether a sqlite: DSN naming a missing file may create it. */
    enum class SqliteFile { MayCreate, MustExist };

    /**
     * Returns false with a message naming the DSN's problem or the driver's error. Readers
     * (drift, import-schema) pass MustExist: a typo must not read an empty new database.
     */
    bool open(const QString &dsn, QString *error, SqliteFile sqliteFile = SqliteFile::MayCreate);
    QSqlDatabase database() const;

    /**
     * The one redaction for every place a DSN or a connection error can be shown (apply, drift,
     * import-schema, verify, a plan named by a DSN): @p text with every password of @p dsn
     * replaced by ***: the user:PASSWORD@ of a URL (also of a DSN whose scheme was forgotten,
     * user:pw@host/db), a password=, pwd= or sslpassword= option in its query or in key=value
     * form, each in the form written, percent-decoded and percent-encoded. Any URL password
     * or password= option of another DSN in @p text is masked too.
     */
    static QString redact(const QString &text, const QString &dsn = {});
    /** @p dsn fit to print: redact(dsn, dsn). */
    static QString redacted(const QString &dsn) { return redact(dsn, dsn); }
    /** "postgresql", "sqlite" or "mysql": the dialect whose scripts this database runs. */
    QString dialect() const { return m_dialect; }

private:
    bool openDsn(const QString &dsn, QString *error, SqliteFile sqliteFile);

    QString m_name;
    QString m_dialect;
};

} // namespace Tideline
