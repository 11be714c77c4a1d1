// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../benchmarks/plangenerator.h"
#include "exampleplans.h"
#include "testplans.h"

#include <catalog/catalog.h>
#include <engine/engine.h>
#include <engine/resultindex.h>

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Tideline;
using namespace Tideline::TestPlans;

Q_DECLARE_METATYPE(Tideline::Plan)

/**
 * Engine::runFrom, the re-check after an edit: after every one of a few hundred random edits
 * (moves, starts, parameters, usage edits, deployments, a plan that fails and its repair) its
 * results are compared with a whole run() of the same plan, and it must have done less.
 */
class TestIncremental : public QObject
{
    Q_OBJECT

private slots:
    void randomEditsMatchAFullRun_data();
    void randomEditsMatchAFullRun();
    void nothingChangedReusesEverything();
    void anEditInTheLastReleaseChecksOnlyIt();
    void aMoveInTheMiddleDecomposesFew();
    void fallsBackWhenReleasesChange();
    void aChangedColumnReachesLaterRefactoringsOfIt();
    void aNameThatCameOrWentReachesFreshNames();
    void editsSpreadThroughThePlan_data();
    void editsSpreadThroughThePlan();
    void aMoveInTheMiddleRebuildsFewReleases();
    void anEditWhoseEffectRunsOnIsNotCutShort();
    void cellsGoOnUntilTheirResultsMeet();
    void aDragInTheFirstReleaseKeepsItsCells();
};

namespace {

QString where(int i)
{
    return QString::number(i);
}

bool sameOp(const SchemaOp &a, const SchemaOp &b)
{
    return a.type == b.type && a.table == b.table && a.column == b.column && a.columnName == b.columnName
           && a.newName == b.newName && a.sourceColumn == b.sourceColumn && a.sources == b.sources
           && a.expression == b.expression && a.value == b.value && a.constraint == b.constraint
           && a.index == b.index && a.newTable == b.newTable && a.toTable == b.toTable && a.mapping == b.mapping
           && a.key == b.key && a.options.engine == b.options.engine && a.options.charset == b.options.charset
           && a.options.collation == b.options.collation && a.options.convert == b.options.convert
           && a.enumType == b.enumType && a.beforeValue == b.beforeValue && a.afterValue == b.afterValue
           && a.procedure == b.procedure && a.dialectSql == b.dialectSql && a.dialectGuard == b.dialectGuard
           && a.transactional == b.transactional && a.view == b.view && a.replace == b.replace;
}

bool sameUsageOp(const UsageOp &a, const UsageOp &b)
{
    return a.table == b.table && a.readsAdd == b.readsAdd && a.readsRemove == b.readsRemove
           && a.writesAdd == b.writesAdd && a.writesRemove == b.writesRemove && a.honoursAdd == b.honoursAdd
           && a.honoursRemove == b.honoursRemove && a.procedure == b.procedure && a.passesAdd == b.passesAdd
           && a.writeTypes == b.writeTypes && a.movesTo == b.movesTo && a.stops == b.stops;
}

bool sameStep(const Step &a, const Step &b)
{
    if (a.name != b.name || a.offset != b.offset || a.phase != b.phase || a.category != b.category
        || a.description != b.description || a.dependsOn != b.dependsOn || a.ops.size() != b.ops.size()
        || a.usage.size() != b.usage.size())
        return false;
    for (int i = 0; i < a.ops.size(); ++i) {
        if (!sameOp(a.ops.at(i), b.ops.at(i)))
            return false;
    }
    for (int i = 0; i < a.usage.size(); ++i) {
        if (!sameUsageOp(a.usage.at(i), b.usage.at(i)))
            return false;
    }
    return true;
}

QStringList texts(const QList<PlanError> &errors)
{
    QStringList list;
    for (const PlanError &e : errors)
        list << e.toString();
    return list;
}

/** The first way @p a's results differ from @p b's; empty when they are the same. */
QString difference(const Engine &a, bool okA, const QList<PlanError> &errorsA,
                   const Engine &b, bool okB, const QList<PlanError> &errorsB)
{
    if (okA != okB)
        return QStringLiteral("ran: %1 vs %2 (%3 | %4)")
            .arg(okA).arg(okB).arg(texts(errorsA).join(';'), texts(errorsB).join(';'));
    if (texts(errorsA) != texts(errorsB))
        return QStringLiteral("errors: %1 vs %2").arg(texts(errorsA).join(';'), texts(errorsB).join(';'));
    if (!okA)
        return {};
    if (a.states().size() != b.states().size())
        return QStringLiteral("state count");
    for (int i = 0; i < a.states().size(); ++i) {
        const SchemaState &x = a.states().at(i), &y = b.states().at(i);
        if (x.release != y.release || x.phase != y.phase || x.name != y.name)
            return QStringLiteral("state %1's name").arg(i);
        if (x.schema != y.schema)
            return QStringLiteral("state %1 (%2)'s schema").arg(i).arg(x.name);
        if (x.filled != y.filled)
            return QStringLiteral("state %1 (%2)'s filled").arg(i).arg(x.name);
    }
    if (a.apps().size() != b.apps().size())
        return QStringLiteral("app count");
    for (int i = 0; i < a.apps().size(); ++i) {
        const AppVersion &x = a.apps().at(i), &y = b.apps().at(i);
        if (x.release != y.release || x.name != y.name || !(x.usage == y.usage))
            return QStringLiteral("app %1").arg(x.name);
    }
    if (a.steps().size() != b.steps().size())
        return QStringLiteral("step count %1 vs %2").arg(a.steps().size()).arg(b.steps().size());
    for (int i = 0; i < a.steps().size(); ++i) {
        const PlacedStep &x = a.steps().at(i), &y = b.steps().at(i);
        const QString name = QStringLiteral("step %1 (%2 of %3)")
                                 .arg(where(i), x.step.name, a.plan().refactorings.value(x.refactoring).id);
        if (x.refactoring != y.refactoring || x.release != y.release || x.moved != y.moved)
            return name + QStringLiteral(": placement");
        if (!sameStep(x.step, y.step))
            return name + QStringLiteral(": content");
        if (x.before != y.before)
            return name + QStringLiteral(": before");
    }
    for (int k = 0; k <= a.releaseCount() + 1; ++k) {
        if (a.releaseId(k) != b.releaseId(k))
            return QStringLiteral("release %1").arg(k);
    }
    if (a.cells().size() != b.cells().size())
        return QStringLiteral("cell count");
    for (int i = 0; i < a.cells().size(); ++i) {
        const Cell &x = a.cells().at(i), &y = b.cells().at(i);
        if (x.app != y.app || x.state != y.state || x.required != y.required || x.failures != y.failures)
            return QStringLiteral("cell %1 (A%2 on state %3)").arg(i).arg(x.app).arg(x.state);
    }
    const QList<PendingContract> pa = a.pending(), pb = b.pending();
    if (pa.size() != pb.size())
        return QStringLiteral("pending count");
    for (int i = 0; i < pa.size(); ++i) {
        const PendingContract &x = pa.at(i), &y = pb.at(i);
        if (x.refactoring != y.refactoring || x.kind != y.kind || x.expandRelease != y.expandRelease
            || x.contractRelease != y.contractRelease || x.age != y.age || x.status != y.status)
            return QStringLiteral("pending %1").arg(x.refactoring);
    }
    if (a.compatible() != b.compatible())
        return QStringLiteral("compatible()");
    // What readers derive from the results, in the engine's cache.
    const std::shared_ptr<const ResultIndex> ia = ResultIndex::of(a), ib = ResultIndex::of(b);
    if (ia->stepsByRelease != ib->stepsByRelease)
        return QStringLiteral("cache: steps by release");
    if (ia->cellsByState != ib->cellsByState)
        return QStringLiteral("cache: cells by state");
    return {};
}

/** Random edits of a plan, as a user makes them in the window. */
class Editor
{
public:
    explicit Editor(quint32 seed)
        : m_random(seed)
    {
    }

    enum Kind { MoveLater, MoveBack, Start, Param, UsageChange, UsageAdd, Deploy, Break, Note, Nothing, Kinds };

    int bounded(int n) { return n <= 0 ? 0 : int(m_random.bounded(n)); }

    /** @p plan with one random edit; @p engine is the last good run (for the steps' places). */
    Plan edit(Plan plan, const Engine &engine, Kind *kind)
    {
        *kind = Kind(bounded(Kinds));
        const int n = int(plan.releases.size());
        const QString release = QStringLiteral("r%1").arg(1 + bounded(n));
        switch (*kind) {
        case MoveLater: {
            if (engine.steps().isEmpty())
                break;
            const PlacedStep &p = engine.steps().at(bounded(int(engine.steps().size())));
            if (p.release >= engine.releaseCount())
                break;
            const int target = p.release + 1 + bounded(engine.releaseCount() - p.release);
            plan.refactorings[p.refactoring].moves.insert(p.step.name, engine.releaseId(target));
            break;
        }
        case MoveBack: {
            QList<int> moved;
            for (int i = 0; i < plan.refactorings.size(); ++i) {
                if (!plan.refactorings.at(i).moves.isEmpty())
                    moved << i;
            }
            if (moved.isEmpty())
                break;
            Refactoring &r = plan.refactorings[moved.at(bounded(int(moved.size())))];
            r.moves.remove(r.moves.keys().at(bounded(int(r.moves.size()))));
            break;
        }
        case Start: {
            Refactoring &r = plan.refactorings[bounded(int(plan.refactorings.size()))];
            const int k = qBound(1, plan.releaseIndex(r.start) + 1 + (bounded(2) ? 1 : -1), n);
            r.start = QStringLiteral("r%1").arg(k);
            break;
        }
        case Param: {
            Refactoring &r = plan.refactorings[bounded(int(plan.refactorings.size()))];
            QStringList keys;
            for (auto it = r.params.begin(); it != r.params.end(); ++it) {
                if (it.value().isString())
                    keys << it.key();
            }
            if (keys.isEmpty())
                break;
            const QString key = keys.at(bounded(int(keys.size())));
            QStringList others; // the same parameter of another refactoring of the kind
            for (const Refactoring &o : std::as_const(plan.refactorings)) {
                if (o.kind == r.kind && o.params.value(key).isString() && o.params.value(key) != r.params.value(key))
                    others << o.params.value(key).toString();
            }
            r.params.insert(key, !others.isEmpty() && bounded(2) ? others.at(bounded(int(others.size())))
                                                                 : r.params.value(key).toString() + QStringLiteral("_x"));
            break;
        }
        case UsageChange:
            if (!plan.usage.isEmpty()) {
                UsageEdit &u = plan.usage[bounded(int(plan.usage.size()))];
                if (bounded(2))
                    u.release = release;
                else
                    u.reads.remove = u.reads.remove.isEmpty() ? u.reads.add : QStringList();
                break;
            }
            Q_FALLTHROUGH();
        case UsageAdd: {
            const QStringList tables = plan.baseline.schema.tables.keys();
            const Table table = plan.baseline.schema.tables.value(tables.at(bounded(int(tables.size()))));
            UsageEdit u;
            u.release = release;
            u.table = table.name;
            // Writes of a NOT NULL column it does not honour fail the cells from then on.
            (bounded(2) ? u.reads : u.inserts).add = {table.columns.at(bounded(int(table.columns.size()))).name};
            plan.usage.insert(bounded(int(plan.usage.size()) + 1), u);
            break;
        }
        case Deploy:
            plan.releases[bounded(n)].status = Release::Status::Deployed;
            break;
        case Break: // fails to run; the next edits repair it or go on from the last good plan
            plan.refactorings[bounded(int(plan.refactorings.size()))].start = QStringLiteral("nowhere");
            break;
        case Note:
            plan.refactorings[bounded(int(plan.refactorings.size()))].note += QStringLiteral("!");
            break;
        case Nothing:
        case Kinds:
            break;
        }
        return plan;
    }

private:
    QRandomGenerator m_random;
};

struct Tally
{
    int edits = 0;
    int incremental = 0; // ran from a release after the first
    int failed = 0;
    qint64 decomposed = 0, decomposedFull = 0;
    qint64 checked = 0, checkedFull = 0;
    qint64 failingCells = 0; // in the runs compared
};

/**
 * What firstChangedRelease() promises (the review reuses the releases before it): their cells,
 * app versions and states are the previous run's. Empty when they are; else what differs.
 */
QString reusedDiffers(const Engine &previous, const Engine &next)
{
    const int first = next.firstChangedRelease();
    for (int k = 1; k < first && k <= previous.releaseCount(); ++k) {
        for (int c = 4 * (k - 1); c < 4 * k; ++c) {
            if (!(next.cells().at(c).failures == previous.cells().at(c).failures))
                return QStringLiteral("cell %1 of r%2, before the first changed release %3, differs from the previous run's")
                    .arg(c).arg(k).arg(first);
        }
    }
    for (int k = 0; k < first && k <= previous.releaseCount(); ++k) {
        // A_0 is read by release 1's cells alone: from release 1 on, it may change (a
        // constraint rename carries honours into every version).
        if (first > 1 && !(next.apps().at(k).usage == previous.apps().at(k).usage))
            return QStringLiteral("A_%1, before the first changed release %2, differs").arg(k).arg(first);
        for (Phase phase : {Phase::Pre, Phase::Post}) {
            const int i = Engine::stateIndex(k, phase);
            if (!(next.states().at(i).schema == previous.states().at(i).schema)
                || next.states().at(i).filled != previous.states().at(i).filled)
                return QStringLiteral("state %1, before the first changed release %2, differs").arg(i).arg(first);
        }
    }
    return {};
}

/** Applies @p edits random edits to @p plan, comparing runFrom with run after each. */
void editAndCompare(const Plan &start, int edits, quint32 seed, Tally *tally)
{
    auto good = std::make_shared<Engine>(start);
    QList<PlanError> errors;
    QVERIFY2(good->run(&errors), qPrintable(texts(errors).join('\n')));
    Plan goodPlan = start, plan = start;
    Editor editor(seed);
    for (int e = 0; e < edits; ++e) {
        Editor::Kind kind;
        plan = editor.edit(plan, *good, &kind);

        Engine full(plan);
        QList<PlanError> fullErrors;
        const bool fullOk = full.run(&fullErrors);
        auto next = std::make_shared<Engine>(plan);
        QList<PlanError> nextErrors;
        const bool nextOk = next->runFrom(*good, &nextErrors);
        const QString diff = difference(*next, nextOk, nextErrors, full, fullOk, fullErrors);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("edit %1 (kind %2, first changed release %3): %4")
                                                .arg(e).arg(int(kind)).arg(next->firstChangedRelease()).arg(diff)));
        ++tally->edits;
        if (nextOk) {
            const QString reused = reusedDiffers(*good, *next);
            QVERIFY2(reused.isEmpty(), qPrintable(QStringLiteral("edit %1 (kind %2): %3").arg(e).arg(int(kind)).arg(reused)));
            if (next->firstChangedRelease() > 1)
                ++tally->incremental;
            tally->decomposed += next->work().decomposed;
            tally->decomposedFull += full.work().decomposed;
            tally->checked += next->work().checkedObjects;
            tally->checkedFull += full.work().checkedObjects;
            tally->failingCells += std::count_if(full.cells().cbegin(), full.cells().cend(),
                                                 [](const Cell &c) { return !c.failures.isEmpty(); });
            good = next;
            goodPlan = plan;
        } else {
            ++tally->failed;
            if (editor.bounded(3) == 0)
                plan = goodPlan; // undone; otherwise the next edit may repair it
        }
    }
}

/** @p p with inserts that leave out a NOT NULL column without a default: failing cells from
 *  r2 and r5 on, so the matrix's per-object results are not all empty. */
Plan failing(Plan p)
{
    // A table no refactoring touches: its failure is checked once and then carried.
    p.baseline.schema.tables.insert("audit", table("audit", {identity(), column("code", "integer", false), column("note", "text")}));
    p.usage.append({"r2", "audit", {}, {}, {{}, {"code"}, false}, {}, {}, {}});
    p.usage.append({"r2", "t1", {}, {}, {{}, {"code"}, false}, {}, {}, {}});
    p.usage.append({"r5", "t2", {}, {}, {{}, {"code"}, false}, {}, {}, {}});
    return p;
}

/** What runFrom gave after an edit, and how it differs from a whole run of the edited plan
 *  (or what it says of releases before the first changed one that is not so). */
struct Rerun
{
    std::shared_ptr<Engine> engine;
    bool ok = false;
    QString difference;
};

Rerun rerun(const Engine &previous, const Plan &plan)
{
    Engine full(plan);
    QList<PlanError> fullErrors, errors;
    const bool fullOk = full.run(&fullErrors);
    Rerun r{std::make_shared<Engine>(plan)};
    r.ok = r.engine->runFrom(previous, &errors);
    r.difference = difference(*r.engine, r.ok, errors, full, fullOk, fullErrors);
    if (r.difference.isEmpty() && r.ok)
        r.difference = reusedDiffers(previous, *r.engine);
    return r;
}

/** The contract in release @p k, else its last DB step; null when it has none. */
const PlacedStep *dbStepIn(const Engine &engine, int k)
{
    const PlacedStep *found = nullptr;
    for (const PlacedStep &p : engine.steps()) {
        if (p.release == k && !p.step.isAppStep() && (!found || p.step.category == QLatin1String("contract")))
            found = &p;
    }
    return found;
}

/** The table a step works on: its first op's or usage op's. */
QString tableOf(const PlacedStep &p)
{
    return !p.step.ops.isEmpty() ? p.step.ops.first().table
                                 : !p.step.usage.isEmpty() ? p.step.usage.first().table : QString();
}

/** The placed steps that rename a constraint, in plan order. */
QList<const PlacedStep *> renamesOf(const Engine &engine)
{
    QList<const PlacedStep *> renames;
    for (const PlacedStep &p : engine.steps()) {
        if (!p.step.ops.isEmpty() && p.step.ops.first().type == SchemaOp::Type::RenameConstraint)
            renames << &p;
    }
    return renames;
}

/** The first rename of a constraint of @p table that lies in a release after @p k and before
 *  the plan's last; null if none. */
const PlacedStep *renameAfter(const Engine &engine, const QString &table, int k)
{
    const PlacedStep *found = nullptr;
    for (const PlacedStep *r : renamesOf(engine)) {
        if (r->step.ops.first().table == table && r->release > k && r->release < engine.releaseCount()
            && (!found || r->release < found->release))
            found = r;
    }
    return found;
}

/** The edits a user makes around release @p k of @p engine's plan, each with what it is. */
QList<QPair<QString, Plan>> editsAt(const Engine &engine, int k)
{
    const Plan &plan = engine.plan();
    const int n = engine.releaseCount();
    QList<QPair<QString, Plan>> edits;
    auto move = [&](const PlacedStep &p, int to, const QString &what) {
        Plan e = plan;
        e.refactorings[p.refactoring].moves.insert(p.step.name, engine.releaseId(to));
        edits.append({QStringLiteral("%1: %2 of %3 from r%4 to r%5")
                          .arg(what, p.step.name, plan.refactorings.at(p.refactoring).id)
                          .arg(p.release)
                          .arg(to),
                      e});
    };
    // A drag one release later.
    if (const PlacedStep *p = dbStepIn(engine, k); p && k < n)
        move(*p, k + 1, QStringLiteral("drag"));
    // A step past a later rename of a constraint of its table (an honour step among them,
    // where there is one), and a rename past the next rename of its table.
    const PlacedStep *across = nullptr, *acrossRename = nullptr;
    for (const PlacedStep &p : engine.steps()) {
        const PlacedStep *r = p.release == k ? renameAfter(engine, tableOf(p), k) : nullptr;
        if (r && (!across || p.step.name == QLatin1String("honour")))
            across = &p, acrossRename = r;
    }
    if (across)
        move(*across, acrossRename->release + 1, QStringLiteral("across a rename"));
    for (const PlacedStep *r : renamesOf(engine)) {
        const PlacedStep *next = r->release >= k ? renameAfter(engine, r->step.ops.first().table, r->release) : nullptr;
        if (next) {
            move(*r, next->release + 1, QStringLiteral("a rename past the next of its table"));
            break;
        }
    }
    // Usage: an edit at k undone two releases later, and one that stops honouring a
    // constraint that a later rename carries to its new name.
    const QString table = QStringLiteral("t0"); // generated: no usage edit touches it
    if (k + 2 <= n) {
        Plan e = plan;
        e.usage.append({engine.releaseId(k), table, {}, {}, {{}, {QStringLiteral("code")}, false}, {}, {}, {}});
        e.usage.append({engine.releaseId(k + 2), table, {}, {}, {{QStringLiteral("code")}, {}, false}, {}, {}, {}});
        edits.append({QStringLiteral("usage: %1 leaves code out of its inserts in r%2 and r%3").arg(table).arg(k).arg(k + 1), e});
    }
    for (const PlacedStep *r : renamesOf(engine)) {
        if (r->release <= k)
            continue;
        const SchemaOp &op = r->step.ops.first();
        Plan e = plan;
        e.usage.append({engine.releaseId(k), op.table, {}, {}, {}, {}, {{}, {op.constraint.key()}, false}, {}});
        edits.append({QStringLiteral("usage: stops honouring %1 in r%2, renamed in r%3").arg(op.constraint.key()).arg(k).arg(r->release), e});
        break;
    }
    // Decompositions: a sized type or an expression of a refactoring starting in k, and the
    // new name of a constraint renamed from k on (carried into every version).
    static const QRegularExpression sized(QStringLiteral("^(\\w+)\\((\\d+)\\)$"));
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        const Refactoring &r = plan.refactorings.at(i);
        if (engine.releasePosition(r.start) != k)
            continue;
        QString key, value;
        for (auto it = r.params.begin(); it != r.params.end() && key.isEmpty(); ++it) {
            const QRegularExpressionMatch m = sized.match(it.value().toString());
            if (m.hasMatch())
                key = it.key(), value = QStringLiteral("%1(%2)").arg(m.captured(1)).arg(m.captured(2).toInt() + 7);
            else if (it.key() == QLatin1String("expression") || it.key() == QLatin1String("backfill"))
                key = it.key(), value = QStringLiteral("'x'");
        }
        if (key.isEmpty())
            continue;
        Plan e = plan;
        e.refactorings[i].params.insert(key, value);
        edits.append({QStringLiteral("decomposition: %1.%2 = %3").arg(r.id, key, value), e});
        break;
    }
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        const Refactoring &r = plan.refactorings.at(i);
        if (r.kind != QLatin1String("rename_constraint") || engine.releasePosition(r.start) < k)
            continue;
        Plan e = plan;
        e.refactorings[i].params.insert(QStringLiteral("to"), r.params.value(QStringLiteral("to")).toString() + QStringLiteral("2"));
        edits.append({QStringLiteral("decomposition: %1 renames to another name").arg(r.id), e});
        break;
    }
    // A start one release later.
    for (int i = 0; i < plan.refactorings.size() && k < n; ++i) {
        if (engine.releasePosition(plan.refactorings.at(i).start) == k) {
            Plan e = plan;
            e.refactorings[i].start = engine.releaseId(k + 1);
            edits.append({QStringLiteral("start: %1 in r%2").arg(plan.refactorings.at(i).id).arg(k + 1), e});
            break;
        }
    }
    return edits;
}

} // namespace

void TestIncremental::randomEditsMatchAFullRun_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<int>("edits");
    // Few tables: refactorings share them, so one's change reaches others.
    QTest::newRow("generated, 4 tables") << failing(Benchmarks::generatePlan({4, 20, 40, 10})) << 150;
    QTest::newRow("generated, 200 refactorings") << failing(Benchmarks::generatePlan({20, 20, 200, 10})) << 150;
    QTest::newRow("generated, sqlite") << Benchmarks::generatePlan({6, 12, 48, 8}, QStringLiteral("sqlite")) << 60;
    QTest::newRow("generated, mysql") << Benchmarks::generatePlan({6, 12, 48, 8}, QStringLiteral("mysql")) << 60;

    // The hand-written customer plans, with dependencies ("after").
    Refactoring nick = refactoring("nick", "add_column", "r1",
                                   json(R"J({"table": "customer", "column": "nickname", "type": "varchar(50)"})J"));
    Refactoring required = refactoring("nick-required", "set_not_null", "r1",
                                       json(R"J({"table": "customer", "column": "nickname", "backfill": "'anonymous'"})J"));
    required.after = {"nick"};
    Refactoring authors = refactoring("authors", "move_columns", "r2",
                                      json(R"J({"table": "customer", "columns": ["author_name", "author_email"],
                                               "toTable": "author", "key": "author_id"})J"));
    Refactoring merge = refactoring("full-name", "merge_columns", "r3",
                                    json(R"j({"table":"customer","columns":["first_name","last_name"],"into":"full_name","type":"varchar(256)","expression":"first_name || ' ' || last_name"})j"));
    Plan customer = plan(customerSchema(false), 8, {nick, required, authors, merge});
    customer.usage.append({"r4", "customer", {}, {{"email"}, {}, false}, {}, {}, {}, {}});
    QTest::newRow("customer") << customer << 120;
    QTest::newRow("customer, forward-only") << plan(customerSchema(false), 6, {nick, required, merge}, false) << 60;
}

void TestIncremental::randomEditsMatchAFullRun()
{
    QFETCH(Plan, plan);
    QFETCH(int, edits);
    Tally tally;
    editAndCompare(plan, edits, 12, &tally);
    if (QTest::currentTestFailed())
        return;
    qInfo("%d edits, %d re-checked from a later release, %d failed; decomposed %lld (whole runs: %lld), "
          "objects checked %lld (whole runs: %lld)",
          tally.edits, tally.incremental, tally.failed, tally.decomposed, tally.decomposedFull, tally.checked,
          tally.checkedFull);
    QVERIFY(tally.incremental > tally.edits / 4);
    QVERIFY(tally.failingCells > 0);
    QVERIFY(tally.decomposed < tally.decomposedFull);
    QVERIFY(tally.checked < tally.checkedFull);
}

void TestIncremental::nothingChangedReusesEverything()
{
    // Every kind's example too: each with its own shapes of steps and objects.
    for (const KindSpec &kind : Catalog::kinds()) {
        for (const QString &dialect : Plan::dialects()) {
            if (kind.unsupported.contains(dialect))
                continue;
            const Plan p = ExamplePlans::planFor(kind, dialect, 0, true, 6);
            Engine first(p);
            QList<PlanError> errors;
            if (!first.run(&errors))
                continue; // tst_everykind says why
            Engine again(p);
            QVERIFY(again.runFrom(first, &errors));
            QCOMPARE(again.firstChangedRelease(), again.releaseCount() + 1);
            QCOMPARE(again.work().decomposed, 0);
            QCOMPARE(again.work().checkedObjects, 0);
            QVERIFY(difference(again, true, {}, first, true, {}).isEmpty());

            Tally tally;
            editAndCompare(p, 8, qHash(kind.name), &tally);
            if (QTest::currentTestFailed()) {
                qWarning("kind %s on %s", qPrintable(kind.name), qPrintable(dialect));
                return;
            }
        }
    }
}

void TestIncremental::anEditInTheLastReleaseChecksOnlyIt()
{
    const Plan p = failing(Benchmarks::generatePlan({20, 20, 200, 10}));
    Engine first(p);
    QList<PlanError> errors;
    QVERIFY(first.run(&errors));
    const int n = first.releaseCount();

    // A usage edit of the last release.
    Plan edited = p;
    edited.usage.append({QStringLiteral("r%1").arg(n), "t3", {}, {{"note"}, {}, false}, {}, {}, {}, {}});
    Engine usage(edited);
    QVERIFY(usage.runFrom(first, &errors));
    QCOMPARE(usage.firstChangedRelease(), n);
    QCOMPARE(usage.work().checkedFrom, n);
    QCOMPARE(usage.work().decomposed, 0);
    Engine fullUsage(edited);
    QVERIFY(fullUsage.run(&errors));
    QVERIFY(!fullUsage.compatible());
    QVERIFY(difference(usage, true, {}, fullUsage, true, {}).isEmpty());

    // A refactoring starting in the last release, changed.
    int last = -1;
    for (int i = 0; i < p.refactorings.size(); ++i) {
        if (p.refactorings.at(i).start == QStringLiteral("r%1").arg(n))
            last = i;
    }
    QVERIFY(last >= 0);
    edited = p;
    edited.refactorings[last].note = QStringLiteral("changed");
    Engine note(edited);
    QVERIFY(note.runFrom(first, &errors));
    QCOMPARE(note.firstChangedRelease(), n);
    QCOMPARE(note.work().checkedFrom, n);
    QCOMPARE(note.work().decomposed, 1);
    // The last release's four cells, no more: what a whole run checks for that release alone.
    Engine full(edited);
    QVERIFY(full.run(&errors));
    QVERIFY(note.work().checkedObjects > 0);
    QVERIFY2(note.work().checkedObjects * 10 < full.work().checkedObjects,
             qPrintable(QStringLiteral("%1 of %2").arg(note.work().checkedObjects).arg(full.work().checkedObjects)));
    QVERIFY(difference(note, true, {}, full, true, {}).isEmpty());

    // A move into the last release (a step can only move later, so this is the latest move):
    // the release it leaves and the last one are checked again, nothing before.
    const PlacedStep *step = nullptr;
    for (const PlacedStep &s : first.steps()) {
        if (s.release == n - 1 && !s.step.isAppStep() && (!step || s.step.name == QStringLiteral("contract")))
            step = &s;
    }
    QVERIFY(step);
    edited = p;
    edited.refactorings[step->refactoring].moves.insert(step->step.name, QStringLiteral("r%1").arg(n));
    Engine moved(edited), fullMoved(edited);
    const bool movedOk = moved.runFrom(first, &errors), fullOk = fullMoved.run(&errors);
    QVERIFY(difference(moved, movedOk, {}, fullMoved, fullOk, {}).isEmpty());
    QVERIFY2(movedOk, qPrintable(texts(errors).join('\n')));
    QCOMPARE(moved.firstChangedRelease(), n - 1);
    QCOMPARE(moved.work().checkedFrom, n - 1);
    QCOMPARE(moved.work().decomposed, 1);
}

void TestIncremental::aMoveInTheMiddleDecomposesFew()
{
    const Plan p = Benchmarks::generatePlan({20, 20, 200, 10});
    Engine first(p);
    QList<PlanError> errors;
    QVERIFY(first.run(&errors));
    // The contract of a refactoring starting in the middle, moved to the last release.
    int index = -1;
    QString step;
    for (const PlacedStep &s : first.steps()) {
        if (s.step.name == QStringLiteral("contract") && p.refactorings.at(s.refactoring).start == QStringLiteral("r10")) {
            index = s.refactoring;
            step = s.step.name;
            break;
        }
    }
    QVERIFY(index >= 0);
    Plan edited = p;
    edited.refactorings[index].moves.insert(step, QStringLiteral("r20"));
    Engine moved(edited), full(edited);
    QVERIFY(moved.runFrom(first, &errors));
    QVERIFY(full.run(&errors));
    QCOMPARE(moved.firstChangedRelease(), 10);
    QVERIFY2(moved.work().decomposed * 4 < full.work().decomposed,
             qPrintable(QStringLiteral("%1 of %2").arg(moved.work().decomposed).arg(full.work().decomposed)));
    QVERIFY(moved.work().checkedObjects < full.work().checkedObjects);
    QVERIFY(difference(moved, true, {}, full, true, {}).isEmpty());
}

void TestIncremental::fallsBackWhenReleasesChange()
{
    const Plan p = Benchmarks::generatePlan({10, 10, 50, 5});
    Engine first(p);
    QList<PlanError> errors;
    QVERIFY(first.run(&errors));
    Plan edited = p;
    edited.releases[3].status = Release::Status::Deployed;
    Engine again(edited), full(edited);
    QVERIFY(again.runFrom(first, &errors));
    QVERIFY(full.run(&errors));
    QCOMPARE(again.firstChangedRelease(), 1);
    QCOMPARE(again.work().decomposed, full.work().decomposed);
    QVERIFY(difference(again, true, {}, full, true, {}).isEmpty());
}

/** A rename copies the column as the state has it: when an earlier refactoring changes the
 *  column it adds, the rename decomposes again (a stale copy would keep the old type). */
void TestIncremental::aChangedColumnReachesLaterRefactoringsOfIt()
{
    const Refactoring nick = refactoring("nick", "add_column", "r1",
                                         json(R"J({"table": "customer", "column": "nickname", "type": "varchar(50)"})J"));
    const Refactoring other = refactoring("other", "add_column", "r1",
                                          json(R"J({"table": "customer", "column": "bio", "type": "text"})J"));
    const Refactoring rename = refactoring("rename", "rename_column", "r4",
                                           json(R"J({"table": "customer", "column": "nickname", "to": "nick_name"})J"));
    const Plan p = plan(customerSchema(false), 8, {nick, other, rename});
    Engine first(p);
    QList<PlanError> errors;
    QVERIFY2(first.run(&errors), qPrintable(texts(errors).join('\n')));

    Plan edited = p;
    edited.refactorings[0].params.insert("type", "text");
    Engine again(edited), full(edited);
    QVERIFY(again.runFrom(first, &errors));
    QVERIFY(full.run(&errors));
    QCOMPARE(again.firstChangedRelease(), 1);
    QCOMPARE(again.work().decomposed, 2); // nick and the rename, not the other column
    QVERIFY(difference(again, true, {}, full, true, {}).isEmpty());
    QCOMPARE(again.state(6, Phase::Post)->schema.table("customer")->column("nick_name")->type, QStringLiteral("text"));
}

/** Fresh names are picked against every table's: an index name that another table's
 *  refactoring takes or frees changes the name an unrelated add_index derives. */
void TestIncremental::aNameThatCameOrWentReachesFreshNames()
{
    Schema schema = customerSchema(false);
    schema.tables.insert("orders", table("orders", {identity(), column("total", "integer")}));
    const Refactoring named = refactoring("named", "add_index", "r1",
                                          json(R"J({"table": "orders", "columns": ["total"], "name": "customer_email_idx"})J"));
    const Refactoring derived = refactoring("derived", "add_index", "r3",
                                            json(R"J({"table": "customer", "columns": ["email"]})J"));
    const Plan p = plan(schema, 6, {named, derived});
    Engine first(p);
    QList<PlanError> errors;
    QVERIFY2(first.run(&errors), qPrintable(texts(errors).join('\n')));

    Plan edited = p;
    edited.refactorings[0].params.insert("name", "orders_total_idx"); // the name is free now
    Engine again(edited), full(edited);
    QVERIFY2(again.runFrom(first, &errors), qPrintable(texts(errors).join('\n')));
    QVERIFY(full.run(&errors));
    const auto indexes = [](const Engine &e) {
        QStringList names;
        for (const Index &i : e.state(4, Phase::Post)->schema.table("customer")->indexes)
            names << i.name;
        return names;
    };
    QVERIFY2(indexes(first) != indexes(full), qPrintable(indexes(full).join(','))); // what this test is about
    QCOMPARE(indexes(again), indexes(full));
    QCOMPARE(again.work().decomposed, 2);
    QVERIFY(difference(again, true, {}, full, true, {}).isEmpty());
}

void TestIncremental::editsSpreadThroughThePlan_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &dialect : Plan::dialects())
        QTest::newRow(qPrintable(dialect)) << dialect;
}

/**
 * Edits early, in the middle and late in a generated plan, each undone: drags, moves across
 * constraint renames, usage edits, changed decompositions and starts. Each runFrom equals a
 * whole run, field by field, whether it took the rest over from the run before or not.
 */
void TestIncremental::editsSpreadThroughThePlan()
{
    QFETCH(QString, dialect);
    // Few tables: refactorings share them, and a table's constraints are renamed more than once.
    const Benchmarks::PlanSize size{6, 30, 120, Benchmarks::PlanSize::groupsNeeded(120, 6)};
    const Plan original = failing(Benchmarks::generatePlan(size, dialect));
    auto base = std::make_shared<Engine>(original);
    QList<PlanError> errors;
    QVERIFY2(base->run(&errors), qPrintable(texts(errors).join('\n')));
    const int n = base->releaseCount();
    int ran = 0, tookOver = 0, cellsTookOver = 0, carried = 0, acrossRenames = 0;
    const auto count = [&](const Engine &previous, const Engine &next) {
        tookOver += next.work().reusedFrom <= n ? 1 : 0;
        cellsTookOver += next.work().cellsReusedFrom <= n ? 1 : 0;
        // The honours carry changed in versions before the edit.
        carried += next.firstChangedRelease() <= n && !(next.apps().at(0).usage == previous.apps().at(0).usage) ? 1 : 0;
    };
    for (int k : {2, 3, n / 4, n / 2, 3 * n / 4, n - 1}) {
        for (const auto &[what, plan] : editsAt(*base, k)) {
            const Rerun edited = rerun(*base, plan);
            QVERIFY2(edited.difference.isEmpty(), qPrintable(what + QStringLiteral(": ") + edited.difference));
            if (!edited.ok)
                continue; // the plan refuses it, as a whole run does
            ++ran;
            acrossRenames += what.contains(QLatin1String("rename")) ? 1 : 0;
            count(*base, *edited.engine);
            const Rerun undone = rerun(*edited.engine, original);
            QVERIFY2(undone.difference.isEmpty(), qPrintable(QStringLiteral("undo ") + what + QStringLiteral(": ") + undone.difference));
            QVERIFY(undone.ok);
            count(*edited.engine, *undone.engine);
        }
    }
    qInfo("%d edits ran (%d with a rename), each undone; %d of the %d runs took the later states over, %d the later "
          "cells; %d carried honours again into versions before the edit",
          ran, acrossRenames, tookOver, 2 * ran, cellsTookOver, carried);
    QVERIFY2(ran >= 20, "too few edits ran: the test proves little");
    QVERIFY2(tookOver >= ran / 2 && cellsTookOver >= ran / 2, "too few runs took over the rest");
    QVERIFY2(tookOver < 2 * ran, "every run took over the rest: no edit whose effect runs on");
    QVERIFY2(acrossRenames >= 6, "too few moves and edits of constraint renames ran");
    QVERIFY2(carried > 0, "no edit carried honours again: the test proves little of the carry");
}

/** A drag in the middle of the plan rebuilds the releases it touches and a few after, then
 *  takes the rest over from the run before: it must not cost a run to the plan's end. */
void TestIncremental::aMoveInTheMiddleRebuildsFewReleases()
{
    const Plan p = failing(Benchmarks::generatePlan({20, 40, 400, 20}));
    auto first = std::make_shared<Engine>(p);
    QList<PlanError> errors;
    QVERIFY(first->run(&errors));
    const int n = first->releaseCount();
    const PlacedStep *step = dbStepIn(*first, n / 2);
    QVERIFY(step);
    Plan edited = p;
    edited.refactorings[step->refactoring].moves.insert(step->step.name, first->releaseId(n / 2 + 1));
    const Rerun moved = rerun(*first, edited);
    QVERIFY2(moved.difference.isEmpty(), qPrintable(moved.difference));
    QVERIFY(moved.ok);
    const Engine::Work &work = moved.engine->work();
    const int k0 = moved.engine->firstChangedRelease();
    qInfo("first changed release %d; states built before %d, cells checked %d to %d (%d objects)", k0,
          work.reusedFrom, work.checkedFrom, work.cellsReusedFrom - 1, work.checkedObjects);
    QVERIFY(k0 <= n / 2);
    // The releases from the moved step's refactoring's start to the one it joined, and at most
    // two more.
    QVERIFY2(work.reusedFrom <= n / 2 + 3, qPrintable(QString::number(work.reusedFrom)));
    QVERIFY2(work.cellsReusedFrom <= n / 2 + 4, qPrintable(QString::number(work.cellsReusedFrom)));
    // The states taken over are the run before's own, not copies.
    QCOMPARE(moved.engine->states().last().filled.constBegin(), first->states().last().filled.constBegin());

    // Undone, from the run after the drag: the same.
    const Rerun undone = rerun(*moved.engine, p);
    QVERIFY2(undone.difference.isEmpty(), qPrintable(undone.difference));
    QVERIFY(undone.engine->work().reusedFrom <= n / 2 + 3);
    QVERIFY(undone.engine->work().cellsReusedFrom <= n / 2 + 4);
}

/** Edits whose effect runs on to the plan's end: nothing may be taken over after them. */
void TestIncremental::anEditWhoseEffectRunsOnIsNotCutShort()
{
    const Plan p = Benchmarks::generatePlan({20, 40, 400, 20});
    auto first = std::make_shared<Engine>(p);
    QList<PlanError> errors;
    QVERIFY(first->run(&errors));
    const int n = first->releaseCount();
    QVERIFY(first->compatible());

    // From r3 on, t0's inserts leave out a NOT NULL column: every later cell of A_3 on fails,
    // while the states are as they were.
    Plan usage = p;
    usage.usage.append({QStringLiteral("r3"), QStringLiteral("t0"), {}, {}, {{}, {QStringLiteral("code")}, false}, {}, {}, {}});
    const Rerun left = rerun(*first, usage);
    QVERIFY2(left.difference.isEmpty(), qPrintable(left.difference));
    QVERIFY(left.ok);
    QCOMPARE(left.engine->firstChangedRelease(), 3);
    QVERIFY(!left.engine->cells().last().ok()); // the effect reaches the last release
    QCOMPARE(left.engine->work().reusedFrom, n + 1);
    QCOMPARE(left.engine->work().cellsReusedFrom, n + 1);

    // A column added or retyped early, of another type: every later state holds that type.
    const PlacedStep *changed = nullptr;
    QString key, value;
    static const QRegularExpression sized(QStringLiteral("^(\\w+)\\((\\d+)\\)$"));
    for (const PlacedStep &s : first->steps()) {
        const Refactoring &r = p.refactorings.at(s.refactoring);
        if (changed || first->releasePosition(r.start) > 5
            || (r.kind != QLatin1String("change_type") && r.kind != QLatin1String("add_column")))
            continue;
        for (auto it = r.params.begin(); it != r.params.end(); ++it) {
            const QRegularExpressionMatch m = sized.match(it.value().toString());
            if (m.hasMatch()) {
                changed = &s;
                key = it.key();
                value = QStringLiteral("%1(%2)").arg(m.captured(1)).arg(m.captured(2).toInt() + 7);
            }
        }
    }
    QVERIFY2(changed, "no column is added or retyped in r1-r5");
    Plan retyped = p;
    retyped.refactorings[changed->refactoring].params.insert(key, value);
    const Rerun other = rerun(*first, retyped);
    QVERIFY2(other.difference.isEmpty(), qPrintable(other.difference));
    QVERIFY(other.ok);
    QVERIFY(!(other.engine->states().last().schema == first->states().last().schema)); // it reaches the end
    QCOMPARE(other.engine->work().reusedFrom, n + 1);

    // Undone: the run before's results again, whatever was taken over.
    for (const Rerun &from : {left, other}) {
        const Rerun undone = rerun(*from.engine, p);
        QVERIFY2(undone.difference.isEmpty(), qPrintable(undone.difference));
        QVERIFY(undone.ok);
    }
}

/**
 * The matrix checks an object again only in the releases that touch it, so a cell may keep a
 * result that a change elsewhere would alter: a foreign key ON UPDATE CASCADE added to a child
 * table changes what updates of the parent's key may hold, and the parent is checked again
 * only when a release touches it. A drag that makes a later release touch the parent gives
 * cells that differ from the run before's to the plan's end, though states and apps meet:
 * those cells must not be taken over.
 */
void TestIncremental::cellsGoOnUntilTheirResultsMeet()
{
    Schema schema;
    Table parent = table("parent", {column("code", "integer", false), column("note", "text")});
    parent.primaryKey = {"code"};
    parent.constraints << constraint(Constraint::Kind::PrimaryKey, "parent_pkey", {"code"});
    schema.tables.insert("parent", parent);
    Table child = table("child", {identity(), column("parent_code", "integer")});
    Constraint fk = constraint(Constraint::Kind::ForeignKey, "child_parent_fkey", {"parent_code"}, {}, "parent", {"code"});
    fk.onUpdate = QStringLiteral("CASCADE");
    child.constraints << fk;
    schema.tables.insert("child", child);
    const Refactoring comment = refactoring("comment", "set_comment", "r4", json(R"J({"table": "parent", "comment": "the parents"})J"));
    const Refactoring key = refactoring("key", "change_type", "r5",
                                        json(R"J({"table": "child", "column": "parent_code", "type": "smallint"})J"));
    const Plan p = plan(schema, 10, {comment, key});
    auto first = std::make_shared<Engine>(p);
    QList<PlanError> errors;
    QVERIFY2(first->run(&errors), qPrintable(texts(errors).join('\n')));
    const auto cascades = [](const Cell &cell) {
        return std::any_of(cell.failures.cbegin(), cell.failures.cend(),
                           [](const Failure &f) { return f.message.contains(QLatin1String("ON UPDATE CASCADE")); });
    };
    // The parent is not checked again once the child's column is narrower.
    QVERIFY(std::none_of(first->cells().cbegin(), first->cells().cend(), cascades));
    int narrowed = 0;
    for (int k = 1; k <= first->releaseCount() && !narrowed; ++k) {
        if (first->state(k, Phase::Pre)->schema.table("child")->column("parent_code")->type == QLatin1String("smallint"))
            narrowed = k;
    }
    QVERIFY(narrowed > 4 && narrowed < first->releaseCount());

    // The comment dragged into that release: the parent is checked there, and fails from then on.
    Plan edited = p;
    QCOMPARE(first->steps().first().refactoring, 0);
    edited.refactorings[0].moves.insert(first->steps().first().step.name, first->releaseId(narrowed));
    const Rerun moved = rerun(*first, edited);
    QVERIFY2(moved.difference.isEmpty(), qPrintable(moved.difference));
    QVERIFY(moved.ok);
    QVERIFY(cascades(moved.engine->cells().last()));
    QCOMPARE(moved.engine->work().reusedFrom, narrowed + 1); // states and apps meet after it
    QCOMPARE(moved.engine->work().cellsReusedFrom, moved.engine->releaseCount() + 1);

    const Rerun undone = rerun(*moved.engine, p);
    QVERIFY2(undone.difference.isEmpty(), qPrintable(undone.difference));
    QVERIFY(std::none_of(undone.engine->cells().cbegin(), undone.engine->cells().cend(), cascades));
}

/** Release 1's cells check every object (nothing rolls into them): a drag of a refactoring
 *  that starts there, which decomposes it again the same, keeps them when A_0, A_1, P_1 and
 *  S_1 are as they were; a usage edit of r1 does not. */
void TestIncremental::aDragInTheFirstReleaseKeepsItsCells()
{
    const Plan p = failing(Benchmarks::generatePlan({20, 40, 400, 20}));
    auto first = std::make_shared<Engine>(p);
    QList<PlanError> errors;
    QVERIFY(first->run(&errors));
    const PlacedStep *contract = nullptr;
    for (const PlacedStep &s : first->steps()) {
        if (!contract && p.refactorings.at(s.refactoring).start == QLatin1String("r1")
            && s.step.category == QLatin1String("contract") && s.release >= 2)
            contract = &s;
    }
    QVERIFY(contract);
    Plan edited = p;
    edited.refactorings[contract->refactoring].moves.insert(contract->step.name, first->releaseId(contract->release + 1));
    const Rerun moved = rerun(*first, edited);
    QVERIFY2(moved.difference.isEmpty(), qPrintable(moved.difference));
    QVERIFY(moved.ok);
    QCOMPARE(moved.engine->firstChangedRelease(), 1);
    QCOMPARE(moved.engine->work().checkedFrom, 2);
    QVERIFY2(moved.engine->work().checkedObjects * 4 < first->work().checkedObjects,
             qPrintable(QStringLiteral("%1 of %2").arg(moved.engine->work().checkedObjects).arg(first->work().checkedObjects)));
    const Rerun undone = rerun(*moved.engine, p);
    QVERIFY2(undone.difference.isEmpty(), qPrintable(undone.difference));
    QCOMPARE(undone.engine->work().checkedFrom, 2);

    Plan usage = p;
    usage.usage.append({QStringLiteral("r1"), QStringLiteral("t0"), {}, {}, {{}, {QStringLiteral("code")}, false}, {}, {}, {}});
    const Rerun used = rerun(*first, usage);
    QVERIFY2(used.difference.isEmpty(), qPrintable(used.difference));
    QCOMPARE(used.engine->work().checkedFrom, 1);
}

QTEST_GUILESS_MAIN(TestIncremental)
#include "tst_incremental.moc"
