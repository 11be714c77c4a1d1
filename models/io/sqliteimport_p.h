// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The SQLite importer behind DdlImporter::importSqlite, for the live catalog reader.

#include <domain/schema.h>

#include <QString>
#include <QStringList>

namespace Tideline::SqliteImport {

/**
 * Reads the CREATE statements a live database stores (sqlite_schema.sql, tables first) the way
 * DdlImporter::importSqlite reads a file, so that both give the same Schema. A statement SQLite
 * cannot run outside the application (an index over a collation the application registers) is
 * left out with a note instead of failing the whole read.
 */
bool readCatalog(const QString &sql, Schema *schema, QString *error, QStringList *notes);

} // namespace Tideline::SqliteImport
