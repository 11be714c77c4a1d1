// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * Reads a live database's own catalog into a Schema: tables, columns (type, nullability,
 * default), primary keys, unique/check/foreign-key constraints and indexes where the engine
 * exposes them. SQLite through pragma table functions, PostgreSQL through pg_catalog and
 * information_schema, MySQL/MariaDB through information_schema (the current database).
 * Tideline's own `tideline_applied` table is left out.
 */
class LiveCatalog
{
public:
    /**
     * @p notes, when given, gets one line for each thing the database has that a Schema cannot
     * hold, so that a baseline built from the import would not have it either: foreign-key
     * actions (ON DELETE CASCADE), partial indexes' WHERE clauses, sequences behind serial
     * defaults (they become identity columns).
     */
    static bool read(QSqlDatabase database, const QString &dialect, Schema *schema, QString *error,
                     QStringList *notes = nullptr);
    /**
     * Only @p tables (the ones that exist) and every view, as read() would give them, without
     * notes, sequences, enum types and procedures: what verify compares before and after a
     * script's second run. PostgreSQL reads just those tables; the other engines read all and
     * keep them.
     */
    static bool readTables(QSqlDatabase database, const QString &dialect, const QStringList &tables, Schema *schema,
                           QString *error);
};

} // namespace Tideline
