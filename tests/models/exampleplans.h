// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plans built from a catalog kind's own example (KindSpec::example), for the tests that run
// every kind: whatever kinds the catalog holds, each gets the same treatment without a line of
// test code of its own.

#include <catalog/catalog.h>
#include <domain/plan.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <algorithm>

namespace Tideline::ExamplePlans {

inline const QString TableName = QStringLiteral("t");
inline const QString Prefix = QStringLiteral("g0_");

/**
 * A plan on @p dialect with @p releases planned releases r1 … (more when the kind's steps
 * span more) and one refactoring of @p kind,
 * with the parameters of its example @p variant, starting in r1. The baseline is the example's
 * table plus whatever the example adds to the schema.
 */
inline Plan planFor(const KindSpec &kind, const QString &dialect, int variant = 0, bool rollbackSafe = true,
                    int releases = 4)
{
    // A kind whose steps span more releases gets as many: every step lands inside the plan.
    for (const StepSpec &s : kind.steps)
        releases = std::max(releases, s.offset + 1);
    Plan plan;
    plan.name = QStringLiteral("Example of %1").arg(kind.name);
    plan.dialect = dialect;
    plan.policy.rollbackSafe = rollbackSafe;
    for (int k = 1; k <= releases; ++k) {
        Release r;
        r.id = QStringLiteral("r%1").arg(k);
        r.label = QStringLiteral("2030.%1").arg(k);
        plan.releases.append(r);
    }
    plan.baseline.schema.tables.insert(TableName, exampleTable(TableName, Prefix));
    Refactoring r;
    r.id = QString(kind.name).replace(QLatin1Char('_'), QLatin1Char('-'));
    r.kind = kind.name;
    r.start = QStringLiteral("r1");
    if (kind.example)
        r.params = kind.example(&plan.baseline.schema, TableName, Prefix, variant, dialect);
    plan.refactorings.append(r);
    for (const Table &t : std::as_const(plan.baseline.schema.tables))
        plan.baseline.rows.insert(t.name, 1000);
    return plan;
}

/**
 * The variants of @p kind's example on @p dialect that differ in their parameters, among the
 * first @p tried (an example picks its variant modulo its own count).
 */
inline QList<int> variants(const KindSpec &kind, const QString &dialect, int tried = 3)
{
    QList<int> result;
    QList<QJsonObject> seen;
    for (int v = 0; v < tried; ++v) {
        const QJsonObject params = planFor(kind, dialect, v).refactorings.constFirst().params;
        if (!seen.contains(params)) {
            seen.append(params);
            result.append(v);
        }
    }
    return result;
}

} // namespace Tideline::ExamplePlans
