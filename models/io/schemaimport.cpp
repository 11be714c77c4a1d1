// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemaimport.h"

#include "ddlimporter.h"

#include <domain/plan.h>
#include <sql/connection.h>
#include <sql/livecatalog.h>

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Tideline {

SchemaImport SchemaImport::fromFile(const QString &path, const QString &dialect)
{
    SchemaImport result;
    result.dialect = dialect;
    if (!Plan::dialects().contains(dialect)) {
        result.error = u"unknown dialect '%1' (expected one of: %2)"_s.arg(dialect, Plan::dialects().join(u", "_s));
        return result;
    }
    QFile file(path);
    const QFileInfo info(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        result.error = u"%1: cannot read the file: %2"_s.arg(path,
                                                             info.isDir()     ? u"it is a directory"_s
                                                             : info.exists() ? file.errorString()
                                                                             : u"no such file"_s);
        return result;
    }
    if (info.size() > DdlImporter::MaxInputBytes) { // refused before it is read into memory
        result.error = u"%1: %2"_s.arg(path, DdlImporter::tooLargeMessage(info.size()));
        return result;
    }
    QString error;
    if (!DdlImporter::import(dialect, QString::fromUtf8(file.readAll()), &result.schema, &error, &result.notes)) {
        result.error = u"%1: %2"_s.arg(path, error);
        result.schema = {};
    }
    return result;
}

SchemaImport SchemaImport::fromDatabase(const QString &dsn, const QString &dialect)
{
    SchemaImport result;
    Connection connection;
    QString error;
    if (!connection.open(dsn, &error, Connection::SqliteFile::MustExist)) {
        result.error = error;
        return result;
    }
    result.dialect = connection.dialect();
    if (!dialect.isEmpty() && dialect != connection.dialect()) {
        result.error = u"the database is %1, not %2"_s.arg(connection.dialect(), dialect);
        return result;
    }
    if (!LiveCatalog::read(connection.database(), connection.dialect(), &result.schema, &error, &result.notes)) {
        result.error = u"cannot read the catalog: %1"_s.arg(Connection::redact(error, dsn));
        result.schema = {};
    }
    return result;
}

} // namespace Tideline
