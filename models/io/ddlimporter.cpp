// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ddlimporter.h"

#include <sql/dialect.h>

#include <QHash>

using namespace Qt::StringLiterals;

namespace Tideline {

namespace {

using Importer = bool (*)(const QString &, Schema *, QString *, QStringList *);

/** The DDL reader of each registry dialect that has one (importPostgres lives in
 *  pgddlimporter.cpp, importSqlite in sqliteddlimporter.cpp, importMySql in
 *  mysqlddlimporter.cpp). */
Importer importerOf(const Dialect &dialect)
{
    static const QHash<QString, Importer> readers{{u"postgresql"_s, &DdlImporter::importPostgres},
                                                  {u"sqlite"_s, &DdlImporter::importSqlite},
                                                  {u"mysql"_s, &DdlImporter::importMySql}};
    return readers.value(dialect.name(), nullptr);
}

/** "postgresql, sqlite and mysql": the registry's dialects that have a DDL reader. */
QString supported()
{
    QStringList names;
    for (const Dialect *d : Dialect::all()) {
        if (importerOf(*d))
            names << d->name();
    }
    const QString last = names.takeLast();
    return names.isEmpty() ? last : names.join(u", "_s) + u" and "_s + last;
}

} // namespace

QString DdlImporter::tooLargeMessage(qint64 bytes)
{
    return u"the DDL is %1 MiB; at most %2 MiB is read (import a live database with --dsn, or the schema "
           "without data)"_s.arg(QString::number(double(bytes) / (1024 * 1024), 'f', 1))
        .arg(MaxInputBytes / (1024 * 1024));
}

bool DdlImporter::import(const QString &dialect, const QString &sql, Schema *schema, QString *error,
                         QStringList *notes)
{
    if (notes)
        notes->clear();
    // In UTF-16 units, at most twice the UTF-8 bytes of ASCII text: cheap, and never lets more through.
    if (qint64(sql.size()) > MaxInputBytes) {
        if (error)
            *error = tooLargeMessage(sql.size());
        return false;
    }
    const Dialect *engine = Dialect::forName(dialect);
    if (const Importer importer = engine ? importerOf(*engine) : nullptr)
        return importer(sql, schema, error, notes);
    if (error) {
        if (engine)
            *error = u"DDL import supports %1, not %2; give the baseline tables as JSON "
                     "(\"baseline\": {\"tables\": [...]}) instead"_s.arg(supported(), dialect);
        else
            *error = u"unknown dialect \"%1\"; DDL import supports %2"_s.arg(dialect, supported());
    }
    return false;
}

} // namespace Tideline
