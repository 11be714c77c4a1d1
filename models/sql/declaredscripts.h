// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"

#include <optional>

namespace Tideline {

class Engine;
struct PlacedStep;

/**
 * What a dialect declares for the ops of an engine's placed steps (OpScript's route, index
 * build, batching and offline reason; each unit's guard, transaction and user-SQL flags), kept
 * in the engine's cache for the readers that never read the SQL text.
 *
 * The readiness review asks the dialect for every op twice: once for its lints and once for its
 * outline bundles (the estimates and the runbook), each time against the same schema (the
 * step's `before` with the step's earlier ops applied). Writing the SQL was the larger part of
 * the review (issue 12); the first of the two now asks the dialect, the second reads what it
 * declared.
 *
 * The key is the step's place in Engine::steps() and the op's place in the step, per dialect:
 * an engine's steps do not change once it has run, and Engine::run() empties its cache.
 * Thread-safe (the document's worker and the GUI thread may read one engine at once).
 */
class DeclaredScripts
{
public:
    /**
     * Dialect::script(op, before, policy) of op @p opIndex of @p placed, a step of @p engine's
     * run, against @p before (the schema after the step's earlier ops), with the plan's policy,
     * but every ScriptUnit::sql empty. @p opIndex must be an index of the step's ops. A step
     * that is not one of @p engine's (not an element of Engine::steps()), or a dialect other
     * than the one Dialect::forName() gives for its name (a wrapper of it), is asked of the
     * dialect every time, SQL included.
     */
    static OpScript of(const Engine &engine, const Dialect &dialect, const PlacedStep &placed, int opIndex,
                       const Schema &before);

    /** What of() keeps for op @p opIndex of @p placed, if an earlier call asked for it: then
     *  the schema before the op need not be built. */
    static std::optional<OpScript> kept(const Engine &engine, const Dialect &dialect, const PlacedStep &placed,
                                        int opIndex);

    /** How often of() asked the dialect, and how often of() and kept() read a kept
     *  declaration, for @p dialect on @p engine (for tests and benchmarks). */
    struct Counts
    {
        int asked = 0;
        int reused = 0;
    };
    static Counts counts(const Engine &engine, const Dialect &dialect);
};

} // namespace Tideline
