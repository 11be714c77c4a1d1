// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QSet>
#include <QString>

namespace Tideline {

/**
 * Applies one SchemaOp to a schema state. Returns false, leaving the schema untouched, when
 * the op does not fit the state (a column already exists, a table is missing); @p error names
 * the object. Backfills and triggers add "table.column" to @p filled.
 */
bool applySchemaOp(const SchemaOp &op, Schema *schema, QSet<QString> *filled, QString *error);

} // namespace Tideline
