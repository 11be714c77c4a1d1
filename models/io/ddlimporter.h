// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * Turns DDL text into a Schema. PostgreSQL DDL is parsed by the real PostgreSQL parser
 * (libpg_query); SQLite DDL is run in an in-memory SQLite database and read back from its
 * catalog. A statement that cannot be mapped is an error that quotes it. What a Schema has no
 * place for (data, privileges, extensions, functions' bodies, …) is skipped and named in
 * @p notes, one line each, never dropped silently (PostgreSQL).
 */
class DdlImporter
{
public:
    /** The largest DDL read (64 MiB: a schema dump of thousands of tables is a few MiB); a
     *  larger one is refused with a message that says so, before anything is parsed. */
    static constexpr qint64 MaxInputBytes = 64 * 1024 * 1024;
    /** The message for a DDL of @p bytes, over MaxInputBytes. */
    static QString tooLargeMessage(qint64 bytes);

    /** Dialect names as in Dialect::names(). Returns false and sets *error on failure. */
    static bool import(const QString &dialect, const QString &sql, Schema *schema, QString *error,
                       QStringList *notes = nullptr);
    static bool importPostgres(const QString &sql, Schema *schema, QString *error,
                               QStringList *notes = nullptr);
    /** @p notes, when given, gets a line for each statement skipped (data, settings) and each
     *  thing the schema has that a Schema cannot hold (virtual tables, ...). */
    static bool importSqlite(const QString &sql, Schema *schema, QString *error, QStringList *notes = nullptr);
    /** MySQL/MariaDB DDL (mysqldump output included), parsed by a tokenizer and parser of our
     *  own (mysqlddlimporter.cpp). @p notes gets what the file has that a Schema cannot hold,
     *  and the data statements skipped. */
    static bool importMySql(const QString &sql, Schema *schema, QString *error, QStringList *notes = nullptr);
};

} // namespace Tideline
