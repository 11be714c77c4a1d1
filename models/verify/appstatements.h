// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <domain/schema.h>
#include <engine/usage.h>

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Tideline {

class Dialect;

/** One statement an application version would send. */
struct AppStatement
{
    QString table;
    QString action; // "select", "insert" or "update"
    QString sql;
};

/**
 * The statements an application version sends, generated from its usage for one schema state
 * (verify, DESIGN.md §3): per table or view a SELECT of the columns it reads, an INSERT of the
 * columns it inserts and an UPDATE of one existing row's columns it updates. They test what the
 * static rule checks and nothing more:
 *
 * - written values have the type the application knows, at its widest (the longest string, the
 *   largest number), so a column narrowed under the application rejects them;
 * - a column the application does not declare to honour NOT NULL on, and that the state has
 *   NOT NULL, gets NULL; a foreign key it does not honour gets a key no parent row has; a
 *   unique key it does not honour gets a value a row already holds; honoured ones get valid
 *   values (a parent's key, a fresh unique value);
 * - primary-key columns an UPDATE sets keep their value (`c = c`), so children stay valid.
 *
 * Existing rows (the row to update, parent keys, values to duplicate) are read from @p db.
 * Identifiers are quoted by the dialect.
 */
class AppStatements
{
public:
    static QList<AppStatement> generate(const AppUsage &usage, const Schema &state, const Dialect &dialect,
                                        QSqlDatabase db);
};

} // namespace Tideline
