// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinelayout.h"

#include <itemmodels/timelinemodel.h>

#include <QFontMetrics>

#include <algorithm>
#include <cmath>

namespace Tideline {

namespace {

int scaled(int base, double zoom)
{
    return qMax(1, int(std::lround(base * zoom)));
}

QFont withPixelSize(QFont font, double size, bool bold = false)
{
    font.setPixelSize(qMax(7, int(std::lround(size))));
    font.setBold(bold);
    return font;
}

} // namespace

void TimelineLayout::rebuild(const TimelineModel *model, double zoom, const QFont &base)
{
    m_model = model;
    Metrics &m = m_metrics;
    m.zoom = zoom;
    // Text grows more slowly than the grid, so that zooming out keeps labels legible and
    // zooming in gives the chips room rather than only bigger letters.
    const double textZoom = std::sqrt(zoom);
    m.font = withPixelSize(base, 13 * textZoom);
    m.boldFont = withPixelSize(base, 13 * textZoom, true);
    m.smallFont = withPixelSize(base, 11 * textZoom);
    m.chipFont = withPixelSize(base, 12 * textZoom, true);

    m.slotWidth = scaled(80, zoom);
    static constexpr int phaseWidths[4] = {76, 72, 104, 76};
    for (int i = 0; i < 4; ++i)
        m.phaseWidth[i] = scaled(phaseWidths[i], zoom);
    m.baselineWidth = scaled(64, zoom);
    m.laterWidth = scaled(96, zoom);
    m.laneHeaderWidth = qBound(170, scaled(214, textZoom), 300);
    const QFontMetrics fm(m.font), small(m.smallFont), chip(m.chipFont);
    m.releaseHeaderHeight = fm.height() + small.height() + scaled(12, textZoom);
    m.phaseHeaderHeight = small.height() + scaled(6, textZoom);
    // The corner above the lane headers holds the legend: four rows of the small font.
    QFont legend = m.smallFont;
    legend.setPixelSize(qMax(8, legend.pixelSize() - 1));
    const int legendHeight = 4 * (QFontMetrics(legend).height() + 2) + 6;
    m.releaseHeaderHeight = qMax(m.releaseHeaderHeight, legendHeight - m.phaseHeaderHeight);
    m.chipHeight = qMax(chip.height() + 6, scaled(24, zoom));
    m.chipGap = scaled(4, zoom);
    m.lanePad = scaled(6, zoom);
    m.pointHeight = qMax(fm.height() + 6, scaled(24, zoom));
    m.arrowBand = scaled(60, zoom);

    m_columnX.clear();
    m_laneY.clear();
    if (!model || !model->hasEngine())
        return;

    const int columns = model->columnCount();
    m_columnX.reserve(columns + 1);
    m_columnX.append(0);
    for (int c = 0; c < columns; ++c) {
        int width = m.phaseWidth[TimelineModel::slotOf(model->phaseOfColumn(c))];
        switch (model->slotKind(c)) {
        case TimelineModel::SlotKind::Baseline:
            width = m.baselineWidth;
            break;
        case TimelineModel::SlotKind::Later:
            width = m.laterWidth;
            break;
        case TimelineModel::SlotKind::Phase:
            break;
        }
        m_columnX.append(m_columnX.last() + width);
    }

    // A lane must fit its header text (title and subtitle) and its fullest cell.
    const int headerText = fm.height() + small.height() + 2 * m.lanePad;
    const QList<TimelineModel::Lane> &lanes = model->lanes();
    m_laneY.reserve(lanes.size() + 1);
    m_laneY.append(0);
    for (const TimelineModel::Lane &lane : lanes) {
        int height = 0;
        switch (lane.kind) {
        case TimelineModel::LaneKind::App:
            height = m.lanePad + m.pointHeight + m.arrowBand;
            break;
        case TimelineModel::LaneKind::Schema:
            height = qMax(headerText, m.pointHeight + 2 * m.lanePad);
            break;
        case TimelineModel::LaneKind::Refactoring:
            height = qMax(headerText + (lane.pending ? small.height() + 6 : 0),
                          lane.depth * m.chipHeight + (lane.depth - 1) * m.chipGap + 2 * m.lanePad);
            break;
        }
        m_laneY.append(m_laneY.last() + height);
    }
}

int TimelineLayout::columnAt(int x) const
{
    if (m_columnX.size() < 2 || x < 0 || x >= m_columnX.last())
        return -1;
    return int(std::upper_bound(m_columnX.cbegin(), m_columnX.cend(), x) - m_columnX.cbegin()) - 1;
}

int TimelineLayout::laneAt(int y) const
{
    if (m_laneY.size() < 2 || y < 0 || y >= m_laneY.last())
        return -1;
    return int(std::upper_bound(m_laneY.cbegin(), m_laneY.cend(), y) - m_laneY.cbegin()) - 1;
}

QRect TimelineLayout::cellRect(int lane, int column) const
{
    return QRect(columnX(column), laneY(lane), columnWidth(column), laneHeight(lane));
}

QRect TimelineLayout::chipRect(int index) const
{
    const TimelineModel::Chip &chip = m_model->chips().at(index);
    const QRect cell = cellRect(chip.lane, chip.column);
    const int inset = qMax(2, m_metrics.chipGap);
    const int stacked = m_model->lanes().at(chip.lane).depth;
    // Centre the stack vertically when the lane is taller than its chips (header text).
    const int stackHeight = stacked * m_metrics.chipHeight + (stacked - 1) * m_metrics.chipGap;
    const int top = cell.top() + qMax(m_metrics.lanePad, (cell.height() - stackHeight) / 2);
    return QRect(cell.left() + inset,
                 top + chip.stack * (m_metrics.chipHeight + m_metrics.chipGap),
                 cell.width() - 2 * inset,
                 m_metrics.chipHeight);
}

QRect TimelineLayout::appRect(int k) const
{
    const int column = k == 0 ? 0 : m_model->column(k, Phase::App);
    const int inset = qMax(3, columnWidth(column) / 6);
    return QRect(columnX(column) + inset,
                 laneY(m_model->appLane()) + m_metrics.lanePad,
                 columnWidth(column) - 2 * inset,
                 m_metrics.pointHeight);
}

QRect TimelineLayout::stateRect(int k, Phase phase) const
{
    const int column = k == 0 ? 0 : m_model->column(k, phase);
    const int lane = m_model->schemaLane();
    const int inset = qMax(3, columnWidth(column) / 8);
    return QRect(columnX(column) + inset,
                 laneY(lane) + (laneHeight(lane) - m_metrics.pointHeight) / 2,
                 columnWidth(column) - 2 * inset,
                 m_metrics.pointHeight);
}

// An arrow leaves its app box at the bottom and enters its state box at the top. Each box
// spreads its arrows over its edge in the order of the other ends, so that they do not cross
// at the box.
QPointF TimelineLayout::arrowStart(int index) const
{
    const TimelineModel::Arrow &arrow = m_model->arrows().at(index);
    QList<int> siblings = m_model->arrowsOfApp(arrow.appRelease);
    const auto targetX = [this](int a) {
        const TimelineModel::Arrow &o = m_model->arrows().at(a);
        return stateRect(o.stateRelease, o.statePhase).center().x();
    };
    std::sort(siblings.begin(), siblings.end(), [&](int a, int b) { return targetX(a) < targetX(b); });
    const QRect box = appRect(arrow.appRelease);
    const int i = int(siblings.indexOf(index));
    return QPointF(box.left() + box.width() * (i + 1.0) / (siblings.size() + 1.0), box.bottom() + 1);
}

QPointF TimelineLayout::arrowEnd(int index) const
{
    const TimelineModel::Arrow &arrow = m_model->arrows().at(index);
    QList<int> siblings;
    for (int a : m_model->arrowsOfRelease(arrow.stateRelease)) {
        if (m_model->arrows().at(a).statePhase == arrow.statePhase)
            siblings.append(a);
    }
    const auto sourceX = [this](int a) { return appRect(m_model->arrows().at(a).appRelease).center().x(); };
    std::sort(siblings.begin(), siblings.end(), [&](int a, int b) { return sourceX(a) < sourceX(b); });
    const QRect box = stateRect(arrow.stateRelease, arrow.statePhase);
    const int i = int(siblings.indexOf(index));
    return QPointF(box.left() + box.width() * (i + 1.0) / (siblings.size() + 1.0), box.top());
}

TimelineLayout::ArrowGeometry TimelineLayout::arrowGeometry(int index) const
{
    const QPointF from = arrowStart(index), to = arrowEnd(index);
    const double drop = (to.y() - from.y()) * 0.6;
    return {from, from + QPointF(0, drop), to - QPointF(0, drop), to};
}

QPair<int, int> TimelineLayout::releasesAround(int left, int right) const
{
    const int m = m_model->releaseCount();
    const int first = columnAt(qMax(0, left));
    const int last = columnAt(qMin(contentWidth() - 1, right));
    const int from = first < 0 ? 1 : m_model->releaseOfColumn(first);
    const int to = last < 0 ? m : m_model->releaseOfColumn(last) + 1;
    return {qBound(1, from, qMax(1, m)), qBound(0, to, m)};
}

} // namespace Tideline
