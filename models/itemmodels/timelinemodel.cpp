// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinemodel.h"

#include "categorystyle.h"

#include <catalog/catalog.h>
#include <engine/engine.h>

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace Tideline {

namespace {

QString chipKey(const QString &refactoring, const QString &step)
{
    return refactoring + QLatin1Char('\n') + step;
}

QString failureLines(const QList<Failure> &failures)
{
    QStringList lines;
    for (const Failure &f : failures)
        lines << (f.warning ? QStringLiteral("⚠ ") : QStringLiteral("✗ ")) + f.message;
    return lines.join(QLatin1Char('\n'));
}

QString releasesText(int n)
{
    return n == 1 ? TimelineModel::tr("1 release") : TimelineModel::tr("%1 releases").arg(n);
}

} // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

bool TimelineModel::Chip::operator==(const Chip &o) const
{
    return refactoring == o.refactoring && step == o.step && category == o.category
           && description == o.description && dependsOn == o.dependsOn && phase == o.phase
           && release == o.release && releaseId == o.releaseId && moved == o.moved
           && offline == o.offline && lane == o.lane && column == o.column && stack == o.stack;
}

bool TimelineModel::Arrow::operator==(const Arrow &o) const
{
    return appRelease == o.appRelease && stateRelease == o.stateRelease
           && statePhase == o.statePhase && appName == o.appName && stateName == o.stateName
           && required == o.required && ok == o.ok && warning == o.warning && reasons == o.reasons;
}

bool TimelineModel::Lane::operator==(const Lane &o) const
{
    return kind == o.kind && title == o.title && subtitle == o.subtitle && table == o.table
           && refactoring == o.refactoring && catalogKind == o.catalogKind && note == o.note
           && depth == o.depth && chips == o.chips && pending == o.pending
           && pendingAge == o.pendingAge && contractScheduled == o.contractScheduled
           && expandRelease == o.expandRelease && contractRelease == o.contractRelease
           && pendingText == o.pendingText;
}

bool TimelineModel::ReleaseInfo::operator==(const ReleaseInfo &o) const
{
    return id == o.id && label == o.label && date == o.date && status == o.status
           && badge == o.badge && badgeColor == o.badgeColor && history == o.history;
}

void TimelineModel::setEngine(const Engine *engine, const QStringList &problems)
{
    if (engine && m_hasEngine && problems == m_problems && update(*engine))
        return;
    beginResetModel();
    m_hasEngine = engine != nullptr;
    m_problems = problems;
    m_hasLater = false;
    m_releases.clear();
    m_releasePositions.clear();
    m_refactorings.clear();
    m_lanes.clear();
    m_laneOf.clear();
    m_chips.clear();
    m_chipOf.clear();
    m_apps.clear();
    m_states.clear();
    m_arrows.clear();
    m_arrowsByRelease.clear();
    m_arrowsByApp.clear();

    if (engine) {
        const int m = engine->releaseCount();
        m_releases = releaseInfos(*engine);
        for (int k = 1; k <= m; ++k)
            m_releasePositions.insert(m_releases.at(k - 1).id, k);
        buildChecks(*engine, &m_apps, &m_states, &m_arrows, &m_arrowsByRelease, &m_arrowsByApp);

        Lane appLane;
        appLane.kind = LaneKind::App;
        appLane.title = tr("App");
        appLane.subtitle = tr("application versions");
        Lane schemaLane;
        schemaLane.kind = LaneKind::Schema;
        schemaLane.title = tr("Schema");
        schemaLane.subtitle = tr("schema states");
        m_lanes << appLane << schemaLane;

        const Plan &plan = engine->plan();
        m_refactorings = plan.refactorings;
        QHash<QString, PendingContract> pending;
        for (const PendingContract &p : engine->pending())
            pending.insert(p.refactoring, p);
        for (const Refactoring &r : plan.refactorings) {
            Lane lane = refactoringLane(r);
            const auto p = pending.constFind(r.id);
            setPending(&lane, p != pending.cend() ? &*p : nullptr);
            m_laneOf.insert(r.id, int(m_lanes.size()));
            m_lanes.append(lane);
        }

        for (const PlacedStep &p : engine->steps())
            m_hasLater = m_hasLater || p.release > m;
        for (int i = 0; i < engine->steps().size(); ++i) {
            const Chip chip = chipOf(*engine, i);
            m_chipOf.insert(chipKey(chip.refactoring, chip.step), int(m_chips.size()));
            m_lanes[chip.lane].chips.append(int(m_chips.size()));
            m_chips.append(chip);
        }
        for (Lane &lane : m_lanes)
            stackChips(&lane);
    }
    endResetModel();
}

bool TimelineModel::update(const Engine &engine)
{
    // The same rows, columns and chips (by index), or a reset.
    const Plan &plan = engine.plan();
    const int m = engine.releaseCount();
    const QList<PlacedStep> &steps = engine.steps();
    if (m != releaseCount() || plan.refactorings.size() != m_refactorings.size()
        || steps.size() != m_chips.size())
        return false;
    const QList<ReleaseInfo> releases = releaseInfos(engine);
    if (releases != m_releases)
        return false; // headers, columns and the chips' tooltips name them
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        if (plan.refactorings.at(i).id != m_refactorings.at(i).id)
            return false;
    }
    bool later = false;
    for (int i = 0; i < steps.size(); ++i) {
        const PlacedStep &p = steps.at(i);
        const Chip &shown = m_chips.at(i);
        if (p.step.name != shown.step || plan.refactorings.at(p.refactoring).id != shown.refactoring)
            return false;
        later = later || p.release > m;
    }
    if (later != m_hasLater)
        return false;

    // What the run shows, built into copies: nothing changes until the update is known to fit.
    QList<Chip> chips = m_chips;
    QList<Lane> lanes = m_lanes;
    QList<bool> laneChanged(lanes.size(), false);
    int firstRow = int(lanes.size()), lastRow = -1, firstColumn = columnCount(), lastColumn = -1;
    const auto changed = [&](int row, int column) {
        firstRow = qMin(firstRow, row);
        lastRow = qMax(lastRow, row);
        firstColumn = qMin(firstColumn, column);
        lastColumn = qMax(lastColumn, column);
    };
    QList<bool> restack(lanes.size(), false);
    for (int i = 0; i < steps.size(); ++i) {
        Chip chip = chipOf(engine, i);
        chip.stack = chips.at(i).stack;
        if (chip == chips.at(i))
            continue;
        changed(chip.lane, chip.column);
        changed(chips.at(i).lane, chips.at(i).column);
        restack[chip.lane] = true;
        chips[i] = chip;
    }
    // Lanes: a refactoring whose value differs gets its header again, every lane its pending.
    QHash<QString, PendingContract> pending;
    for (const PendingContract &p : engine.pending())
        pending.insert(p.refactoring, p);
    for (int i = 0; i < plan.refactorings.size(); ++i) {
        const int row = i + 2;
        Lane lane = lanes.at(row);
        if (!(plan.refactorings.at(i) == m_refactorings.at(i))) {
            Lane fresh = refactoringLane(plan.refactorings.at(i));
            fresh.chips = lane.chips;
            fresh.depth = lane.depth;
            lane = fresh;
        }
        const auto p = pending.constFind(lane.refactoring);
        setPending(&lane, p != pending.cend() ? &*p : nullptr);
        if (restack.at(row)) {
            std::swap(m_chips, chips); // stackChips() reads and stacks m_chips
            lane.depth = 1;
            stackChips(&lane);
            std::swap(m_chips, chips);
            if (lane.depth != lanes.at(row).depth) {
                return false; // every lane below moves: the grid lays out again
            }
            for (int c : std::as_const(lane.chips)) {
                if (chips.at(c) != m_chips.at(c))
                    changed(row, chips.at(c).column);
            }
        }
        if (lane != lanes.at(row)) {
            laneChanged[row] = true;
            lanes[row] = lane;
        }
    }

    // The App and Schema lanes: their points and arrows where they differ.
    QList<Point> apps, states;
    QList<Arrow> arrows;
    QHash<int, QList<int>> byRelease, byApp;
    buildChecks(engine, &apps, &states, &arrows, &byRelease, &byApp);
    if (apps.size() != m_apps.size() || states.size() != m_states.size())
        return false;
    const auto releaseChanged = [&](int k) {
        const int first = k == 0 ? 0 : column(k, Phase::Pre);
        const int last = k == 0 ? 0 : column(k, Phase::Post);
        changed(appLane(), first);
        changed(schemaLane(), last);
    };
    for (int k = 0; k < apps.size(); ++k) {
        if (apps.at(k) != m_apps.at(k))
            releaseChanged(engine.apps().at(k).release);
    }
    for (int i = 0; i < states.size(); ++i) {
        if (states.at(i) != m_states.at(i))
            releaseChanged(engine.states().at(i).release);
    }
    if (arrows.size() != m_arrows.size()) {
        changed(appLane(), 0);
        changed(schemaLane(), columnCount() - 1);
    } else {
        for (int a = 0; a < arrows.size(); ++a) {
            if (arrows.at(a) == m_arrows.at(a))
                continue;
            releaseChanged(arrows.at(a).appRelease);
            releaseChanged(m_arrows.at(a).appRelease);
            releaseChanged(arrows.at(a).stateRelease);
            releaseChanged(m_arrows.at(a).stateRelease);
        }
    }

    m_refactorings = plan.refactorings;
    m_chips = std::move(chips);
    m_lanes = std::move(lanes);
    m_apps = std::move(apps);
    m_states = std::move(states);
    m_arrows = std::move(arrows);
    m_arrowsByRelease = std::move(byRelease);
    m_arrowsByApp = std::move(byApp);
    if (lastRow >= 0)
        emit dataChanged(index(firstRow, firstColumn), index(lastRow, lastColumn));
    for (int row = 0; row < laneChanged.size(); ++row) {
        if (!laneChanged.at(row))
            continue;
        int last = row;
        while (last + 1 < laneChanged.size() && laneChanged.at(last + 1))
            ++last;
        emit headerDataChanged(Qt::Vertical, row, last);
        row = last;
    }
    return true;
}

QList<TimelineModel::ReleaseInfo> TimelineModel::releaseInfos(const Engine &engine) const
{
    QList<ReleaseInfo> releases;
    const int m = engine.releaseCount();
    releases.reserve(m);
    for (int k = 1; k <= m; ++k) {
        const Release &r = engine.release(k);
        ReleaseInfo info{r.id, r.label.isEmpty() ? r.id : r.label, r.date, r.status, {}, {}};
        const auto badge = m_badges.constFind(r.id);
        if (badge != m_badges.cend()) {
            info.badge = badge->first;
            info.badgeColor = badge->second;
        }
        // Who marked it deployed (or re-opened it), when and why: the plan's history.
        for (auto it = engine.plan().history.crbegin(); it != engine.plan().history.crend(); ++it) {
            if (it->release != r.id)
                continue;
            const QString when = QLocale().toString(it->when.toUTC(), QLocale::ShortFormat);
            info.history = it->action == HistoryEntry::Action::Deployed
                               ? tr("marked deployed by %1, %2 UTC").arg(it->who, when)
                               : tr("re-opened by %1, %2 UTC: %3").arg(it->who, when, it->why);
            break;
        }
        releases.append(info);
    }
    return releases;
}

void TimelineModel::buildChecks(const Engine &engine, QList<Point> *apps, QList<Point> *states,
                                QList<Arrow> *arrows, QHash<int, QList<int>> *byRelease,
                                QHash<int, QList<int>> *byApp)
{
    // App and Schema points, then the arrows (the matrix cells) with their reasons.
    for (const AppVersion &a : engine.apps())
        apps->append({a.name, true, {}});
    for (const SchemaState &s : engine.states())
        states->append({s.name, true, {}});
    for (const Cell &cell : engine.cells()) {
        const AppVersion &app = engine.apps().at(cell.app);
        const SchemaState &state = engine.states().at(cell.state);
        Arrow arrow;
        arrow.appRelease = app.release;
        arrow.stateRelease = state.release;
        arrow.statePhase = state.phase;
        arrow.appName = app.name;
        arrow.stateName = state.name;
        arrow.required = cell.required;
        arrow.ok = cell.ok();
        arrow.warning = std::any_of(cell.failures.cbegin(), cell.failures.cend(),
                                    [](const Failure &f) { return f.warning; });
        arrow.reasons = failureLines(cell.failures);
        const int index = int(arrows->size());
        arrows->append(arrow);
        (*byRelease)[state.release].append(index);
        (*byApp)[app.release].append(index);
        if (cell.required && !arrow.ok) {
            for (Point *p : {&(*apps)[cell.app], &(*states)[cell.state]}) {
                p->ok = false;
                QString line = p == &(*apps)[cell.app] ? tr("on %1:").arg(state.name)
                                                       : tr("%1 on it:").arg(app.name);
                p->reasons += (p->reasons.isEmpty() ? QString() : QStringLiteral("\n"))
                              + line + QLatin1Char('\n') + arrow.reasons;
            }
        }
    }
}

TimelineModel::Lane TimelineModel::refactoringLane(const Refactoring &r)
{
    Lane lane;
    lane.title = r.id;
    lane.refactoring = r.id;
    lane.catalogKind = r.kind;
    const KindSpec *spec = Catalog::kind(r.kind);
    lane.subtitle = spec ? spec->title : r.kind;
    // The table it works on, so lanes of the same kind tell apart at a glance.
    lane.table = spec ? subjectOf(*spec, r.params) : QString();
    lane.note = r.note;
    return lane;
}

void TimelineModel::setPending(Lane *lane, const PendingContract *p)
{
    lane->pending = p != nullptr;
    lane->pendingAge = p ? p->age : 0;
    lane->contractScheduled = !p || !p->contractRelease.isEmpty();
    lane->expandRelease = p ? p->expandRelease : QString();
    lane->contractRelease = p ? p->contractRelease : QString();
    lane->pendingText.clear();
    if (!p)
        return;
    // Where the expand shipped says more than an age of 0; the age shows once deployed
    // releases have gone by.
    lane->pendingText = tr("pending since %1").arg(p->expandRelease);
    if (p->age > 0)
        lane->pendingText += tr(" · %1").arg(releasesText(p->age));
    if (!lane->contractScheduled)
        lane->pendingText += tr(" · no contract");
}

TimelineModel::Chip TimelineModel::chipOf(const Engine &engine, int step) const
{
    const PlacedStep &p = engine.steps().at(step);
    const int m = engine.releaseCount();
    Chip chip;
    chip.refactoring = engine.plan().refactorings.at(p.refactoring).id;
    chip.step = p.step.name;
    chip.category = p.step.category;
    chip.description = p.step.description;
    chip.dependsOn = p.step.dependsOn;
    chip.phase = p.step.phase;
    chip.release = p.release;
    chip.releaseId = p.release <= m ? engine.releaseId(p.release) : QString();
    chip.moved = p.moved;
    chip.offline = p.step.phase == Phase::Offline;
    chip.lane = p.refactoring + 2; // after the App and Schema lanes, in the plan's order
    chip.column = chip.release > m ? laterColumn() : column(chip.release, chip.phase);
    return chip;
}

void TimelineModel::stackChips(Lane *lane)
{
    std::stable_sort(lane->chips.begin(), lane->chips.end(), [this](int a, int b) {
        const Chip &ca = m_chips.at(a), &cb = m_chips.at(b);
        if (ca.column != cb.column)
            return ca.column < cb.column;
        return ca.phase < cb.phase; // offline before pre in the pre slot
    });
    int previous = -1, stack = 0;
    for (int c : std::as_const(lane->chips)) {
        Chip &chip = m_chips[c];
        stack = chip.column == previous ? stack + 1 : 0;
        previous = chip.column;
        chip.stack = stack;
        lane->depth = qMax(lane->depth, stack + 1);
    }
}

void TimelineModel::setReleaseBadge(const QString &releaseId, const QString &text, const QColor &color)
{
    if (text.isEmpty())
        m_badges.remove(releaseId);
    else
        m_badges.insert(releaseId, {text, color});
    const int k = releasePosition(releaseId);
    if (k == 0)
        return;
    m_releases[k - 1].badge = text;
    m_releases[k - 1].badgeColor = text.isEmpty() ? QColor() : color;
    emit headerDataChanged(Qt::Horizontal, column(k, Phase::Pre), column(k, Phase::Post));
}

int TimelineModel::releasePosition(const QString &id) const
{
    return m_releasePositions.value(id, 0);
}

int TimelineModel::slotOf(Phase phase)
{
    switch (phase) {
    case Phase::Offline:
    case Phase::Pre:
        return 0;
    case Phase::Backfill:
        return 1;
    case Phase::App:
        return 2;
    case Phase::Post:
        return 3;
    }
    return 0;
}

Phase TimelineModel::phaseOfSlot(int slot)
{
    static constexpr Phase phases[] = {Phase::Pre, Phase::Backfill, Phase::App, Phase::Post};
    return phases[qBound(0, slot, 3)];
}

int TimelineModel::column(int k, Phase phase) const
{
    return 1 + 4 * (k - 1) + slotOf(phase);
}

TimelineModel::SlotKind TimelineModel::slotKind(int column) const
{
    if (column == 0)
        return SlotKind::Baseline;
    if (column == laterColumn())
        return SlotKind::Later;
    return SlotKind::Phase;
}

int TimelineModel::releaseOfColumn(int column) const
{
    if (column <= 0)
        return 0;
    if (column == laterColumn())
        return releaseCount() + 1;
    return 1 + (column - 1) / 4;
}

Phase TimelineModel::phaseOfColumn(int column) const
{
    if (slotKind(column) != SlotKind::Phase)
        return Phase::Pre;
    return phaseOfSlot((column - 1) % 4);
}

int TimelineModel::laneOf(const QString &refactoring) const
{
    return m_laneOf.value(refactoring, -1);
}

int TimelineModel::chipIndex(const QString &refactoring, const QString &step) const
{
    return m_chipOf.value(chipKey(refactoring, step), -1);
}

QList<int> TimelineModel::chipsAt(int lane, int column) const
{
    QList<int> result;
    if (lane < 0 || lane >= m_lanes.size())
        return result;
    const QList<int> &chips = m_lanes.at(lane).chips;
    auto it = std::lower_bound(chips.cbegin(), chips.cend(), column, [this](int c, int col) {
        return m_chips.at(c).column < col;
    });
    for (; it != chips.cend() && m_chips.at(*it).column == column; ++it)
        result.append(*it);
    return result;
}

const TimelineModel::Point &TimelineModel::state(int k, Phase phase) const
{
    return m_states.at(Engine::stateIndex(k, phase));
}

QString TimelineModel::phaseLabel(Phase phase)
{
    switch (phase) {
    case Phase::Offline:
        return tr("offline");
    case Phase::Pre:
        return tr("pre");
    case Phase::Backfill:
        return tr("backfill");
    case Phase::App:
        return tr("app");
    case Phase::Post:
        return tr("post");
    }
    return {};
}

QString TimelineModel::chipToolTip(int index) const
{
    const Chip &chip = m_chips.at(index);
    QStringList lines;
    lines << tr("%1 · %2").arg(chip.refactoring, chip.step);
    lines << tr("%1 step, %2 phase, %3")
                 .arg(CategoryStyle::label(chip.category),
                      phaseLabel(chip.phase),
                      chip.releaseId.isEmpty() ? tr("beyond the plan's last release")
                                               : tr("release %1").arg(release(chip.release).label));
    if (!chip.description.isEmpty())
        lines << chip.description;
    if (!chip.dependsOn.isEmpty())
        lines << tr("Runs no earlier than: %1").arg(chip.dependsOn.join(QStringLiteral(", ")));
    if (chip.moved)
        lines << tr("Moved from its default release.");
    if (chip.offline)
        lines << tr("Needs a maintenance window (offline).");
    return lines.join(QLatin1Char('\n'));
}

QString TimelineModel::arrowToolTip(int index) const
{
    const Arrow &a = m_arrows.at(index);
    QString head = a.ok ? tr("%1 runs on %2").arg(a.appName, a.stateName)
                        : tr("%1 does not run on %2").arg(a.appName, a.stateName);
    head += a.required ? tr(" (required)") : tr(" (not required: the plan is not rollback-safe)");
    if (a.reasons.isEmpty())
        return head;
    return head + QLatin1Char('\n') + a.reasons;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lanes.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_hasEngine)
        return 0;
    return 1 + 4 * releaseCount() + (m_hasLater ? 1 : 0);
}

QVariantMap TimelineModel::chipMap(const Chip &chip) const
{
    return {{QStringLiteral("refactoring"), chip.refactoring},
            {QStringLiteral("step"), chip.step},
            {QStringLiteral("category"), chip.category},
            {QStringLiteral("label"), CategoryStyle::label(chip.category)},
            {QStringLiteral("phase"), phaseName(chip.phase)},
            {QStringLiteral("release"), chip.releaseId},
            {QStringLiteral("moved"), chip.moved},
            {QStringLiteral("offline"), chip.offline},
            {QStringLiteral("description"), chip.description},
            {QStringLiteral("dependsOn"), chip.dependsOn}};
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row(), col = index.column();
    const Lane &lane = m_lanes.at(row);
    if (role == LaneKindRole)
        return int(lane.kind);
    if (role == RefactoringRole && lane.kind == LaneKind::Refactoring)
        return lane.refactoring;

    const int k = releaseOfColumn(col);
    const SlotKind slot = slotKind(col);
    const Phase phase = phaseOfColumn(col);
    const Point *point = nullptr;
    if (lane.kind == LaneKind::App) {
        if (slot == SlotKind::Baseline || (slot == SlotKind::Phase && phase == Phase::App))
            point = &m_apps.at(k);
    } else if (lane.kind == LaneKind::Schema) {
        if (slot == SlotKind::Baseline)
            point = &m_states.at(0);
        else if (slot == SlotKind::Phase && (phase == Phase::Pre || phase == Phase::Post))
            point = &state(k, phase);
    }

    if (lane.kind != LaneKind::Refactoring) {
        if (!point)
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return point->name.section(QLatin1Char(' '), 0, 0); // "P_2"
        case StateNameRole:
            return point->name;
        case Qt::ToolTipRole:
            return point->reasons.isEmpty() ? point->name
                                            : point->name + QLatin1Char('\n') + point->reasons;
        case OkRole:
            return point->ok;
        case ReasonsRole:
            return point->reasons;
        case ArrowsRole: {
            if (lane.kind != LaneKind::App)
                return {};
            QVariantList list;
            for (int a : m_arrowsByApp.value(k)) {
                const Arrow &arrow = m_arrows.at(a);
                list.append(QVariantMap{{QStringLiteral("state"), arrow.stateName},
                                        {QStringLiteral("required"), arrow.required},
                                        {QStringLiteral("ok"), arrow.ok},
                                        {QStringLiteral("reasons"), arrow.reasons}});
            }
            return list;
        }
        default:
            return {};
        }
    }

    const QList<int> chips = chipsAt(row, col);
    if (chips.isEmpty())
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        QStringList names;
        for (int c : chips)
            names << m_chips.at(c).step;
        return names.join(QStringLiteral(", "));
    }
    case Qt::ToolTipRole: {
        QStringList tips;
        for (int c : chips)
            tips << chipToolTip(c);
        return tips.join(QStringLiteral("\n\n"));
    }
    case Qt::BackgroundRole:
        return CategoryStyle::color(m_chips.at(chips.first()).category);
    case Qt::ForegroundRole:
        return CategoryStyle::textColor(m_chips.at(chips.first()).category);
    case ChipsRole: {
        QVariantList list;
        for (int c : chips)
            list.append(chipMap(m_chips.at(c)));
        return list;
    }
    default:
        return {};
    }
}

QVariant TimelineModel::laneData(int row, int role) const
{
    const Lane &lane = m_lanes.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return lane.title;
    case Qt::ToolTipRole: {
        QStringList lines{lane.title,
                          lane.table.isEmpty() ? lane.subtitle : lane.subtitle + QStringLiteral(" · ") + lane.table};
        if (!lane.note.isEmpty())
            lines << lane.note;
        if (lane.pending)
            lines << (lane.contractScheduled
                          ? tr("Contract pending for %1 since %2; scheduled in %3.")
                                .arg(releasesText(lane.pendingAge), lane.expandRelease, lane.contractRelease)
                          : tr("Contract pending for %1 since %2; not scheduled in this plan.")
                                .arg(releasesText(lane.pendingAge), lane.expandRelease));
        return lines.join(QLatin1Char('\n'));
    }
    case LaneKindRole:
        return int(lane.kind);
    case RefactoringRole:
        return lane.kind == LaneKind::Refactoring ? QVariant(lane.refactoring) : QVariant();
    case RefactoringKindRole:
        return lane.kind == LaneKind::Refactoring ? QVariant(lane.catalogKind) : QVariant();
    case PendingRole:
        return lane.pending;
    case PendingAgeRole:
        return lane.pending ? QVariant(lane.pendingAge) : QVariant();
    case PendingTextRole:
        return lane.pending ? QVariant(lane.pendingText) : QVariant();
    default:
        return {};
    }
}

QVariant TimelineModel::slotData(int column, int role) const
{
    const SlotKind slot = slotKind(column);
    const int k = releaseOfColumn(column);
    const ReleaseInfo *info = slot == SlotKind::Phase ? &m_releases.at(k - 1) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        if (slot == SlotKind::Baseline)
            return tr("Today");
        if (slot == SlotKind::Later)
            return tr("Later");
        return tr("%1 · %2").arg(info->label, phaseLabel(phaseOfColumn(column)));
    case Qt::ToolTipRole:
        if (!info)
            return slot == SlotKind::Baseline ? tr("Today: the baseline schema S_0 and app A_0")
                                              : tr("Later: steps beyond the plan's last release");
        return tr("%1 (%2), %3%4")
            .arg(info->label, info->id, Release::statusName(info->status),
                 info->date.isValid() ? tr(", %1").arg(info->date.toString(Qt::ISODate)) : QString());
    case SlotKindRole:
        return int(slot);
    case ReleaseIdRole:
        return slot == SlotKind::Baseline ? QStringLiteral("baseline")
                                          : (info ? info->id : QString());
    case ReleasePositionRole:
        return k;
    case ReleaseLabelRole:
        return info ? info->label : QVariant();
    case ReleaseDateRole:
        return info && info->date.isValid() ? QVariant(info->date) : QVariant();
    case ReleaseStatusRole:
        return info ? Release::statusName(info->status) : QVariant();
    case BadgeTextRole:
        return info && !info->badge.isEmpty() ? QVariant(info->badge) : QVariant();
    case BadgeColorRole:
        return info && !info->badge.isEmpty() ? QVariant(info->badgeColor) : QVariant();
    case PhaseRole:
        return info ? QVariant(int(phaseOfColumn(column))) : QVariant();
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section < 0)
        return {};
    if (orientation == Qt::Vertical)
        return section < rowCount() ? laneData(section, role) : QVariant();
    return section < columnCount() ? slotData(section, role) : QVariant();
}

} // namespace Tideline
