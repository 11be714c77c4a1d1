// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>

#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * A schema read for a plan's baseline, from a DDL file or a live database, with the notes of
 * what the source has that a Schema cannot hold. `tideline-cli import-schema` and the window's
 * File › Import Schema share it. Both functions block (a live database may take its connect
 * timeout): the window calls them in a worker thread. Thread-safe: each call opens its own
 * connection.
 */
struct SchemaImport
{
    Schema schema;
    QString dialect;   // the engine the schema is written for
    QStringList notes; // what was skipped or approximated, one sentence each
    QString error;     // why nothing was imported; empty on success

    /** Reads the DDL file @p path in @p dialect (postgresql, sqlite, mysql). */
    static SchemaImport fromFile(const QString &path, const QString &dialect);
    /**
     * Reads the catalog of the database @p dsn names (sqlite:PATH must exist). The error never
     * quotes the password. With @p dialect set, a database of another engine is an error.
     */
    static SchemaImport fromDatabase(const QString &dsn, const QString &dialect = {});

    bool ok() const { return error.isEmpty(); }
};

} // namespace Tideline
