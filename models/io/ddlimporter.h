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
 * catalog. A statement that cannot be mapped is an error that quotes it; nothing is skipped.
 */
class DdlImporter
{
public:
    /** Dialect names as in Plan::dialects(). Returns false and sets *error on failure. */
    static bool import(const QString &dialect, const QString &sql, Schema *schema, QString *error);
    static bool importPostgres(const QString &sql, Schema *schema, QString *error);
    /** @p notes, when given, gets a line for each statement skipped (data, settings) and each
     *  thing the schema has that a Schema cannot hold (virtual tables, ...). */
    static bool importSqlite(const QString &sql, Schema *schema, QString *error, QStringList *notes = nullptr);
};

} // namespace Tideline
