// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "schemaops.h"

#include <catalog/catalog.h>
#include <domain/identifiers.h>
#include <sql/applier.h>
#include <sql/dialect.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>

namespace Tideline {

namespace {

QString refactoringField(int index)
{
    return QStringLiteral("refactorings[%1]").arg(index);
}

/** Running order of two placed steps: release, then phase, then plan order. */
bool runsBefore(int releaseA, Phase phaseA, int releaseB, Phase phaseB)
{
    return releaseA != releaseB ? releaseA < releaseB : phaseA < phaseB;
}

/** The names of objects @p op creates in the database. */
QStringList namesIntroduced(const SchemaOp &op)
{
    using Type = SchemaOp::Type;
    switch (op.type) {
    case Type::AddColumn:
        return {op.column.name};
    case Type::CreateTable: {
        QStringList names{op.newTable.name};
        for (const Column &c : op.newTable.columns)
            names << c.name;
        for (const Index &i : op.newTable.indexes)
            names << i.name;
        for (const Constraint &c : op.newTable.constraints)
            names << c.name;
        names.removeAll(QString());
        return names;
    }
    case Type::AddConstraint:
        return op.constraint.name.isEmpty() ? QStringList() : QStringList{op.constraint.name};
    case Type::AddIndex:
        return {op.index.name};
    case Type::RenameIndex:
    case Type::RenameConstraint:
        return {op.newName};
    case Type::RenameTable:
        return {op.newName};
    case Type::CreateView: {
        QStringList names{op.view.name};
        names += op.view.columns;
        return names;
    }
    case Type::DropTable:
    case Type::DropView:
    case Type::DropColumn:
    case Type::SetNotNull:
    case Type::DropNotNull:
    case Type::Backfill:
    case Type::MoveBackfill:
    case Type::AddSyncTrigger:
    case Type::SwapColumn:
    case Type::DropIndex:
    case Type::DropConstraint:
    case Type::SetDefault:
    case Type::DropDefault:
    case Type::SetComment:
    case Type::DropSyncTrigger:
    case Type::SetTableOptions:
        break;
    case Type::CreateEnum:
        return {op.enumType.name};
    case Type::ReplaceProcedure: {
        QStringList names;
        for (const Parameter &p : op.procedure.parameters)
            names << p.name;
        return names;
    }
    case Type::AddEnumValue:
    case Type::RawSql:
        break;
    }
    return {};
}

/** What constraint renames carry across (the honours of a version, by constraint key): per
 *  table, (old key, new key) in running order. */
using Carries = QHash<QString, QList<QPair<QString, QString>>>;

/** The carries of the constraint renames among @p steps. */
Carries carriesOf(const QList<PlacedStep> &steps)
{
    QList<const PlacedStep *> renames;
    for (const PlacedStep &p : steps) {
        if (std::any_of(p.step.ops.cbegin(), p.step.ops.cend(),
                        [](const SchemaOp &op) { return op.type == SchemaOp::Type::RenameConstraint; }))
            renames << &p;
    }
    std::stable_sort(renames.begin(), renames.end(), [](const PlacedStep *a, const PlacedStep *b) {
        return runsBefore(a->release, a->step.phase, b->release, b->step.phase);
    });
    Carries carries;
    for (const PlacedStep *p : std::as_const(renames)) {
        for (const SchemaOp &op : p->step.ops) {
            if (op.type != SchemaOp::Type::RenameConstraint)
                continue;
            Constraint renamed = op.constraint;
            renamed.name = op.newName;
            carries[op.table].append({op.constraint.key(), renamed.key()});
        }
    }
    return carries;
}

/**
 * A renamed constraint enforces what it enforced under its old name, so every version that
 * honours it honours it under the new one too (rule 5 matches constraints by key, and a named
 * constraint's key holds its name). Renames apply in running order, so a chain of them
 * carries. Versions from @p first on, before @p end; the tables of @p carries, or of those
 * @p only names. A version's use of a table carries by that use and that table's renames alone.
 */
void carryHonoursAcrossRenames(const Carries &carries, QList<AppVersion> *apps, qsizetype first, qsizetype end,
                               const QSet<QString> *only = nullptr)
{
    end = qMin(end, apps->size());
    for (auto it = carries.cbegin(); it != carries.cend(); ++it) {
        if (only && !only->contains(it.key()))
            continue;
        // Versions one after another mostly share the table's usage (a release leaves most
        // tables alone): they share its carried copy too, instead of one copy of the honours each.
        TableUsage original, carried;
        bool any = false, changed = false;
        for (qsizetype a = first; a < end; ++a) {
            // Looked up read-only first: a write would copy the version's whole usage.
            const TableUsage *use = apps->at(a).usage.tables.find(it.key());
            if (!use)
                continue;
            if (!any || !(*use == original)) { // equal when shared: no look inside
                original = *use;
                carried = original;
                changed = false;
                for (const auto &[from, to] : it.value()) {
                    if (carried.honours.contains(from) && !carried.honours.contains(to)) {
                        carried.honours.insert(to);
                        changed = true;
                    }
                }
                any = true;
            }
            if (changed)
                (*apps)[a].usage.tables.insert(it.key(), carried);
        }
    }
}

/**
 * The refactorings @p indexes (in plan order) ordered so that each comes after those of them
 * it lists in "after"; otherwise the plan's order is kept (the first ready one goes next).
 */
QList<int> dependencyOrder(const Plan &plan, const QList<int> &indexes)
{
    QList<int> order, pending = indexes;
    while (!pending.isEmpty()) {
        qsizetype next = -1;
        for (qsizetype n = 0; n < pending.size() && next < 0; ++n) {
            const Refactoring &r = plan.refactorings.at(pending.at(n));
            const bool ready = std::none_of(r.after.cbegin(), r.after.cend(), [&](const QString &id) {
                const int d = plan.refactoringIndex(id);
                return d != pending.at(n) && pending.contains(d);
            });
            if (ready)
                next = n;
        }
        if (next < 0) { // a cycle: validateAfter has said so
            order += pending;
            break;
        }
        order << pending.takeAt(next);
    }
    return order;
}

/** Whether two placed steps are one: the same step of the same refactoring in the same place,
 *  its ops and usage shared. A step runFrom() kept from the run before shares them with it; a
 *  refactoring decomposed again has steps of its own (so they count as others). */
bool sameOrigin(const PlacedStep &a, const PlacedStep &b)
{
    const auto shared = [](const auto &x, const auto &y) {
        return x.size() == y.size() && (x.isEmpty() || x.constData() == y.constData());
    };
    return a.refactoring == b.refactoring && a.release == b.release && a.moved == b.moved
           && a.step.name == b.step.name && a.step.offset == b.step.offset && a.step.phase == b.step.phase
           && a.step.category == b.step.category && a.step.description == b.step.description
           && a.step.dependsOn == b.step.dependsOn && shared(a.step.ops, b.step.ops)
           && shared(a.step.usage, b.step.usage);
}

/** Whether two states hold the same schema and filled columns (the tables compared where
 *  the two do not share them). */
bool sameContents(const SchemaState &a, const SchemaState &b)
{
    QStringList differing;
    return a.filled.size() == b.filled.size() && a.schema.tables.differingKeys(b.schema.tables, &differing)
           && differing.isEmpty() && a.schema.views == b.schema.views && a.schema.procedures == b.schema.procedures
           && a.schema.sequences == b.schema.sequences && a.schema.enums == b.schema.enums && a.filled == b.filled;
}

} // namespace

bool Cell::ok() const
{
    return std::none_of(failures.cbegin(), failures.cend(), [](const Failure &f) {
        return !f.warning;
    });
}

Engine::Engine(const Plan &plan)
    : m_plan(plan)
{
    for (int i = 0; i < m_plan.releases.size(); ++i) {
        if (m_plan.releases.at(i).status != Release::Status::Cancelled) {
            m_releases.append(i);
            if (!m_positions.contains(m_plan.releases.at(i).id)) // the first of a duplicate id
                m_positions.insert(m_plan.releases.at(i).id, int(m_releases.size()));
        }
    }
}

const Release &Engine::release(int k) const
{
    return m_plan.releases.at(m_releases.at(k - 1));
}

int Engine::releasePosition(const QString &id) const
{
    return m_positions.value(id, 0);
}

QString Engine::releaseId(int k) const
{
    if (k == 0)
        return QStringLiteral("baseline");
    return k <= m_releases.size() ? release(k).id : QString();
}

int Engine::stateIndex(int release, Phase phase)
{
    return release == 0 ? 0 : 2 * release - (phase == Phase::Pre ? 1 : 0);
}

const SchemaState *Engine::state(int release, Phase phase) const
{
    const int i = stateIndex(release, phase);
    return i < m_states.size() ? &m_states.at(i) : nullptr;
}

void Engine::clear()
{
    m_cache.clear();
    m_states.clear();
    m_apps.clear();
    m_steps.clear();
    m_stepsByRelease.clear();
    m_stepRange.clear();
    m_cells.clear();
    m_cellResults.clear();
    m_rawUsage.clear();
    m_ran = false;
    m_firstChanged = 1;
    m_work = {};
    m_work.reusedFrom = m_work.cellsReusedFrom = releaseCount() + 1;
}

bool Engine::startingReleases(QHash<int, QList<int>> *starting, QList<PlanError> *errors) const
{
    const int errorCount = errors->size();
    for (int i = 0; i < m_plan.refactorings.size(); ++i) {
        const int k = releasePosition(m_plan.refactorings.at(i).start);
        if (k == 0) {
            errors->append({{},
                            refactoringField(i) + QStringLiteral(".start"),
                            QStringLiteral("unknown or cancelled release '%1'")
                                .arg(m_plan.refactorings.at(i).start)});
            continue;
        }
        (*starting)[k].append(i);
    }
    return errors->size() == errorCount;
}

bool Engine::run(QList<PlanError> *errors)
{
    clear();
    if (!PlanValidator::validateAfter(m_plan, {}, errors))
        return false;

    // Refactorings by start release, usage edits by release.
    QHash<int, QList<int>> starting;
    if (!startingReleases(&starting, errors))
        return false;

    SchemaState baseline;
    baseline.name = QStringLiteral("S_0 (baseline)");
    baseline.schema = m_plan.baseline.schema;
    // S_0 keeps the derived indexes P_1's derive from: a later runFrom from release 1 (a
    // refactoring starting there edited) derives them from what changed, not every table.
    baseline.schema.tables.refreshIndexes();
    m_states.append(baseline);
    m_apps.append({0, QStringLiteral("A_0 (baseline)"), AppUsage::fromBaseline(baseline.schema)});

    if (!runReleases(1, starting, nullptr, errors))
        return false;
    finish(1, nullptr);
    return true;
}

namespace {

/** How the state a release's refactorings decompose against differs from the previous run's. */
struct StateChange
{
    bool everything = false; // tables came or went, or views, procedures, sequences or enums differ
    QSet<QString> tables;    // tables that differ
    QSet<QString> related;   // tables their foreign keys (before or after) reference
    QSet<QString> names;     // nameKey() of indexes and constraints that came or went
    bool isEmpty() const { return !everything && tables.isEmpty() && names.isEmpty(); }
};

/**
 * What a fresh name a decomposer picks (Identifiers::derive, then a number while the name is
 * taken) has in common with the other names it may pick for the same object: its first 20
 * characters without digits and underscores, in lower case. derive() cuts a long base by bytes
 * (to 54 bytes less the suffix) before it appends a hash, so 20 ASCII characters always come
 * from the base; a name with other characters is cut sooner, so all such names share one key.
 * A name that came or went in the state can change the pick only if it has the same key.
 */
QString nameKey(const QString &name)
{
    const bool ascii = std::all_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (!ascii)
        return QStringLiteral("\x01");
    QString key = name.left(20).toLower();
    key.removeIf([](QChar c) { return c.isDigit() || c == QLatin1Char('_'); });
    return key;
}

QSet<QString> namesOf(const Table &t)
{
    QSet<QString> names;
    for (const Index &i : t.indexes)
        names << i.name;
    for (const Constraint &c : t.constraints)
        names << c.name;
    return names;
}

StateChange stateChange(const Schema &old, const Schema &now)
{
    StateChange change;
    QStringList keys;
    if (old.views != now.views || old.procedures != now.procedures || old.sequences != now.sequences
        || old.enums != now.enums || !old.tables.differingKeys(now.tables, &keys)) {
        change.everything = true;
        return change;
    }
    for (const QString &key : std::as_const(keys)) {
        const Table *before = old.table(key), *after = now.table(key);
        // Decomposers pick fresh names against every table's (Carry::takenNames).
        const QSet<QString> namesBefore = namesOf(*before), namesAfter = namesOf(*after);
        if (namesBefore != namesAfter) {
            for (const QString &name : (namesBefore - namesAfter) + (namesAfter - namesBefore))
                change.names.insert(nameKey(name));
        }
        change.tables.insert(key);
        for (const Table *t : {before, after}) {
            for (const Constraint &c : t->constraints) {
                if (c.kind == Constraint::Kind::ForeignKey)
                    change.related.insert(c.refTable);
            }
        }
    }
    return change;
}

void addNames(const QJsonValue &value, QSet<QString> *names)
{
    if (value.isString()) {
        const QString text = value.toString();
        names->insert(text);
        // SQL text: every word, in case a decomposer looks a name up from it.
        qsizetype start = -1;
        for (qsizetype i = 0; i <= text.size(); ++i) {
            const bool word = i < text.size()
                              && (text.at(i).isLetterOrNumber() || text.at(i) == QLatin1Char('_')
                                  || text.at(i) == QLatin1Char('$'));
            if (word && start < 0)
                start = i;
            else if (!word && start >= 0) {
                names->insert(text.mid(start, i - start));
                start = -1;
            }
        }
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            addNames(v, names);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addNames(it.value(), names);
    }
}

/** What a refactoring's decomposition may read: every name in its parameters and every
 *  table its steps name (@p names), and the nameKey() of every name its steps create (@p
 *  created). */
void readSet(const Refactoring &r, const PlacedStep *begin, const PlacedStep *end, QSet<QString> *names,
             QSet<QString> *created)
{
    addNames(QJsonValue(r.params), names);
    for (const PlacedStep *p = begin; p != end; ++p) {
        for (const SchemaOp &op : p->step.ops) {
            for (const QString &name : namesIntroduced(op))
                created->insert(nameKey(name));
            for (const QString &name : {op.table, op.toTable, op.newTable.name, op.view.name, op.newName,
                                        op.constraint.refTable, op.view.baseTable}) {
                if (!name.isEmpty())
                    names->insert(name);
            }
            for (const Constraint &c : op.newTable.constraints)
                names->insert(c.refTable);
        }
    }
}

/** Whether @p change may change what a decomposer reading @p names and creating names of the
 *  keys @p created sees in @p now. */
bool affects(const StateChange &change, const QSet<QString> &names, const QSet<QString> &created, const Schema &now)
{
    if (change.everything || change.tables.intersects(names) || change.related.intersects(names)
        || change.names.intersects(created))
        return true;
    if (change.tables.isEmpty())
        return false;
    for (const QString &name : names) { // their foreign keys into a changed table
        if (const Table *t = now.table(name)) {
            for (const Constraint &c : t->constraints) {
                if (c.kind == Constraint::Kind::ForeignKey && change.tables.contains(c.refTable))
                    return true;
            }
        }
    }
    return false;
}

} // namespace

bool Engine::runReleases(int from, const QHash<int, QList<int>> &starting, Reuse *reuse, QList<PlanError> *errors)
{
    const Engine *previous = reuse ? reuse->previous : nullptr;
    QSet<int> *redo = reuse ? &reuse->redo : nullptr;
    // S_{k-1} is the previous run's: known by comparing it, or by induction (the same steps
    // applied to the same state give the same state). S_{from-1} is the previous run's own.
    bool stateMet = true;
    for (int k = from; k <= releaseCount(); ++k) {
        const QString id = releaseId(k);
        const Schema &before = m_states.last().schema;
        std::optional<StateChange> change; // from the previous run's S_{k-1}, when asked
        // Dependencies ("after") first: a dependant decomposes against what they leave.
        for (int i : dependencyOrder(m_plan, starting.value(k))) {
            if (previous && !redo->contains(i)) {
                const Refactoring &r = m_plan.refactorings.at(i);
                const bool dependencyRedone = std::any_of(r.after.cbegin(), r.after.cend(), [&](const QString &d) {
                    return redo->contains(m_plan.refactoringIndex(d));
                });
                const QPair<int, int> range = previous->m_stepRange.value(i);
                const PlacedStep *steps = previous->m_steps.constData();
                if (!dependencyRedone) {
                    if (!change)
                        change = stateChange(previous->m_states.at(stateIndex(k - 1, Phase::Post)).schema, before);
                    QSet<QString> names, created;
                    if (!change->isEmpty())
                        readSet(r, steps + range.first, steps + range.second, &names, &created);
                    if (change->isEmpty() || !affects(*change, names, created, before)) {
                        m_stepRange.insert(i, {int(m_steps.size()), int(m_steps.size()) + range.second - range.first});
                        for (int s = range.first; s < range.second; ++s) {
                            m_stepsByRelease[steps[s].release].append(m_steps.size());
                            m_steps.append(steps[s]);
                        }
                        continue;
                    }
                }
                redo->insert(i);
            }
            if (!placeSteps(i, before, errors))
                return false;
        }
        SchemaState pre = m_states.last();
        pre.release = k;
        pre.phase = Phase::Pre;
        pre.name = QStringLiteral("P_%1 (%2 pre)").arg(k).arg(id);
        if (!applyDbSteps(k, true, &pre, errors))
            return false;
        // The state's indexes derive from the last state's plus the tables its steps changed;
        // the states copied from it (and the next ones) derive from them in turn.
        pre.schema.tables.refreshIndexes();
        m_states.append(pre);

        SchemaState post = pre;
        post.phase = Phase::Post;
        post.name = QStringLiteral("S_%1 (%2 post)").arg(k).arg(id);
        if (!applyDbSteps(k, false, &post, errors))
            return false;
        post.schema.tables.refreshIndexes();
        m_states.append(post);

        AppVersion app{k, QStringLiteral("A_%1 (%2)").arg(k).arg(id), m_apps.last().usage};
        for (int i : m_stepsByRelease.value(k)) {
            for (const UsageOp &op : m_steps.at(i).step.usage)
                app.usage.apply(op);
        }
        if (!applyUsage(k, &app.usage, pre.schema, errors))
            return false;
        m_apps.append(app);

        if (!previous)
            continue;
        // Where this run meets the previous one, it stops: the same S_k and A_k, the same
        // steps after k of the refactorings started so far, and (after the settled release)
        // the same refactorings starting later on the same states, and the same usage edits,
        // make the same rest.
        const QList<int> mine = m_stepsByRelease.value(k), theirs = previous->m_stepsByRelease.value(k);
        stateMet = stateMet
                   && std::equal(mine.cbegin(), mine.cend(), theirs.cbegin(), theirs.cend(), [&](int a, int b) {
                          return sameOrigin(m_steps.at(a), previous->m_steps.at(b));
                      });
        if (k < reuse->settled || k == releaseCount())
            continue;
        const auto end = std::partition_point(previous->m_steps.cbegin(), previous->m_steps.cend(),
                                              [&](const PlacedStep &p) { return reuse->startOf.at(p.refactoring) <= k; });
        const qsizetype previousEnd = end - previous->m_steps.cbegin();
        if (!laterStepsKept(*previous, k, previousEnd) || !(m_apps.last().usage == previous->m_rawUsage.at(k)))
            continue;
        if (!stateMet)
            stateMet = sameContents(m_states.last(), previous->m_states.at(stateIndex(k, Phase::Post)));
        if (stateMet) {
            takeOver(*reuse, k, previousEnd);
            return true;
        }
    }
    return true;
}

bool Engine::laterStepsKept(const Engine &previous, int k, qsizetype previousEnd) const
{
    for (auto it = m_stepsByRelease.cbegin(); it != m_stepsByRelease.cend(); ++it) {
        if (it.key() <= k)
            continue;
        const QList<int> &mine = it.value();
        const auto found = previous.m_stepsByRelease.constFind(it.key());
        if (found == previous.m_stepsByRelease.cend())
            return false;
        const QList<int> &theirs = found.value();
        if (theirs.size() < mine.size() || (theirs.size() > mine.size() && theirs.at(mine.size()) < previousEnd))
            return false;
        for (qsizetype i = 0; i < mine.size(); ++i) {
            if (theirs.at(i) >= previousEnd || !sameOrigin(m_steps.at(mine.at(i)), previous.m_steps.at(theirs.at(i))))
                return false;
        }
    }
    // A release after k where only the previous run placed steps of those refactorings.
    for (auto it = previous.m_stepsByRelease.cbegin(); it != previous.m_stepsByRelease.cend(); ++it) {
        if (it.key() > k && !it.value().isEmpty() && it.value().first() < previousEnd
            && !m_stepsByRelease.contains(it.key()))
            return false;
    }
    return true;
}

void Engine::takeOver(const Reuse &reuse, int k, qsizetype previousEnd)
{
    const Engine &previous = *reuse.previous;
    m_work.reusedFrom = k + 1;
    // The steps after k of the refactorings started by k are the previous run's (laterStepsKept);
    // theirs hold the schema before them.
    for (auto it = m_stepsByRelease.cbegin(); it != m_stepsByRelease.cend(); ++it) {
        if (it.key() <= k)
            continue;
        const QList<int> &theirs = previous.m_stepsByRelease.value(it.key());
        for (qsizetype i = 0; i < it.value().size(); ++i)
            m_steps[it.value().at(i)] = previous.m_steps.at(theirs.at(i));
    }
    // The refactorings starting after k: the same, placed as before, after those.
    const int shift = int(m_steps.size() - previousEnd);
    m_steps.reserve(previous.m_steps.size() + shift);
    for (qsizetype s = previousEnd; s < previous.m_steps.size(); ++s)
        m_steps.append(previous.m_steps.at(s));
    for (auto it = previous.m_stepsByRelease.cbegin(); it != previous.m_stepsByRelease.cend(); ++it) {
        if (it.key() <= k || it.value().isEmpty() || it.value().last() < previousEnd)
            continue;
        QList<int> &list = m_stepsByRelease[it.key()];
        for (int s : it.value()) {
            if (s >= previousEnd)
                list.append(s + shift);
        }
    }
    for (auto it = previous.m_stepRange.cbegin(); it != previous.m_stepRange.cend(); ++it) {
        if (reuse.startOf.at(it.key()) > k)
            m_stepRange.insert(it.key(), {it.value().first + shift, it.value().second + shift});
    }
    // P_{k+1}, S_{k+1}, … and A_{k+1}, … (before the honours carry, which finish() applies).
    m_states.append(previous.m_states.mid(stateIndex(k + 1, Phase::Pre)));
    for (int a = k + 1; a <= releaseCount(); ++a)
        m_apps.append({a, previous.m_apps.at(a).name, previous.m_rawUsage.at(a)});
}

void Engine::finish(int from, const Engine *previous)
{
    m_rawUsage.clear();
    m_rawUsage.reserve(m_apps.size());
    for (const AppVersion &app : std::as_const(m_apps))
        m_rawUsage.append(app.usage);
    const Carries carries = carriesOf(m_steps);
    const int reused = m_work.reusedFrom;
    int appsMet = int(m_apps.size()); // from this version on, each is the previous run's, after the carry too
    if (!previous) {
        carryHonoursAcrossRenames(carries, &m_apps, 0, m_apps.size());
    } else {
        // The tables whose renames carry otherwise than in the previous run.
        const Carries was = carriesOf(previous->m_steps);
        QSet<QString> changed;
        for (auto it = carries.cbegin(); it != carries.cend(); ++it) {
            if (was.value(it.key()) != it.value())
                changed.insert(it.key());
        }
        for (auto it = was.cbegin(); it != was.cend(); ++it) {
            if (!carries.contains(it.key()))
                changed.insert(it.key());
        }
        // The versions the edit left as they were (before @p from, and those runFrom took
        // over) carry as they did, but for those tables: carried again from their raw use.
        for (const auto &[first, end] : {std::pair(0, from), std::pair(reused, releaseCount() + 1)}) {
            for (int k = first; k < end; ++k) {
                m_apps[k].usage = previous->m_apps.at(k).usage;
                for (const QString &table : std::as_const(changed)) {
                    if (const TableUsage *raw = m_rawUsage.at(k).tables.find(table))
                        m_apps[k].usage.tables.insert(table, *raw);
                }
            }
            if (!changed.isEmpty())
                carryHonoursAcrossRenames(carries, &m_apps, first, end, &changed);
        }
        carryHonoursAcrossRenames(carries, &m_apps, from, reused);
        const auto sameCarry = [&](int k) {
            return std::all_of(changed.cbegin(), changed.cend(), [&](const QString &table) {
                const TableUsage *now = m_apps.at(k).usage.tables.find(table),
                                 *then = previous->m_apps.at(k).usage.tables.find(table);
                return now == then || (now && then && *now == *then);
            });
        };
        // A version before @p from that carries otherwise has other cells from there on;
        for (int k = 0; k < from; ++k) {
            if (!sameCarry(k)) {
                from = qMax(1, k);
                break;
            }
        }
        // those taken over (and A_{reused-1}, which runFrom found as it was before the carry)
        // are the previous run's from the first after the last that carries otherwise.
        if (reused <= releaseCount()) {
            while (appsMet > reused - 1 && sameCarry(appsMet - 1))
                --appsMet;
        }
    }
    computeCells(from, previous, appsMet);
    // The review reuses what lies before firstChangedRelease(): cells recomputed from an
    // earlier release make that release the first changed one.
    m_firstChanged = qMin(m_firstChanged, from);
    m_ran = true;
}

bool Engine::runFrom(const Engine &previous, QList<PlanError> *errors)
{
    const Plan &old = previous.m_plan;
    if (!previous.m_ran || old.releases != m_plan.releases || old.dialect != m_plan.dialect
        || !(old.policy == m_plan.policy) || !(old.baseline == m_plan.baseline)
        || old.refactorings.size() != m_plan.refactorings.size())
        return run(errors);

    // What the edit changed: refactorings compared by value, index by index, and those that
    // come after them.
    QHash<QString, int> indexOf;
    QSet<int> redo;
    for (int i = 0; i < m_plan.refactorings.size(); ++i) {
        const Refactoring &r = m_plan.refactorings.at(i);
        if (r.id != old.refactorings.at(i).id)
            return run(errors);
        indexOf.insert(r.id, i);
        if (!(r == old.refactorings.at(i)))
            redo.insert(i);
    }
    for (bool grew = !redo.isEmpty(); grew;) {
        grew = false;
        for (int i = 0; i < m_plan.refactorings.size(); ++i) {
            const QStringList &after = m_plan.refactorings.at(i).after;
            if (!redo.contains(i) && std::any_of(after.cbegin(), after.cend(), [&](const QString &d) {
                    return redo.contains(indexOf.value(d, -1));
                })) {
                redo.insert(i);
                grew = true;
            }
        }
    }
    QList<PlanError> refused; // the errors come from run(), in its order
    QHash<int, QList<int>> starting;
    if (!PlanValidator::validateAfter(m_plan, {}, &refused) || !startingReleases(&starting, &refused))
        return run(errors);

    // k0: the first release where a changed refactoring starts or has a step, before or after,
    // or whose usage edits differ.
    int k0 = releaseCount() + 1;
    for (int i : std::as_const(redo)) {
        k0 = qMin(k0, releasePosition(old.refactorings.at(i).start));
        k0 = qMin(k0, releasePosition(m_plan.refactorings.at(i).start));
        const QPair<int, int> range = previous.m_stepRange.value(i);
        for (int s = range.first; s < range.second; ++s)
            k0 = qMin(k0, previous.m_steps.at(s).release);
    }
    // After the settled release, both plans start the same (unchanged) refactorings and make
    // the same usage edits: where the states meet, the rest is the same.
    Reuse reuse;
    reuse.previous = &previous;
    for (int i : std::as_const(redo)) {
        reuse.settled = qMax(reuse.settled, releasePosition(old.refactorings.at(i).start));
        reuse.settled = qMax(reuse.settled, releasePosition(m_plan.refactorings.at(i).start));
    }
    if (old.usage != m_plan.usage) {
        QHash<QString, QList<UsageEdit>> before, after;
        for (const UsageEdit &e : old.usage)
            before[e.release].append(e);
        for (const UsageEdit &e : m_plan.usage)
            after[e.release].append(e);
        for (int k = 1; k <= releaseCount(); ++k) {
            if (before.value(releaseId(k)) != after.value(releaseId(k))) {
                k0 = qMin(k0, k);
                reuse.settled = qMax(reuse.settled, k);
            }
        }
    }

    clear();
    m_firstChanged = k0;
    // Releases before k0 as they were: S_0 … S_{k0-1}, A_0 … A_{k0-1} (before the honours
    // renames carry, which finish() applies again), and the steps of the refactorings that
    // start before k0 (the first ones: steps are in the order of their refactorings' starts).
    m_states = previous.m_states.mid(0, stateIndex(k0 - 1, Phase::Post) + 1);
    for (int k = 0; k < k0; ++k)
        m_apps.append({k, previous.m_apps.at(k).name, previous.m_rawUsage.at(k)});
    QList<int> &startOf = reuse.startOf;
    startOf.resize(m_plan.refactorings.size());
    for (auto it = starting.cbegin(); it != starting.cend(); ++it) {
        for (int i : it.value())
            startOf[i] = it.key();
    }
    qsizetype kept = 0;
    while (kept < previous.m_steps.size() && startOf.at(previous.m_steps.at(kept).refactoring) < k0)
        ++kept;
    m_steps = previous.m_steps.mid(0, kept);
    for (qsizetype s = 0; s < kept; ++s)
        m_stepsByRelease[m_steps.at(s).release].append(int(s));
    for (auto it = previous.m_stepRange.cbegin(); it != previous.m_stepRange.cend(); ++it) {
        if (startOf.at(it.key()) < k0)
            m_stepRange.insert(it.key(), it.value());
    }

    reuse.redo = std::move(redo);
    if (!runReleases(k0, starting, &reuse, &refused))
        return run(errors);
    finish(k0, &previous);
    return true;
}

bool Engine::placeSteps(int index, const Schema &before, QList<PlanError> *errors)
{
    ++m_work.decomposed;
    const Refactoring &refactoring = m_plan.refactorings.at(index);
    const QString field = refactoringField(index);
    // A kind that cannot run on the plan's engine says why (KindSpec::unsupported), and SQL
    // per engine must have the plan's engine: the decomposers do not know the engine.
    if (const KindSpec *spec = Catalog::kind(refactoring.kind)) {
        const auto reason = spec->unsupported.constFind(m_plan.dialect);
        if (reason != spec->unsupported.cend()) {
            errors->append({{},
                            field + QStringLiteral(".kind"),
                            QStringLiteral("%1 cannot run on this plan's engine: %2").arg(refactoring.kind, *reason)});
            return false;
        }
        for (const ParamSpec &p : spec->params) {
            const QJsonValue v = refactoring.params.value(p.name);
            if (p.type != ParamType::DialectSql || !p.required || !v.isObject()
                || v.toObject().contains(m_plan.dialect))
                continue;
            errors->append({{},
                            field + QStringLiteral(".params.") + p.name,
                            QStringLiteral("'%1' has no SQL for %2, the plan's engine (it has: %3)")
                                .arg(p.name, m_plan.dialect, v.toObject().keys().join(QStringLiteral(", ")))});
            return false;
        }
    }
    const int start = releasePosition(refactoring.start);
    Schema state = before;
    if (!dependencyState(index, start, &state, errors))
        return false;
    QList<Step> steps;
    PlanError error;
    if (!Catalog::decompose(refactoring, state, field, &steps, &error)
        || !Catalog::checkDialect(refactoring, state, m_plan.dialect, field, &error)) {
        const QString hint = afterHint(index, start, state);
        if (!hint.isEmpty())
            error.message += QStringLiteral("; ") + hint;
        errors->append(error);
        return false;
    }
    QHash<QString, int> byName;
    QList<PlacedStep> placed;
    for (const Step &step : steps) {
        PlacedStep p{index, step, start + step.offset, false, {}};
        if (refactoring.moves.contains(step.name)) {
            const QString target = refactoring.moves.value(step.name);
            const int k = releasePosition(target);
            const QString moveField = field + QStringLiteral(".moves.") + step.name;
            if (k == 0) {
                errors->append({{},
                                moveField,
                                QStringLiteral("unknown or cancelled release '%1'").arg(target)});
                return false;
            }
            if (k < start) {
                errors->append(
                    {{},
                     moveField,
                     QStringLiteral("cannot move step %1 to %2, before the refactoring starts (%3)")
                         .arg(step.name, target, refactoring.start)});
                return false;
            }
            p.release = k;
            p.moved = true;
        }
        byName.insert(step.name, placed.size());
        placed.append(p);
    }
    for (auto it = refactoring.moves.cbegin(); it != refactoring.moves.cend(); ++it) {
        if (!byName.contains(it.key())) {
            QStringList names;
            for (const Step &s : steps)
                names << s.name;
            errors->append({{},
                            field + QStringLiteral(".moves.") + it.key(),
                            QStringLiteral("refactoring %1 has no step '%2' (its steps: %3)")
                                .arg(refactoring.id, it.key(), names.join(QStringLiteral(", ")))});
            return false;
        }
    }
    // A step never runs before a step it depends on.
    for (const PlacedStep &p : std::as_const(placed)) {
        for (const QString &dependency : p.step.dependsOn) {
            if (!byName.contains(dependency))
                continue; // a conditional step this refactoring does not have
            const PlacedStep &d = placed.at(byName.value(dependency));
            if (runsBefore(p.release, p.step.phase, d.release, d.step.phase)) {
                const PlacedStep &culprit = p.moved ? p : d;
                errors->append(
                    {{},
                     field + QStringLiteral(".moves.") + culprit.step.name,
                     QStringLiteral(
                         "step %1 (%2, %3) would run before step %4 (%5, %6), which it depends on")
                         .arg(p.step.name,
                              releaseId(p.release).isEmpty() ? QStringLiteral("beyond the plan")
                                                             : releaseId(p.release),
                              phaseName(p.step.phase),
                              d.step.name,
                              releaseId(d.release).isEmpty() ? QStringLiteral("beyond the plan")
                                                             : releaseId(d.release),
                              phaseName(d.step.phase))});
                return false;
            }
        }
    }
    // Moves only delay a step (DESIGN.md §4): the catalog's placement is the earliest safe one.
    for (const PlacedStep &p : std::as_const(placed)) {
        const int defaultRelease = start + p.step.offset;
        if (p.moved && p.release < defaultRelease) {
            errors->append(
                {{},
                 field + QStringLiteral(".moves.") + p.step.name,
                 QStringLiteral("step %1 can only move to a release after its default, %2; "
                                "%3 is earlier")
                     .arg(p.step.name,
                          releaseId(defaultRelease).isEmpty() ? QStringLiteral("beyond the plan")
                                                              : releaseId(defaultRelease),
                          releaseId(p.release))});
            return false;
        }
    }
    // Every name a step brings into the database must be one the plan's engine keeps as written.
    if (const Dialect *dialect = Dialect::forName(m_plan.dialect)) {
        for (const PlacedStep &p : std::as_const(placed)) {
            for (const SchemaOp &op : p.step.ops) {
                for (const QString &name : namesIntroduced(op)) {
                    const QString problem = dialect->identifierProblem(name);
                    if (problem.isEmpty())
                        continue;
                    errors->append({{},
                                    field + QStringLiteral(".params"),
                                    QStringLiteral("step %1 would create \"%2\" on %3: %4")
                                        .arg(p.step.name, name, dialect->title(), problem)});
                    return false;
                }
            }
        }
    }
    if (!checkDependencies(index, start, placed, errors))
        return false;
    m_stepRange.insert(index, {int(m_steps.size()), int(m_steps.size() + placed.size())});
    for (PlacedStep &p : placed) {
        // Kept until the results go: without the room the decomposers' lists grew into
        // (SchemaOp is large, over a kilobyte, and is kept for every DB step of the plan).
        p.step.ops.squeeze();
        p.step.usage.squeeze();
        m_stepsByRelease[p.release].append(m_steps.size());
        m_steps.append(std::move(p));
    }
    return true;
}

int Engine::defaultRelease(const PlacedStep &p) const
{
    return releasePosition(m_plan.refactorings.at(p.refactoring).start) + p.step.offset;
}

bool Engine::dependencyState(int index, int k, Schema *schema, QList<PlanError> *errors) const
{
    // The dependencies, and theirs: all of them are placed already (they start no later and
    // come first in their release).
    QSet<int> closure;
    QList<int> queue{index};
    while (!queue.isEmpty()) {
        for (const QString &id : m_plan.refactorings.at(queue.takeFirst()).after) {
            const int d = m_plan.refactoringIndex(id);
            if (d >= 0 && d != index && !closure.contains(d)) {
                closure.insert(d);
                queue.append(d);
            }
        }
    }
    if (closure.isEmpty())
        return true;
    // Their DB steps of release k, and those a move took past k that would be there without
    // it (checkDependencies then names the move), in the release's running order.
    QList<const PlacedStep *> due;
    for (const PlacedStep &p : m_steps) {
        if (closure.contains(p.refactoring) && !p.step.isAppStep()
            && (p.release == k || (defaultRelease(p) <= k && p.release > k)))
            due.append(&p);
    }
    std::stable_sort(due.begin(), due.end(), [](const PlacedStep *a, const PlacedStep *b) {
        return a->step.phase < b->step.phase;
    });
    QSet<QString> filled;
    for (const PlacedStep *p : std::as_const(due)) {
        for (const SchemaOp &op : p->step.ops) {
            QString error;
            if (!applySchemaOp(op, schema, &filled, &error)) {
                errors->append({{},
                                refactoringField(index) + QStringLiteral(".after"),
                                QStringLiteral("step %1 of %2, which %3 comes after, cannot run in %4: %5")
                                    .arg(p->step.name, m_plan.refactorings.at(p->refactoring).id,
                                         m_plan.refactorings.at(index).id, releaseId(k), error)});
                return false;
            }
        }
    }
    return true;
}

QString Engine::afterHint(int index, int k, const Schema &schema) const
{
    const Refactoring &refactoring = m_plan.refactorings.at(index);
    for (int j = 0; j < m_plan.refactorings.size(); ++j) {
        const Refactoring &other = m_plan.refactorings.at(j);
        const int start = releasePosition(other.start);
        if (j == index || refactoring.after.contains(other.id) || start == 0 || start > k)
            continue;
        // What the other refactoring does in release k: its placed steps, or, when it is not
        // placed yet (it starts in k, later in the plan), its default placement.
        QList<Step> due;
        bool placed = false;
        for (const PlacedStep &p : m_steps) {
            if (p.refactoring != j)
                continue;
            placed = true;
            if (!p.step.isAppStep() && p.release == k)
                due.append(p.step);
        }
        if (!placed) {
            QList<Step> steps;
            PlanError ignored;
            if (start != k || !Catalog::decompose(other, schema, refactoringField(j), &steps, &ignored))
                continue;
            for (const Step &s : std::as_const(steps)) {
                if (!s.isAppStep() && s.offset == 0)
                    due.append(s);
            }
        }
        if (due.isEmpty())
            continue;
        std::stable_sort(due.begin(), due.end(), [](const Step &a, const Step &b) { return a.phase < b.phase; });
        Schema trial = schema;
        QSet<QString> filled;
        bool applied = true;
        for (const Step &s : std::as_const(due)) {
            for (const SchemaOp &op : s.ops) {
                QString ignored;
                applied = applied && applySchemaOp(op, &trial, &filled, &ignored);
            }
        }
        QList<Step> steps;
        PlanError ignored;
        if (applied && Catalog::decompose(refactoring, trial, refactoringField(index), &steps, &ignored))
            return QStringLiteral("refactoring %1 makes it in %2: add \"after\": [\"%1\"] to %3")
                .arg(other.id, releaseId(k), refactoring.id);
    }
    return {};
}

bool Engine::checkDependencies(int index, int k, const QList<PlacedStep> &placed, QList<PlanError> *errors) const
{
    const Refactoring &refactoring = m_plan.refactorings.at(index);
    auto where = [this](const PlacedStep &p) {
        const QString release = releaseId(p.release);
        return QStringLiteral("%1, %2").arg(release.isEmpty() ? QStringLiteral("beyond the plan") : release,
                                            phaseName(p.step.phase));
    };
    for (int a = 0; a < refactoring.after.size(); ++a) {
        const int d = m_plan.refactoringIndex(refactoring.after.at(a));
        if (d < 0 || d == index)
            continue;
        const QString dependency = m_plan.refactorings.at(d).id;
        for (const PlacedStep &ds : m_steps) {
            // The dependency's DB steps up to the dependant's start make what it needs.
            if (ds.refactoring != d || ds.step.isAppStep() || (defaultRelease(ds) > k && ds.release > k))
                continue;
            for (const PlacedStep &ps : placed) {
                if (!runsBefore(ps.release, ps.step.phase, ds.release, ds.step.phase))
                    continue;
                const QString field = ds.moved   ? refactoringField(d) + QStringLiteral(".moves.") + ds.step.name
                                      : ps.moved ? refactoringField(index) + QStringLiteral(".moves.") + ps.step.name
                                                 : refactoringField(index) + QStringLiteral(".after[%1]").arg(a);
                errors->append({{},
                                field,
                                QStringLiteral("step %1 of %2 (%3) would run before step %4 of %5 (%6), which it "
                                               "comes after (\"after\": [\"%5\"]): %2 must start later, or %5's "
                                               "step run earlier")
                                    .arg(ps.step.name, refactoring.id, where(ps), ds.step.name, dependency, where(ds))});
                return false;
            }
        }
    }
    return true;
}

bool Engine::applyDbSteps(int k, bool beforeSwitch, SchemaState *state, QList<PlanError> *errors)
{
    // Within a release: phase order first, then plan order (m_steps is in plan order).
    QList<PlacedStep *> due;
    for (int i : m_stepsByRelease.value(k)) {
        PlacedStep &p = m_steps[i];
        if (!p.step.isAppStep() && isBeforeSwitch(p.step.phase) == beforeSwitch)
            due.append(&p);
    }
    std::stable_sort(due.begin(), due.end(), [](const PlacedStep *a, const PlacedStep *b) {
        return a->step.phase < b->step.phase;
    });
    for (PlacedStep *p : std::as_const(due)) {
        // Shared, not copied: the scripts of this step are generated against it later.
        p->before = state->schema;
        // Read through a const list: the ops stay shared with the run that placed the step
        // (runFrom keeps them), and the review tells a step it kept by them.
        for (const SchemaOp &op : std::as_const(p->step.ops)) {
            QString error;
            if (!applySchemaOp(op, &state->schema, &state->filled, &error)) {
                errors->append({{},
                                refactoringField(p->refactoring),
                                QStringLiteral("step %1 of %2 in %3: %4")
                                    .arg(p->step.name,
                                         m_plan.refactorings.at(p->refactoring).id,
                                         state->name,
                                         error)});
                return false;
            }
        }
    }
    return true;
}

bool Engine::applyUsage(int k, AppUsage *usage, const Schema &schema, QList<PlanError> *errors)
{
    const QString id = releaseId(k);
    for (int i = 0; i < m_plan.usage.size(); ++i) {
        const UsageEdit &edit = m_plan.usage.at(i);
        if (edit.release != id)
            continue;
        const QString field = QStringLiteral("usage[%1]").arg(i);
        if (!edit.procedure.isEmpty()) {
            const auto procedure = schema.procedures.constFind(edit.procedure);
            if (procedure == schema.procedures.cend()) {
                errors->append(
                    {{},
                     field + QStringLiteral(".procedure"),
                     QStringLiteral("unknown procedure '%1' in %2").arg(edit.procedure, id)});
                return false;
            }
            for (const QString &parameter : edit.passes.add) {
                if (!procedure->parameter(parameter)) {
                    errors->append({{},
                                    field + QStringLiteral(".passes"),
                                    QStringLiteral("procedure %1 has no parameter '%2'")
                                        .arg(edit.procedure, parameter)});
                    return false;
                }
            }
        } else {
            const Table *table = schema.table(edit.table);
            const auto view = schema.views.constFind(edit.table);
            if (!table && view == schema.views.cend()) {
                errors->append({{},
                                field + QStringLiteral(".table"),
                                QStringLiteral("unknown table '%1' in %2").arg(edit.table, id)});
                return false;
            }
            const QList<QPair<QString, const UsageDelta *>> deltas
                = {{QStringLiteral("reads"), &edit.reads},
                   {QStringLiteral("inserts"), &edit.inserts},
                   {QStringLiteral("updates"), &edit.updates}};
            for (const auto &[name, delta] : deltas) {
                for (const QString &column : delta->add) {
                    const bool known = table ? table->column(column) != nullptr
                                             : view->columns.contains(column);
                    if (!known) {
                        errors->append({{},
                                        field + QLatin1Char('.') + name,
                                        QStringLiteral("unknown column '%1' in %2 at %3")
                                            .arg(column, edit.table, id)});
                        return false;
                    }
                }
            }
        }
        usage->apply(edit, schema);
    }
    return true;
}

void Engine::computeCells(int from, const Engine *previous, int appsMet)
{
    // Release 1 checks every object its versions use (no rolling results come before it): a
    // function of A_0, A_1, P_1 and S_1 alone. When those are the previous run's (a
    // refactoring starting in r1 decomposed again the same), so are its cells and results.
    if (previous && from == 1 && releaseCount() >= 1 && m_apps.at(0).usage == previous->m_apps.at(0).usage
        && m_apps.at(1).usage == previous->m_apps.at(1).usage && sameContents(m_states.at(1), previous->m_states.at(1))
        && sameContents(m_states.at(2), previous->m_states.at(2)))
        from = 2;
    // Cells before release @p from are the previous run's, and the rolling results go on
    // from its release from - 1: what follows is then what a whole run computes.
    m_work.checkedFrom = from;
    m_work.cellsReusedFrom = releaseCount() + 1;
    const int perRelease = 4;
    if (previous && from > 1) {
        m_cells = previous->m_cells.mid(0, (from - 1) * perRelease);
        m_cellResults = previous->m_cellResults.mid(0, (from - 1) * perRelease);
    }

    // What each release changes: the tables its steps and usage edits touch, and the
    // procedures its usage edits touch. A matrix cell differs from the same kind of cell one
    // release earlier only in those objects, so only they are checked again; the others keep
    // their results. That keeps the whole matrix linear in the size of the plan. (The steps'
    // part is gathered release by release, as far as the cells are computed.)
    QList<QSet<QString>> tables(releaseCount() + 1), procedures(releaseCount() + 1);
    const auto touchedBySteps = [&](int k) {
        if (k < 1 || k > releaseCount())
            return;
        for (int i : m_stepsByRelease.value(k)) {
            const PlacedStep &p = m_steps.at(i);
            for (const SchemaOp &op : p.step.ops) {
                for (const QString &name : tablesNamed(op))
                    tables[k].insert(name);
                if (!op.view.name.isEmpty())
                    tables[k].insert(op.view.name);
                if (!op.procedure.name.isEmpty())
                    procedures[k].insert(op.procedure.name);
            }
            for (const UsageOp &op : p.step.usage) {
                if (!op.table.isEmpty())
                    tables[k].insert(op.table);
                if (!op.movesTo.isEmpty())
                    tables[k].insert(op.movesTo);
                if (!op.procedure.isEmpty())
                    procedures[k].insert(op.procedure);
            }
        }
    };
    touchedBySteps(from - 1);
    for (const UsageEdit &edit : std::as_const(m_plan.usage)) {
        const int k = releasePosition(edit.release);
        if (edit.procedure.isEmpty())
            tables[k].insert(edit.table);
        else
            procedures[k].insert(edit.procedure);
    }

    struct Kind
    {
        int appOffset; // A_{k-1} or A_k
        Phase phase;   // on P_k or S_k
        bool required;
        QMap<QString, QList<Failure>> relations; // only objects with failures
        QMap<QString, QList<Failure>> procedures;
    };
    QList<Kind> kinds{{-1, Phase::Pre, true, {}, {}},
                      {0, Phase::Pre, true, {}, {}},
                      {0, Phase::Post, true, {}, {}},
                      {-1, Phase::Post, m_plan.policy.rollbackSafe, {}, {}}};
    Q_ASSERT(kinds.size() == perRelease);
    if (previous && from > 1) {
        for (int j = 0; j < perRelease; ++j) {
            const CellResults &results = previous->m_cellResults.at((from - 2) * perRelease + j);
            kinds[j].relations = results.relations;
            kinds[j].procedures = results.procedures;
        }
    }

    auto update =
        [](QMap<QString, QList<Failure>> *results, const QString &name, QList<Failure> failures) {
            if (failures.isEmpty())
                results->remove(name);
            else
                results->insert(name, failures);
        };
    // From this release on, the cells of the next releases read what the previous run's read:
    // the same states and app versions, and releases holding the same steps and usage edits.
    const int meets = qMax(qMax(from, m_work.reusedFrom), appsMet);
    for (int k = from; k <= releaseCount(); ++k) {
        touchedBySteps(k);
        for (Kind &kind : kinds) {
            const int app = k + kind.appOffset;
            const int stateIdx = stateIndex(k, kind.phase);
            const AppUsage &usage = m_apps.at(app).usage;
            const SchemaState &state = m_states.at(stateIdx);
            const QList<const AppUsage *> others = runningWith(app, stateIdx);

            QSet<QString> dirtyTables, dirtyProcedures;
            if (k == 1) {
                const QStringList used = usage.tables.keys();
                dirtyTables = QSet<QString>(used.cbegin(), used.cend());
                dirtyProcedures = QSet<QString>(usage.calls.keyBegin(), usage.calls.keyEnd());
            } else {
                dirtyTables = tables.at(k - 1) + tables.at(k);
                dirtyProcedures = procedures.at(k - 1) + procedures.at(k);
            }
            // A view that writes through to a table is judged by that table's rules too.
            for (const View &v : state.schema.views) {
                if (!v.baseTable.isEmpty() && dirtyTables.contains(v.baseTable))
                    dirtyTables.insert(v.name);
            }
            m_work.checkedObjects += int(dirtyTables.size() + dirtyProcedures.size());
            for (const QString &name : std::as_const(dirtyTables)) {
                const auto use = usage.tables.constFind(name);
                update(&kind.relations,
                       name,
                       use == usage.tables.cend() ? QList<Failure>()
                                                  : Compatibility::checkRelation(name,
                                                                                 use.value(),
                                                                                 state.schema,
                                                                                 others,
                                                                                 state.filled));
            }
            for (const QString &name : std::as_const(dirtyProcedures)) {
                const auto passed = usage.calls.constFind(name);
                update(&kind.procedures,
                       name,
                       passed == usage.calls.cend()
                           ? QList<Failure>()
                           : Compatibility::checkProcedure(name, passed.value(), state.schema));
            }

            Cell cell{app, stateIdx, kind.required, {}};
            for (const QList<Failure> &f : std::as_const(kind.relations))
                cell.failures += f;
            for (const QList<Failure> &f : std::as_const(kind.procedures))
                cell.failures += f;
            Compatibility::render(&cell.failures, {m_apps.at(app).name, state.name});
            m_cells.append(cell);
            m_cellResults.append({kind.relations, kind.procedures});
        }
        // The same rolling results, with the same inputs from here on, give the same cells.
        bool met = previous && k >= meets && k < releaseCount();
        for (int j = 0; met && j < perRelease; ++j) {
            const CellResults &was = previous->m_cellResults.at((k - 1) * perRelease + j);
            met = kinds.at(j).relations == was.relations && kinds.at(j).procedures == was.procedures;
        }
        if (met) {
            m_cells.append(previous->m_cells.mid(k * perRelease));
            m_cellResults.append(previous->m_cellResults.mid(k * perRelease));
            m_work.cellsReusedFrom = k + 1;
            break;
        }
    }
}

QList<const AppUsage *> Engine::runningWith(int app, int stateIndex) const
{
    QList<int> running;
    const SchemaState &s = m_states.at(stateIndex);
    if (s.release == 0)
        running = {0};
    else if (s.phase == Phase::Pre)
        running = {s.release - 1, s.release};
    else if (m_plan.policy.rollbackSafe)
        running = {s.release, s.release - 1};
    else
        running = {s.release};
    QList<const AppUsage *> others;
    for (int a : std::as_const(running)) {
        if (a != app)
            others.append(&m_apps.at(a).usage);
    }
    return others;
}

QList<Failure> Engine::check(int app, int stateIndex) const
{
    const SchemaState &s = m_states.at(stateIndex);
    const AppVersion &a = m_apps.at(app);
    return Compatibility::check(a.usage,
                                s.schema,
                                runningWith(app, stateIndex),
                                s.filled,
                                {a.name, s.name});
}

bool Engine::compatible() const
{
    return std::all_of(m_cells.cbegin(), m_cells.cend(), [](const Cell &c) {
        return !c.required || c.ok();
    });
}

QList<PendingContract> Engine::pending() const
{
    int lastDeployed = 0;
    for (int k = 1; k <= releaseCount(); ++k) {
        if (release(k).status == Release::Status::Deployed)
            lastDeployed = k;
    }
    QList<PendingContract> result;
    for (int i = 0; i < m_plan.refactorings.size(); ++i) {
        const PlacedStep *expand = nullptr, *contract = nullptr;
        // The refactoring's own steps (they lie together in m_steps), not a scan of the plan's.
        const QPair<int, int> range = m_stepRange.value(i, {0, 0});
        for (int s = range.first; s < range.second; ++s) {
            const PlacedStep &p = m_steps.at(s);
            if (p.step.name == QLatin1String("expand"))
                expand = &p;
            else if (p.step.name == QLatin1String("contract"))
                contract = &p;
        }
        if (!expand || !contract || expand->release > releaseCount()
            || release(expand->release).status != Release::Status::Deployed)
            continue;
        const bool beyond = contract->release > releaseCount();
        if (!beyond && release(contract->release).status == Release::Status::Deployed)
            continue;
        const Refactoring &r = m_plan.refactorings.at(i);
        result.append({r.id,
                       r.kind,
                       releaseId(expand->release),
                       beyond ? QString() : releaseId(contract->release),
                       qMax(0, lastDeployed - expand->release),
                       beyond ? QStringLiteral("unscheduled") : QStringLiteral("scheduled")});
    }
    return result;
}

// -------------------------------------------------------------------------------------------

bool PlanValidator::validateAfter(const Plan &plan, const QString &fileName, QList<PlanError> *errors)
{
    const int before = errors->size();
    auto error = [&](const QString &field, const QString &message) {
        errors->append({fileName, field, message});
    };
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        const Refactoring &r = plan.refactorings.at(i);
        QSet<QString> seen;
        for (int j = 0; j < r.after.size(); ++j) {
            const QString &id = r.after.at(j);
            const QString field = refactoringField(i) + QStringLiteral(".after[%1]").arg(j);
            const int d = plan.refactoringIndex(id);
            if (seen.contains(id)) {
                error(field, QStringLiteral("'%1' is listed twice").arg(id));
            } else if (id == r.id) {
                error(field, QStringLiteral("refactoring '%1' cannot come after itself").arg(id));
            } else if (d < 0) {
                error(field, QStringLiteral("unknown refactoring '%1'").arg(id));
            } else {
                const int mine = plan.releaseIndex(r.start), theirs = plan.releaseIndex(plan.refactorings.at(d).start);
                if (mine >= 0 && theirs > mine)
                    error(field, QStringLiteral("'%1' starts in %2, after '%3' (%4): a refactoring can only come "
                                                "after one that starts in the same or an earlier release")
                                     .arg(id, plan.refactorings.at(d).start, r.id, r.start));
            }
            seen.insert(id);
        }
    }
    // Cycles: depth first along "after"; each is named once, at the first edge of the
    // refactoring the search entered it by.
    enum class Mark { None, Open, Done };
    QList<Mark> marks(plan.refactorings.size(), Mark::None);
    QList<int> path;
    std::function<void(int)> visit = [&](int i) {
        marks[i] = Mark::Open;
        path.append(i);
        const QStringList &after = plan.refactorings.at(i).after;
        for (const QString &id : after) {
            const int d = plan.refactoringIndex(id);
            if (d < 0 || d == i)
                continue;
            if (marks.at(d) == Mark::Open) {
                const QList<int> cycle = path.mid(path.indexOf(d));
                QStringList names;
                for (int c : cycle)
                    names << plan.refactorings.at(c).id;
                names << id;
                const int first = cycle.first();
                const QString next = plan.refactorings.at(cycle.size() > 1 ? cycle.at(1) : first).id;
                error(refactoringField(first) + QStringLiteral(".after[%1]").arg(plan.refactorings.at(first).after.indexOf(next)),
                      QStringLiteral("cycle: %1; a refactoring cannot (through others) come after itself")
                          .arg(names.join(QStringLiteral(" → "))));
                for (int c : cycle)
                    marks[c] = Mark::Done; // named once
            } else if (marks.at(d) == Mark::None) {
                visit(d);
            }
        }
        if (marks.at(i) == Mark::Open)
            marks[i] = Mark::Done;
        path.removeLast();
    };
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        if (marks.at(i) == Mark::None)
            visit(i);
    }
    return errors->size() == before;
}

bool PlanValidator::validate(const Plan &plan, const QString &fileName, QList<PlanError> *errors)
{
    const int before = errors->size();
    auto error = [&](const QString &field, const QString &message) {
        errors->append({fileName, field, message});
    };
    if (!Plan::dialects().contains(plan.dialect))
        error(QStringLiteral("dialect"),
              QStringLiteral("unknown dialect '%1' (expected one of: %2)")
                  .arg(plan.dialect, Plan::dialects().join(QStringLiteral(", "))));
    if (plan.policy.backfillBatch < 1)
        error(QStringLiteral("policy.backfillBatch"), QStringLiteral("must be at least 1"));
    // What `apply` records in the ledger of the target database must fit its columns: a plan
    // that cannot be recorded is refused here, not after its scripts ran.
    auto checkLength = [&](const QString &field, const QString &what, const QString &value, int limit,
                           const char *column) {
        if (value.size() > limit)
            error(field, QStringLiteral("%1 is %2 characters long; at most %3 fit the ledger of applied scripts "
                                        "(tideline_applied.%4)")
                             .arg(what)
                             .arg(value.size())
                             .arg(limit)
                             .arg(QLatin1String(column)));
    };
    checkLength(QStringLiteral("name"), QStringLiteral("the plan name"), plan.name, Applier::PlanNameLimit, "plan");

    QHash<QString, int> releases;
    for (int i = 0; i < plan.releases.size(); ++i) {
        const QString &id = plan.releases.at(i).id;
        const QString field = QStringLiteral("releases[%1].id").arg(i);
        if (id.isEmpty())
            error(field, QStringLiteral("a release needs an id"));
        else if (id == QLatin1String("baseline"))
            error(field, QStringLiteral("'baseline' is reserved for release 0"));
        else if (releases.contains(id))
            error(field,
                  QStringLiteral("duplicate release id '%1' (also releases[%2])")
                      .arg(id)
                      .arg(releases.value(id)));
        else
            releases.insert(id, i);
        checkLength(field, QStringLiteral("the release id"), id, Applier::ReleaseIdLimit, "release");
    }
    auto checkRelease = [&](const QString &field, const QString &id) {
        if (!releases.contains(id))
            error(field, QStringLiteral("unknown release '%1'").arg(id));
        else if (plan.releases.at(releases.value(id)).status == Release::Status::Cancelled)
            error(field, QStringLiteral("release '%1' is cancelled").arg(id));
    };

    // Names in the baseline: no control characters anywhere, and within the plan's engine's limit.
    const Dialect *dialect = Dialect::forName(plan.dialect);
    auto checkName = [&](const QString &field, const QString &what, const QString &name) {
        if (name.isEmpty())
            return; // unnamed constraints and indexes get their names from the dialect
        const QString problem = dialect ? dialect->identifierProblem(name) : Identifiers::problem(name);
        if (!problem.isEmpty())
            error(field, QStringLiteral("%1 \"%2\": %3").arg(what, name, problem));
    };
    for (const Table &t : plan.baseline.schema.tables) {
        const QString field = QStringLiteral("baseline.tables.") + t.name;
        checkName(field, QStringLiteral("table"), t.name);
        for (const Column &c : t.columns)
            checkName(field + QStringLiteral(".columns.") + c.name, QStringLiteral("column"), c.name);
        for (const Index &i : t.indexes)
            checkName(field + QStringLiteral(".indexes.") + i.name, QStringLiteral("index"), i.name);
        for (const Constraint &c : t.constraints)
            checkName(field + QStringLiteral(".constraints.") + c.name, QStringLiteral("constraint"), c.name);
    }
    for (const View &v : plan.baseline.schema.views)
        checkName(QStringLiteral("baseline.views.") + v.name, QStringLiteral("view"), v.name);
    for (const Sequence &q : plan.baseline.schema.sequences)
        checkName(QStringLiteral("baseline.sequences.") + q.name, QStringLiteral("sequence"), q.name);
    for (const EnumType &e : plan.baseline.schema.enums)
        checkName(QStringLiteral("baseline.enums.") + e.name, QStringLiteral("enum type"), e.name);

    for (auto it = plan.baseline.rows.cbegin(); it != plan.baseline.rows.cend(); ++it) {
        if (!plan.baseline.schema.tables.contains(it.key()))
            error(QStringLiteral("baseline.rows.") + it.key(),
                  QStringLiteral("unknown table '%1'").arg(it.key()));
    }

    QHash<QString, int> refactorings;
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        const Refactoring &r = plan.refactorings.at(i);
        const QString field = refactoringField(i);
        if (r.id.isEmpty())
            error(field + QStringLiteral(".id"), QStringLiteral("a refactoring needs an id"));
        else if (refactorings.contains(r.id))
            error(field + QStringLiteral(".id"),
                  QStringLiteral("duplicate refactoring id '%1' (also refactorings[%2])")
                      .arg(r.id)
                      .arg(refactorings.value(r.id)));
        else
            refactorings.insert(r.id, i);
        checkLength(field + QStringLiteral(".id"), QStringLiteral("the refactoring id (part of its scripts' paths)"),
                    r.id, Applier::RefactoringIdLimit, "path");
        const KindSpec *spec = Catalog::kind(r.kind);
        if (!spec) {
            QStringList names;
            for (const KindSpec &k : Catalog::kinds())
                names << k.name;
            error(field + QStringLiteral(".kind"),
                  QStringLiteral("unknown kind '%1' (known kinds: %2)")
                      .arg(r.kind, names.join(QStringLiteral(", "))));
        }
        checkRelease(field + QStringLiteral(".start"), r.start);
        for (auto m = r.moves.cbegin(); m != r.moves.cend(); ++m) {
            const QString moveField = field + QStringLiteral(".moves.") + m.key();
            if (spec && !spec->step(m.key())) {
                QStringList names;
                for (const StepSpec &s : spec->steps)
                    names << s.name;
                error(moveField,
                      QStringLiteral("kind %1 has no step '%2' (its steps: %3)")
                          .arg(r.kind, m.key(), names.join(QStringLiteral(", "))));
            }
            checkRelease(moveField, m.value());
        }
    }

    validateAfter(plan, fileName, errors);

    for (int i = 0; i < plan.usage.size(); ++i) {
        const UsageEdit &u = plan.usage.at(i);
        const QString field = QStringLiteral("usage[%1]").arg(i);
        checkRelease(field + QStringLiteral(".release"), u.release);
        if (u.table.isEmpty() == u.procedure.isEmpty())
            error(field,
                  QStringLiteral("a usage edit names exactly one of 'table' and 'procedure'"));
    }

    for (auto it = plan.statements.cbegin(); it != plan.statements.cend(); ++it) {
        if (it.key() != QLatin1String("baseline"))
            checkRelease(QStringLiteral("statements.") + it.key(), it.key());
    }
    for (int i = 0; i < plan.acknowledgements.size(); ++i) {
        const Acknowledgement &a = plan.acknowledgements.at(i);
        const QString field = QStringLiteral("acknowledgements[%1]").arg(i);
        if (a.reason.trimmed().isEmpty())
            error(field + QStringLiteral(".reason"),
                  QStringLiteral("an acknowledgement needs a reason the team can read later"));
        if (!a.refactoring.isEmpty() && plan.refactoringIndex(a.refactoring) < 0)
            error(field + QStringLiteral(".refactoring"),
                  QStringLiteral("unknown refactoring '%1'").arg(a.refactoring));
    }
    return errors->size() == before;
}

} // namespace Tideline
