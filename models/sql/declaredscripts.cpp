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
    const QList<PlacedStep> &steps = engine.steps();
    const qsizetype step = &placed - steps.constData();
    const SchemaOp &op = placed.step.ops.at(opIndex);
    if (step < 0 || step >= steps.size())
        return dialect.script(op, before, policy); // not a step of this run: nothing to key it by

    const auto declarations = engine.cache().slot<Declarations>([] { return new Declarations; });
    const quint64 key = keyOf(step, opIndex);
    {
        QMutexLocker locker(&declarations->mutex);
        Declarations::PerDialect &kept = declarations->dialects[dialect.name()];
        const auto found = kept.scripts.constFind(key);
        if (found != kept.scripts.constEnd()) {
            ++kept.counts.reused;
            return *found;
        }
    }
    OpScript script = dialect.script(op, before, policy);
    for (ScriptUnit &unit : script.units)
        unit.sql.clear(); // kept for readers of the declarations only: the text is most of the memory
    QMutexLocker locker(&declarations->mutex);
    Declarations::PerDialect &kept = declarations->dialects[dialect.name()];
    ++kept.counts.asked;
    kept.scripts.insert(key, script);
    return script;
}

DeclaredScripts::Counts DeclaredScripts::counts(const Engine &engine, const Dialect &dialect)
{
    const auto declarations = engine.cache().slot<Declarations>([] { return new Declarations; });
    QMutexLocker locker(&declarations->mutex);
    return declarations->dialects.value(dialect.name()).counts;
}

} // namespace Tideline
