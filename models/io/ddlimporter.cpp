// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"

using namespace Qt::StringLiterals;

namespace Tideline {

// importPostgres lives in pgddlimporter.cpp, importSqlite in sqliteddlimporter.cpp and
// importMySql in mysqlddlimporter.cpp.
bool DdlImporter::import(const QString &dialect, const QString &sql, Schema *schema, QString *error,
                         QStringList *notes)
{
    if (notes)
        notes->clear();
    if (dialect == u"postgresql")
        return importPostgres(sql, schema, error, notes);
    if (dialect == u"sqlite")
        return importSqlite(sql, schema, error, notes);
    if (dialect == u"mysql")
        return importMySql(sql, schema, error, notes);
    if (error) {
        if (dialect == u"sqlserver")
            *error = u"DDL import supports postgresql, sqlite and mysql, not %1; give the baseline tables "
                     "as JSON (\"baseline\": {\"tables\": [...]}) instead"_s.arg(dialect);
        else
            *error = u"unknown dialect \"%1\"; DDL import supports postgresql, sqlite and mysql"_s.arg(
                dialect);
    }
    return false;
}

} // namespace Tideline
