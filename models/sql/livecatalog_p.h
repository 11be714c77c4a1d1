// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One reader per engine behind LiveCatalog::read (each in its own file).

#include <domain/schema.h>

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Tideline::LiveCatalogPrivate {

// @p notes: what the database has that a Schema cannot hold (LiveCatalog::read()); never null.
bool readSqlite(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes);
// @p only: just these tables (and every view), without notes, sequences, enums and procedures.
bool readPostgres(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes, const QStringList *only = nullptr);
bool readMySql(QSqlDatabase db, Schema *schema, QString *error, QStringList *notes);

// The notes every reader writes, in one wording.
QString partialIndexNote(const QString &table, const QString &index, const QString &predicate = {});
QStringList foreignKeyActionNotes(const QString &table, const Constraint &key, const QString &onUpdate,
                                  const QString &onDelete);

} // namespace Tideline::LiveCatalogPrivate
