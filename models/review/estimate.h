// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>
#include <sql/dialect.h>

#include <QList>
#include <QString>

namespace Tideline {

/**
 * Static duration estimates of schema operations: rows (from the plan's baseline) times the
 * engine's cost of the kind of work the operation does. Bundle manifests, runbooks, verify's
 * extrapolation and the readiness review all use this one table, so they show the same numbers.
 */
class Estimate
{
public:
    static EngineCosts costs(const QString &dialect);
    static QList<EngineCosts> allCosts();
    /** @p offline: the dialect runs the op with a table copy (no online route). */
    static CostKind kind(const SchemaOp &op, const QString &dialect, bool offline);
    static QString kindName(CostKind kind);
    static double seconds(CostKind kind, qint64 rows, const QString &dialect);
    static double seconds(const SchemaOp &op, qint64 rows, const QString &dialect, bool offline);
    /** True when a column default makes ADD COLUMN rewrite (or be refused) on this engine. */
    static bool isVolatileDefault(const QString &defaultSql, const QString &dialect);
};

} // namespace Tideline
