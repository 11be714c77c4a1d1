// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QSet>
#include <QString>
#include <QStringList>

namespace Tideline {

/**
 * Applies one SchemaOp to a schema state. Returns false, leaving the schema untouched, when
 * the op does not fit the state (a column already exists, a table is missing); @p error names
 * the object. Backfills and triggers add "table.column" to @p filled.
 */
bool applySchemaOp(const SchemaOp &op, Schema *schema, QSet<QString> *filled, QString *error);

/**
 * The tables @p op names, in this order and without repeats: its table, the table it moves
 * rows to, the table it creates, and a renamed table's new name (the table is read under it
 * too). Views are not among them. The engine's matrix re-checks these tables after a step,
 * and verify compares them before and after a script.
 */
QStringList tablesNamed(const SchemaOp &op);

} // namespace Tideline
