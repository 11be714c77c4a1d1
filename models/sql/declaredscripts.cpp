// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "declaredscripts.h"

#include <engine/engine.h>

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

namespace Tideline {

namespace {

/** The declarations of one engine run, per dialect name, by step index and op index. */
struct Declarations
{
    struct PerDialect
    {
        QHash<quint64, OpScript> scripts;
        DeclaredScripts::Counts counts;
    };
    QMutex mutex;
    QHash<QString, PerDialect> dialects;
};

quint64 keyOf(qsizetype step, int op)
{
    return (quint64(step) << 32) | quint32(op);
}

} // namespace

OpScript DeclaredScripts::of(const Engine &engine, const Dialect &dialect, const PlacedStep &placed, int opIndex,
                             const Schema &before)
{
    const Policy &policy = engine.plan().policy;
    const SchemaOp &op = placed.step.ops.at(opIndex);
    const qsizetype step = &placed - engine.steps().constData();
    if (step < 0 || step >= engine.steps().size())
        return dialect.script(op, before, policy); // not a step of this run: nothing to key it by
    if (std::optional<OpScript> found = kept(engine, dialect, placed, opIndex))
        return *found;
    OpScript script = dialect.script(op, before, policy);
    for (ScriptUnit &unit : script.units)
        unit.sql.clear(); // kept for readers of the declarations only: the text is most of the memory
    const auto declarations = engine.cache().slot<Declarations>([] { return new Declarations; });
    QMutexLocker locker(&declarations->mutex);
    Declarations::PerDialect &per = declarations->dialects[dialect.name()];
    ++per.counts.asked;
    per.scripts.insert(keyOf(step, opIndex), script);
    return script;
}

std::optional<OpScript> DeclaredScripts::kept(const Engine &engine, const Dialect &dialect, const PlacedStep &placed,
                                              int opIndex)
{
    const qsizetype step = &placed - engine.steps().constData();
    if (step < 0 || step >= engine.steps().size())
        return std::nullopt;
    const auto declarations = engine.cache().slot<Declarations>([] { return new Declarations; });
    QMutexLocker locker(&declarations->mutex);
    Declarations::PerDialect &per = declarations->dialects[dialect.name()];
    const auto found = per.scripts.constFind(keyOf(step, opIndex));
    if (found == per.scripts.constEnd())
        return std::nullopt;
    ++per.counts.reused;
    return *found;
}

DeclaredScripts::Counts DeclaredScripts::counts(const Engine &engine, const Dialect &dialect)
{
    const auto declarations = engine.cache().slot<Declarations>([] { return new Declarations; });
    QMutexLocker locker(&declarations->mutex);
    return declarations->dialects.value(dialect.name()).counts;
}

} // namespace Tideline
