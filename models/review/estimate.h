// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QList>
#include <QString>

namespace Tideline {

/** What an operation costs the database, the basis of its estimate. */
enum class CostKind {
    MetadataOnly, // catalog change only: constant time
    Scan,         // reads every row once (VALIDATE CONSTRAINT, SET NOT NULL's check)
    IndexBuild,   // reads and sorts every row (CREATE INDEX, UNIQUE)
    Rewrite,      // copies the whole table (MySQL ALGORITHM=COPY, PostgreSQL volatile default)
    Backfill,     // updates every row, batch by batch
};

/** One engine's default costs; the figures and their sources are in docs/review.md. */
struct EngineCosts
{
    QString dialect;
    double ddlSeconds = 0.1;
    double backfillRowsPerSecond = 0;
    double scanRowsPerSecond = 0;
    double indexRowsPerSecond = 0;
    double rewriteRowsPerSecond = 0;
};

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
