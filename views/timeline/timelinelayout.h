// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catalog/step.h>

#include <QFont>
#include <QList>
#include <QPainterPath>
#include <QRect>

namespace Tideline {

class TimelineModel;

/**
 * The geometry of the timeline grid at one zoom level, in content coordinates: x = 0 is the
 * left edge of the first slot column, y = 0 the top of the App lane. The grid maps these to
 * the viewport (adding the sticky headers and the scroll offsets). Everything is looked up by
 * binary search over prefix sums, so a plan of any size costs only what is visible.
 */
class TimelineLayout
{
public:
    struct Metrics
    {
        double zoom = 1.0;
        int slotWidth = 84;      // a typical phase column
        int phaseWidth[4] = {};  // pre, backfill, app, post: app steps have the longest names
        int baselineWidth = 64;
        int laterWidth = 96;
        int laneHeaderWidth = 250;
        int releaseHeaderHeight = 42;
        int phaseHeaderHeight = 20;
        int chipHeight = 24;
        int chipGap = 4;
        int lanePad = 6;
        int pointHeight = 24; // A_k, P_k, S_k boxes
        int arrowBand = 64;   // below the A_k boxes, where the arrows run
        QFont font;           // lane titles, release labels
        QFont boldFont;
        QFont smallFont;      // dates, phases, subtitles, badges
        QFont chipFont;
    };

    /** Recomputes everything for @p model (may be null) at @p zoom with @p base as font. */
    void rebuild(const TimelineModel *model, double zoom, const QFont &base);

    const Metrics &metrics() const { return m_metrics; }
    const TimelineModel *model() const { return m_model; }

    int headerHeight() const { return m_metrics.releaseHeaderHeight + m_metrics.phaseHeaderHeight; }
    int columnCount() const { return int(m_columnX.size()) - 1; }
    int laneCount() const { return int(m_laneY.size()) - 1; }
    int contentWidth() const { return m_columnX.isEmpty() ? 0 : m_columnX.last(); }
    int contentHeight() const { return m_laneY.isEmpty() ? 0 : m_laneY.last(); }
    /** Height of the App and Schema lanes, which stay put while the other lanes scroll. */
    int frozenHeight() const { return laneCount() >= 2 ? m_laneY.at(2) : contentHeight(); }

    int columnX(int column) const { return m_columnX.at(column); }
    int columnWidth(int column) const { return m_columnX.at(column + 1) - m_columnX.at(column); }
    int laneY(int lane) const { return m_laneY.at(lane); }
    int laneHeight(int lane) const { return m_laneY.at(lane + 1) - m_laneY.at(lane); }
    /** The column / lane at a content coordinate; -1 outside. */
    int columnAt(int x) const;
    int laneAt(int y) const;

    QRect cellRect(int lane, int column) const;
    QRect chipRect(int chip) const;
    /** A_k in the App lane (k = 0 for the baseline column). */
    QRect appRect(int k) const;
    /** S_0 (k = 0), P_k (Pre) or S_k (Post) in the Schema lane. */
    QRect stateRect(int k, Phase phase) const;
    /** One compatibility arrow: a cubic curve that leaves and enters vertically. */
    struct ArrowGeometry
    {
        QPointF from, c1, c2, to;
        QPointF midpoint() const { return (from + 3 * c1 + 3 * c2 + to) / 8; }
        QPainterPath path() const
        {
            QPainterPath p(from);
            p.cubicTo(c1, c2, to);
            return p;
        }
    };
    ArrowGeometry arrowGeometry(int arrow) const; // index into TimelineModel::arrows()
    QPainterPath arrowPath(int arrow) const { return arrowGeometry(arrow).path(); }
    /** The x-range of the releases whose arrows may cross [left, right). */
    QPair<int, int> releasesAround(int left, int right) const;

private:
    QPointF arrowStart(int arrow) const;
    QPointF arrowEnd(int arrow) const;

    const TimelineModel *m_model = nullptr;
    Metrics m_metrics;
    QList<int> m_columnX; // prefix sums, columnCount() + 1 entries
    QList<int> m_laneY;   // prefix sums, laneCount() + 1 entries
};

} // namespace Tideline
