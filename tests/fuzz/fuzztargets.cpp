// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzztargets.h"

#include <domain/plan.h>
#include <io/ddlimporter.h>
#include <io/planjson.h>
#include <review/review.h>
#include <storage/planstore.h>

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace Tideline::Fuzz {

namespace {

QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The readers of files (the .tideline loader, the verify file) read a real file: the input is
// written to one in a folder of this process, removed when the process ends.
QString inputFile(const char *name, const uint8_t *data, size_t size)
{
    static QTemporaryDir folder;
    const QString path = folder.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!folder.isValid() || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size) || !file.flush())
        qFatal("fuzz: cannot write the input file %s", qPrintable(path));
    return path;
}

using Importer = bool (*)(const QString &, Schema *, QString *, QStringList *);

int importDdl(Importer import, const uint8_t *data, size_t size)
{
    Schema schema;
    QString error;
    QStringList notes;
    import(QString::fromUtf8(bytes(data, size)), &schema, &error, &notes);
    return 0;
}

} // namespace

int planJson(const uint8_t *data, size_t size)
{
    Plan plan;
    QList<PlanError> errors;
    PlanJson::read(bytes(data, size), &plan, &errors, QStringLiteral("fuzz.tideline.json"));
    return 0;
}

int planStore(const uint8_t *data, size_t size)
{
    const QString path = inputFile("fuzz.tideline", data, size);
    {
        PlanStore store;
        Plan plan;
        if (store.open(path))
            store.load(&plan);
    }
    // Reading never writes; whatever SQLite might have left beside it goes before the next input.
    QFile::remove(path + QStringLiteral("-journal"));
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    return 0;
}

int ddlPostgres(const uint8_t *data, size_t size)
{
    return importDdl(&DdlImporter::importPostgres, data, size);
}

int ddlSqlite(const uint8_t *data, size_t size)
{
    return importDdl(&DdlImporter::importSqlite, data, size);
}

int ddlMySql(const uint8_t *data, size_t size)
{
    return importDdl(&DdlImporter::importMySql, data, size);
}

int verifyJson(const uint8_t *data, size_t size)
{
    VerifyReport report;
    QString error;
    VerifyReport::load(inputFile("fuzz-verify.json", data, size), &report, &error);
    return 0;
}

const Harness harnesses[6] = {
    {"planjson", planJson},       {"planstore", planStore}, {"ddl_postgresql", ddlPostgres},
    {"ddl_sqlite", ddlSqlite},    {"ddl_mysql", ddlMySql},  {"verifyjson", verifyJson},
};

} // namespace Tideline::Fuzz
