// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "declaredscripts.h"

#include <engine/engine.h>

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <cstdint>

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

/** The index of @p placed in @p engine's steps, or -1 when it is not one of them (compared as
 *  addresses: subtracting pointers into different arrays is undefined). */
qsizetype stepIndex(const Engine &engine, const PlacedStep &placed)
{
    const auto at = reinterpret_cast<std::uintptr_t>(&placed);
    const auto first = reinterpret_cast<std::uintptr_t>(engine.steps().constData());
    const auto end = first + std::uintptr_t(engine.steps().size()) * sizeof(PlacedStep);
    if (at < first || at >= end || (at - first) % sizeof(PlacedStep) != 0)
        return -1;
    return qsizetype((at - first) / sizeof(PlacedStep));
}

/** Only the dialects Dialect::forName() gives are kept, by name: another object of the same
 *  name (a test's wrapper forcing a route, say) may declare differently, and is asked anew. */
bool keepsFor(const Dialect &dialect)
{
    return Dialect::forName(dialect.name()) == &dialect;
}

} // namespace

OpScript DeclaredScripts::of(const Engine &engine, const Dialect &dialect, const PlacedStep &placed, int opIndex,
                             const Schema &before)
{
    const Policy &policy = engine.plan().policy;
    const SchemaOp &op = placed.step.ops.at(opIndex);
    const qsizetype step = stepIndex(engine, placed);
    if (step < 0 || !keepsFor(dialect)) // not a step of this run, or not a dialect kept by name
        return dialect.script(op, before, policy);
    if (std::optional<OpScript> found = kept(engine, dialect, placed, opIndex))
        return *found;
    // Every caller gets the declarations without the SQL text, the first one too, so that
    // what a reader sees never depends on who asked first (the text is most of the memory).
    OpScript script = dialect.script(op, before, policy);
    for (ScriptUnit &unit : script.units)
        unit.sql.clear();
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
    const qsizetype step = stepIndex(engine, placed);
    if (step < 0 || !keepsFor(dialect))
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
