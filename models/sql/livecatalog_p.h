// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One reader per engine behind LiveCatalog::read (each in its own file).

#include <domain/schema.h>

#include <QSqlDatabase>
#include <QString>

namespace Tideline::LiveCatalogPrivate {

bool readSqlite(QSqlDatabase db, Schema *schema, QString *error);
bool readPostgres(QSqlDatabase db, Schema *schema, QString *error);
bool readMySql(QSqlDatabase db, Schema *schema, QString *error);

} // namespace Tideline::LiveCatalogPrivate
