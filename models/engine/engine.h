// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compatibility.h"
#include "enginecache.h"
#include "usage.h"

#include <catalog/step.h>
#include <domain/plan.h>

#include <QHash>
#include <QList>
#include <QMap>
#include <QPair>
#include <QSet>
#include <QString>

namespace Tideline {

/** A refactoring's step with its place in the plan. */
struct PlacedStep
{
    int refactoring = -1; // index into Plan::refactorings
    Step step;
    int release = 0;    // 1..releaseCount(); greater means beyond the plan's last release
    bool moved = false; // placed by the plan's "moves", not by the catalog default
    Schema before;      // the schema just before the step's first op (set for DB steps in the plan)
};

/** S_0, P_k or S_k. */
struct SchemaState
{
    int release = 0;           // 0 for the baseline
    Phase phase = Phase::Post; // Pre for P_k, Post for S_k and S_0
    QString name;              // "P_2 (r2 pre)"
    Schema schema;
    QSet<QString> filled; // "table.column" filled by backfills or triggers so far
};

struct AppVersion
{
    int release = 0;
    QString name; // "A_2 (r2)"
    AppUsage usage;
};

/** One cell of the compatibility matrix. */
struct Cell
{
    int app = 0;   // index into Engine::apps()
    int state = 0; // index into Engine::states()
    bool required = false;
    QList<Failure> failures; // failures and warnings
    bool ok() const;         // no failure (warnings allowed)
};

struct PendingContract
{
    QString refactoring;
    QString kind;
    QString expandRelease;
    QString contractRelease; // empty when the contract lies beyond the plan
    int age = 0;             // deployed releases since the expand shipped
    QString status;          // "scheduled" or "unscheduled"
};

/**
 * Computes everything the plan implies: the steps of every refactoring and where they run,
 * the schema states S_0, P_1, S_1, …, the application versions A_0 … A_m, the compatibility
 * matrix (DESIGN.md §3) and the pending contracts. Cancelled releases take no part.
 *
 * The matrix holds, for each release k, the four cells where an app version can meet a state:
 * A_{k-1} and A_k on P_k, A_k and A_{k-1} on S_k; A_{k-1} on S_k is required only when the
 * plan is rollback-safe. check() answers any other pairing on demand.
 */
class Engine
{
public:
    explicit Engine(const Plan &plan);

    /** Returns false when the plan cannot be evaluated; errors name the field. */
    bool run(QList<PlanError> *errors);
    /**
     * Like run(), with the same results (states, apps, steps, cells, pending, errors), reusing
     * what @p previous (an engine that ran successfully on the plan before an edit) computed
     * and this plan's edit leaves as it was. It compares the two plans itself:
     *  - other releases, baseline, policy or dialect, another number or order of refactorings
     *    (one added or deleted), a previous run that failed, or an edited plan that fails: run();
     *  - refactorings that differ (and those that come "after" them, transitively) and usage
     *    edits that differ give the first changed release k0 (firstChangedRelease()): the
     *    earliest where any of them starts or has a step or usage edit, before or after.
     * Releases before k0 are taken over; from k0 on the states and apps are rebuilt by
     * applying the steps again, and refactorings are decomposed again only when changed or
     * when the state they decompose against differs from the previous one in what their
     * decomposer reads (their own tables, those related by foreign keys, every name when
     * tables, indexes or constraints came or went, any view, procedure, sequence or enum);
     * the others keep their placed steps. Cells from k0 on continue the matrix's rolling
     * per-object results from those of release k0 - 1.
     * The rebuilding stops where the two runs meet: after release k, once no refactoring
     * the edit changed starts later and no usage edit after k differs, S_k and A_k are the
     * previous run's, and every step placed after k is the previous run's step (the same
     * refactoring, place and shared ops), the later states, apps and steps are taken over
     * (Work::reusedFrom); the cells are taken over from where their rolling results meet
     * the previous run's too (Work::cellsReusedFrom).
     */
    bool runFrom(const Engine &previous, QList<PlanError> *errors);
    /** The first release the last run computed anew: 1 after run(), releaseCount() + 1 when
     *  runFrom() found nothing changed. Results of earlier releases equal the previous run's. */
    int firstChangedRelease() const { return m_firstChanged; }
    /** What the last run did, for tests and benchmarks of the incremental path. */
    struct Work
    {
        int decomposed = 0;     // refactorings decomposed (placeSteps)
        int checkedObjects = 0; // relations and procedures checked for matrix cells
        int checkedFrom = 0;    // the first release whose cells were computed
        /** The first release whose states, app versions and placed steps runFrom() took over
         *  from the previous run after the edit, where the two met; releaseCount() + 1 when
         *  it built them to the plan's end (and after run()). */
        int reusedFrom = 0;
        /** The first release whose cells were taken over so; releaseCount() + 1 when they
         *  were computed to the plan's end. */
        int cellsReusedFrom = 0;
    };
    const Work &work() const { return m_work; }

    const Plan &plan() const { return m_plan; }
    int releaseCount() const { return m_releases.size(); }
    /** The plan release (index into Plan::releases) of release position k (1-based). */
    const Release &release(int k) const;
    /** Position 1..releaseCount() of a release id, 0 if unknown or cancelled. */
    int releasePosition(const QString &id) const;
    QString releaseId(int k) const; // "baseline" for 0, empty beyond the plan

    const QList<SchemaState> &states() const { return m_states; }
    const QList<AppVersion> &apps() const { return m_apps; }
    const QList<PlacedStep> &steps() const { return m_steps; }
    const QList<Cell> &cells() const { return m_cells; }
    QList<PendingContract> pending() const;

    /** Index of P_k (phase Pre) or S_k (phase Post) in states(). */
    static int stateIndex(int release, Phase phase);
    const SchemaState *state(int release, Phase phase) const;

    /** Checks any app version against any state; the matrix cells use the same function. */
    QList<Failure> check(int app, int state) const;
    /** True when every required cell passes. */
    bool compatible() const;
    /** Lookups that bundles and the review derive from the results (enginecache.h). */
    const EngineCache &cache() const { return m_cache; }

private:
    /** The rolling per-object failures of one cell (only objects with failures). */
    struct CellResults
    {
        QMap<QString, QList<Failure>> relations;
        QMap<QString, QList<Failure>> procedures;
    };
    /** What runReleases() needs to reuse the run before an edit (runFrom). */
    struct Reuse
    {
        const Engine *previous = nullptr;
        QSet<int> redo;      // refactorings decomposed again
        int settled = 0;     // after this release, the two plans start the same refactorings, unchanged,
                             // and have the same usage edits
        QList<int> startOf;  // each refactoring's start position
    };
    void clear();
    /** Refactorings by start release position; false (errors appended) for an unknown start. */
    bool startingReleases(QHash<int, QList<int>> *starting, QList<PlanError> *errors) const;
    /** Places the refactorings starting in releases @p from … and builds P_k, S_k and A_k
     *  from there on; with @p reuse, reuses the placements of those not in its redo set that
     *  the changed states cannot affect, and stops where the run meets the previous one,
     *  taking over the rest (see runFrom). */
    bool runReleases(int from, const QHash<int, QList<int>> &starting, Reuse *reuse, QList<PlanError> *errors);
    /** The steps placed so far (of refactorings starting by release @p k) that lie after @p k,
     *  each release's in order, are @p previous's steps (of its first @p previousEnd, the
     *  refactorings it started by k). */
    bool laterStepsKept(const Engine &previous, int k, qsizetype previousEnd) const;
    /** Takes over @p previous's states, apps and steps after release @p k (laterStepsKept). */
    void takeOver(const Reuse &reuse, int k, qsizetype previousEnd);
    /** After the releases: the honours renames carry, then the cells from release @p from on
     *  (those before are @p previous's). */
    void finish(int from, const Engine *previous);
    bool placeSteps(int refactoringIndex, const Schema &before, QList<PlanError> *errors);
    /** @p before (S_{k-1}) with what the dependencies ("after") of refactoring @p index do in
     *  its start release @p k: the state it decomposes against. */
    bool dependencyState(int index, int k, Schema *schema, QList<PlanError> *errors) const;
    /** Why refactoring @p index cannot decompose against @p schema while another of the plan
     *  would make it possible: the hint to add "after", or an empty string. */
    QString afterHint(int index, int k, const Schema &schema) const;
    /** Checks that every step of @p placed (refactoring @p index) runs no earlier than the DB
     *  steps of its dependencies up to its start release @p k. */
    bool checkDependencies(int index, int k, const QList<PlacedStep> &placed, QList<PlanError> *errors) const;
    /** The release a placed step has without moves. */
    int defaultRelease(const PlacedStep &p) const;
    bool applyDbSteps(int k, bool beforeSwitch, SchemaState *state, QList<PlanError> *errors);
    bool applyUsage(int k, AppUsage *usage, const Schema &schema, QList<PlanError> *errors);
    /** The cells from release @p from on, until they meet @p previous's: from release
     *  @p appsMet on, the app versions are the previous run's. */
    void computeCells(int from, const Engine *previous, int appsMet);
    QList<const AppUsage *> runningWith(int app, int state) const;

    Plan m_plan;
    QList<int> m_releases; // plan indexes of the non-cancelled releases, in order
    QHash<QString, int> m_positions; // release id -> position 1..releaseCount()
    QList<SchemaState> m_states;
    QList<AppVersion> m_apps;
    QList<PlacedStep> m_steps;
    QHash<int, QList<int>> m_stepsByRelease; // release position -> indexes into m_steps
    QList<Cell> m_cells;
    QList<CellResults> m_cellResults; // parallel to m_cells
    QList<AppUsage> m_rawUsage;       // A_k before carryHonoursAcrossRenames
    QHash<int, QPair<int, int>> m_stepRange; // refactoring -> [first, end) of its steps in m_steps
    bool m_ran = false;               // the last run succeeded
    int m_firstChanged = 1;
    Work m_work;
    EngineCache m_cache; // emptied by run()
};

/**
 * Checks the meaning of a plan across fields: unique ids, known kinds, releases, steps and
 * tables. Both file formats are validated by it after their own shape checks.
 */
class PlanValidator
{
public:
    static bool validate(const Plan &plan, const QString &fileName, QList<PlanError> *errors);
    /** The "after" lists alone: known ids, not itself, not twice, a dependency that does not
     *  start later, no cycle. Engine::run checks them too. */
    static bool validateAfter(const Plan &plan, const QString &fileName, QList<PlanError> *errors);
};

} // namespace Tideline
