// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Builds large, valid plans in memory for the benchmarks: many tables, releases and
// refactorings of every catalog kind, none of which collide.

#include <catalog/catalog.h>
#include <domain/plan.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Tideline::Benchmarks {

/** The size of a generated plan. */
struct PlanSize
{
    int tables = 300;
    int releases = 200;
    int refactorings = 2000;
    /**
     * Column groups per table: each refactoring of a table owns one group (two baseline
     * columns), so this must be at least ceil(refactorings / tables).
     */
    int groupsPerTable = 7;

    static constexpr int groupsNeeded(int refactorings, int tables)
    {
        return (refactorings + tables - 1) / tables;
    }
    /** Columns of each baseline table: id, three untouched columns and two per group. */
    int columnsPerTable() const { return 4 + 2 * groupsPerTable; }
};

/**
 * A plan of @p size with its refactorings spread evenly over the releases (about
 * refactorings / releases start in each) and round-robin over the tables, cycling through all
 * every catalog kind that @p dialect runs.
 *
 * Table t has `id` (identity primary key), `code` varchar(32) NOT NULL (indexed), `note` text,
 * `amount` numeric(12,2) NOT NULL DEFAULT 0, and per group j the columns `gj_a` varchar(100)
 * NOT NULL and `gj_b` varchar(255). The j-th refactoring of table t touches only group j:
 * it drops, renames, merges, splits, moves, retypes or constrains gj_a / gj_b, or adds gj_new,
 * and every name it creates (gj_renamed, gj_merged, gj_first, gj_last, gj_ref, table tN_gj)
 * is unique in the plan. The catalog's default placement is kept: no moves.
 */
inline Plan generatePlan(const PlanSize &size, const QString &dialect = QStringLiteral("postgresql"))
{
    Plan plan;
    plan.name = QStringLiteral("Generated: %1 tables, %2 releases, %3 refactorings")
                    .arg(size.tables)
                    .arg(size.releases)
                    .arg(size.refactorings);
    plan.dialect = dialect; // kinds refused on it are left out, and examples write its SQL

    for (int k = 1; k <= size.releases; ++k) {
        Release release;
        release.id = QStringLiteral("r%1").arg(k);
        release.label = QStringLiteral("Release %1").arg(k);
        plan.releases.append(release);
    }

    const auto column = [](const QString &name,
                           const QString &type,
                           bool nullable,
                           const QString &defaultValue = {}) {
        Column c;
        c.name = name;
        c.type = type;
        c.nullable = nullable;
        c.defaultValue = defaultValue;
        return c;
    };
    for (int t = 0; t < size.tables; ++t) {
        Table table;
        table.name = QStringLiteral("t%1").arg(t);
        Column id = column(QStringLiteral("id"), QStringLiteral("integer"), false);
        id.identity = true;
        table.columns << id << column(QStringLiteral("code"), QStringLiteral("varchar(32)"), false)
                      << column(QStringLiteral("note"), QStringLiteral("text"), true)
                      << column(QStringLiteral("amount"),
                                QStringLiteral("numeric(12,2)"),
                                false,
                                QStringLiteral("0"));
        for (int j = 0; j < size.groupsPerTable; ++j) {
            table.columns << column(QStringLiteral("g%1_a").arg(j),
                                    QStringLiteral("varchar(100)"),
                                    false)
                          << column(QStringLiteral("g%1_b").arg(j),
                                    QStringLiteral("varchar(255)"),
                                    true);
        }
        table.primaryKey = {QStringLiteral("id")};
        Constraint pk;
        pk.kind = Constraint::Kind::PrimaryKey;
        pk.name = table.name + QStringLiteral("_pkey");
        pk.columns = {QStringLiteral("id")};
        table.constraints.append(pk);
        table.indexes.append(
            {table.name + QStringLiteral("_code_idx"), {QStringLiteral("code")}, false});
        plan.baseline.schema.tables.insert(table.name, table);
        plan.baseline.rows.insert(table.name, 100000);
    }

    QStringList kinds;
    for (const KindSpec &kind : Catalog::kinds()) {
        if (!kind.unsupported.contains(plan.dialect)) // refused on that engine, with its reason
            kinds << kind.name;
    }

    for (int i = 0; i < size.refactorings; ++i) {
        const int t = i % size.tables;
        const int j = i / size.tables; // the group of table t this refactoring owns
        Q_ASSERT(j < size.groupsPerTable);
        const QString kind = kinds.at((j + t) % kinds.size());
        const QString table = QStringLiteral("t%1").arg(t);
        const QString g = QStringLiteral("g%1_").arg(j);

        Refactoring r;
        r.id = QStringLiteral("%1-%2").arg(kind).arg(i);
        r.kind = kind;
        r.start = QStringLiteral("r%1").arg(1 + qint64(i) * size.releases / size.refactorings);
        const KindSpec *spec = Catalog::kind(kind);
        if (!spec->example)
            qFatal("generatePlan: catalog kind %s has no example", qPrintable(kind));
        const QJsonObject p = spec->example(&plan.baseline.schema, table, g, i, plan.dialect);
        r.params = p;
        plan.refactorings.append(r);
    }
    return plan;
}

} // namespace Tideline::Benchmarks
