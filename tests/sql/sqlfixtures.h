// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixture plans and small schemas shared by the dialect tests.

#include <engine/engine.h>
#include <io/planfile.h>
#include <sql/bundle.h>
#include <sql/dialect.h>

#include <memory>

namespace Tideline::SqlFixtures {

struct LoadedPlan
{
    Plan plan;
    std::unique_ptr<Engine> engine;
};

inline bool loadPlan(const QString &name, LoadedPlan *loaded, QString *error)
{
    QList<PlanError> errors;
    const QString path = QStringLiteral(TIDELINE_TEST_DATA "/%1.tideline.json").arg(name);
    if (!PlanFile::load(path, &loaded->plan, &errors)) {
        *error = errors.isEmpty() ? QStringLiteral("cannot load %1").arg(path) : errors.first().message;
        return false;
    }
    loaded->engine = std::make_unique<Engine>(loaded->plan);
    if (!loaded->engine->run(&errors)) {
        *error = errors.isEmpty() ? QStringLiteral("engine failed") : errors.first().message;
        return false;
    }
    return true;
}

/** Every bundle of a plan: the baseline, then each release in order. */
inline QList<Bundle> bundlesOf(const Engine &engine, const Dialect &dialect, QString *error)
{
    QList<Bundle> bundles;
    QStringList ids{QStringLiteral("baseline")};
    for (int k = 1; k <= engine.releaseCount(); ++k)
        ids << engine.releaseId(k);
    for (const QString &id : ids) {
        Bundle b;
        if (!Bundle::build(engine, id, dialect, &b, error))
            return {};
        bundles << b;
    }
    return bundles;
}

/** A customer table with a column, its change_type shadow, and an index on the column. */
inline Schema customers()
{
    Table t;
    t.name = "customer";
    Column id;
    id.name = "id";
    id.type = "integer";
    id.nullable = false;
    id.identity = true;
    Column name;
    name.name = "name";
    name.type = "varchar(100)";
    name.nullable = false;
    Column total;
    total.name = "total";
    total.type = "numeric(10,2)";
    Column shadow;
    shadow.name = "total_new";
    shadow.type = "numeric(12,2)";
    t.columns = {id, name, total, shadow};
    t.primaryKey = {"id"};
    Index i;
    i.name = "customer_total_idx";
    i.columns = {"total"};
    t.indexes = {i};
    Schema s;
    s.tables.insert(t.name, t);
    return s;
}

inline QString sqlOf(const OpScript &script)
{
    QStringList parts;
    for (const ScriptUnit &u : script.units)
        parts << u.sql;
    return parts.join("\n");
}

} // namespace Tideline::SqlFixtures
