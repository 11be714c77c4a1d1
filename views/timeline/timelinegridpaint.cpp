// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// TimelineGrid's painting: each function draws one part of the viewport, for the visible
// columns and lanes only. Hit testing, events and geometry are in timelinegrid.cpp.

#include "timelinegrid.h"

#include <itemmodels/categorystyle.h>
#include <readablestyle.h>
#include <itemmodels/timelinemodel.h>

#include <QLocale>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace Tideline {

namespace {

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

QColor pendingColor()
{
    return QColor(0xb2, 0x6b, 0x00);
}

QColor forbiddenColor()
{
    return QColor(0xd0, 0x1c, 0x1c);
}

// A deployed release's wash and the text on it: a pale green on a light palette, a deep one on a
// dark palette (a pale wash there greys out the column and hides the phase labels on it).
QColor deployedTint(const QPalette &palette)
{
    return ReadableStyle::isDark(palette) ? QColor(0x1e, 0x3b, 0x27) : QColor(0xdf, 0xec, 0xe2);
}

QColor deployedText(const QPalette &palette)
{
    return ReadableStyle::isDark(palette) ? QColor(0xa6, 0xdc, 0xb2) : QColor(0x1d, 0x5c, 0x2e);
}

/** A step name as people read it: "write_both_types" → "write both types". */
QString displayName(const QString &step)
{
    QString name = step;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    return name;
}

void drawArrowHead(QPainter &p, const QPointF &tip, const QPointF &from, double size)
{
    QLineF line(tip, from);
    if (line.length() < 0.1)
        return;
    line.setLength(size);
    QLineF left = line, right = line;
    left.setAngle(line.angle() + 28);
    right.setAngle(line.angle() - 28);
    QPolygonF head{tip, left.p2(), right.p2()};
    p.drawPolygon(head);
}

} // namespace

void TimelineGrid::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().base());
    if (!m_model || !m_model->hasEngine() || m_model->releaseCount() == 0) {
        paintEmpty(p);
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    const QRect body = bodyRect();
    const int firstColumn = qMax(0, m_layout.columnAt(contentXAt(body.left())));
    int lastColumn = m_layout.columnAt(contentXAt(body.right()));
    if (lastColumn < 0)
        lastColumn = m_layout.columnCount() - 1;
    const int scrollTop = m_layout.frozenHeight() + verticalScrollBar()->value();
    const int firstLane = qMax(2, m_layout.laneAt(scrollTop));
    int lastLane = m_layout.laneAt(scrollTop + scrollingRect().height());
    if (lastLane < 0)
        lastLane = m_layout.laneCount() - 1;

    paintBody(p, firstColumn, lastColumn, firstLane, lastLane);
    paintReleaseHeader(p, firstColumn, lastColumn);
    paintLaneHeaders(p, firstLane, lastLane);
    paintCorner(p);
}

void TimelineGrid::paintEmpty(QPainter &p)
{
    QString text;
    if (!m_model)
        text = tr("No plan is open.");
    else if (!m_model->hasEngine())
        text = tr("This plan cannot be shown on the timeline until its problems are fixed:\n\n%1")
                   .arg(m_model->problems().isEmpty() ? tr("(no details)")
                                                      : m_model->problems().join(QLatin1Char('\n')));
    else
        text = tr("This plan has no releases yet.\n\nAdd a release, then add a refactoring: its "
                  "steps appear here as chips across the releases.");
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.setFont(m_layout.metrics().font);
    p.drawText(viewport()->rect().adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap, text);
}

void TimelineGrid::paintBody(QPainter &p, int firstColumn, int lastColumn, int firstLane, int lastLane)
{
    const QRect body = bodyRect();
    const QRect scrolling = scrollingRect();
    const QRect frozen(body.left(), body.top(), body.width(), m_layout.frozenHeight());

    // The scrolling lanes first, then the frozen App and Schema lanes over them.
    p.save();
    p.setClipRect(scrolling);
    paintColumnsBackground(p, scrolling, firstColumn, lastColumn);
    for (int lane = firstLane; lane <= lastLane; ++lane)
        paintLane(p, lane, firstColumn, lastColumn);
    p.restore();

    p.save();
    p.setClipRect(frozen);
    paintColumnsBackground(p, frozen, firstColumn, lastColumn);
    // A light band tells the App and Schema lanes apart from the refactorings.
    p.fillRect(frozen, QColor(0x2b, 0x5f, 0x8a, 14));
    paintLane(p, m_model->appLane(), firstColumn, lastColumn);
    paintLane(p, m_model->schemaLane(), firstColumn, lastColumn);
    paintArrows(p, firstColumn, lastColumn);
    p.restore();
    p.setPen(QPen(palette().color(QPalette::Mid), 2));
    p.drawLine(body.left(), frozen.bottom() + 1, body.right(), frozen.bottom() + 1);

    if (m_drag.active) {
        p.save();
        p.setClipRect(body);
        paintDrag(p);
        p.restore();
    }
}

void TimelineGrid::paintColumnsBackground(QPainter &p, const QRect &clip, int firstColumn, int lastColumn)
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QColor alternate = mix(base, text, 0.025);
    const QColor phaseLine = mix(base, text, 0.08);
    const QColor releaseLine = mix(base, text, 0.3);
    const int x0 = origin().x();
    for (int c = firstColumn; c <= lastColumn; ++c) {
        const QRect column(x0 + m_layout.columnX(c), clip.top(), m_layout.columnWidth(c), clip.height());
        const int k = m_model->releaseOfColumn(c);
        switch (m_model->slotKind(c)) {
        case TimelineModel::SlotKind::Baseline:
            p.fillRect(column, mix(base, text, 0.06));
            break;
        case TimelineModel::SlotKind::Later:
            p.fillRect(column, QBrush(mix(base, text, 0.12), Qt::BDiagPattern));
            break;
        case TimelineModel::SlotKind::Phase:
            if (m_model->release(k).status == Release::Status::Deployed)
                p.fillRect(column, mix(base, deployedTint(palette()), 0.6));
            else if (k % 2 == 0)
                p.fillRect(column, alternate);
            break;
        }
        if (m_selection.kind == Selection::Kind::Release && releaseIdOf(k) == m_selection.release)
            p.fillRect(column, mix(base, palette().color(QPalette::Highlight), 0.08));
        const bool releaseStart = c == 0 || m_model->releaseOfColumn(c - 1) != k;
        p.setPen(QPen(releaseStart ? releaseLine : phaseLine, releaseStart ? 1.5 : 1));
        p.drawLine(QPointF(column.left() + 0.5, clip.top()), QPointF(column.left() + 0.5, clip.bottom() + 1));
    }
    // Where the plan ends.
    if (lastColumn == m_layout.columnCount() - 1) {
        const int end = x0 + m_layout.contentWidth();
        p.setPen(QPen(releaseLine, 1.5));
        p.drawLine(QPointF(end + 0.5, clip.top()), QPointF(end + 0.5, clip.bottom() + 1));
    }
}

void TimelineGrid::paintLane(QPainter &p, int lane, int firstColumn, int lastColumn)
{
    const TimelineModel::Lane &info = m_model->lanes().at(lane);
    const QRect row = toViewport(QRect(0, m_layout.laneY(lane), 1, m_layout.laneHeight(lane)), lane);
    const QRect body = bodyRect();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    if (info.kind == TimelineModel::LaneKind::Refactoring && m_selection.refactoring == info.refactoring
        && (m_selection.kind == Selection::Kind::Refactoring || m_selection.kind == Selection::Kind::Step))
        p.fillRect(QRect(body.left(), row.top(), body.width(), row.height()),
                   QColor(palette().color(QPalette::Highlight).red(),
                          palette().color(QPalette::Highlight).green(),
                          palette().color(QPalette::Highlight).blue(), 28));
    p.setPen(mix(base, text, 0.1));
    p.drawLine(body.left(), row.bottom(), body.right(), row.bottom());

    switch (info.kind) {
    case TimelineModel::LaneKind::App:
    case TimelineModel::LaneKind::Schema: {
        const bool app = info.kind == TimelineModel::LaneKind::App;
        const int first = m_model->releaseOfColumn(firstColumn);
        const int last = qMin(m_model->releaseCount(), m_model->releaseOfColumn(lastColumn));
        for (int k = first; k <= last; ++k) {
            if (app) {
                const bool selected = m_selection.kind == Selection::Kind::AppVersion
                                      && m_selection.release == releaseIdOf(k);
                const TimelineModel::Point &point = m_model->app(k);
                paintPoint(p, toViewport(m_layout.appRect(k), lane), point.name.section(QLatin1Char(' '), 0, 0),
                           point.ok, selected);
                continue;
            }
            for (Phase phase : {Phase::Pre, Phase::Post}) {
                if (k == 0 && phase == Phase::Pre)
                    continue;
                const bool selected = (m_selection.kind == Selection::Kind::SchemaState
                                       || m_selection.kind == Selection::Kind::Cell)
                                      && m_selection.release == releaseIdOf(k)
                                      && (k == 0 || m_selection.phase == phase);
                const TimelineModel::Point &point = m_model->state(k, phase);
                paintPoint(p, toViewport(m_layout.stateRect(k, phase), lane),
                           point.name.section(QLatin1Char(' '), 0, 0), point.ok, selected);
            }
        }
        break;
    }
    case TimelineModel::LaneKind::Refactoring: {
        if (info.pending)
            paintPending(p, lane, firstColumn, lastColumn);
        const QList<int> &chips = info.chips;
        auto it = std::lower_bound(chips.cbegin(), chips.cend(), firstColumn, [this](int c, int col) {
            return m_model->chips().at(c).column < col;
        });
        for (; it != chips.cend() && m_model->chips().at(*it).column <= lastColumn; ++it) {
            const bool dragged = m_drag.active && m_drag.chip == *it;
            paintChip(p, *it, toViewport(m_layout.chipRect(*it), lane), dragged ? 0.35 : 1.0);
        }
        break;
    }
    }
}

// A pending contract: a dashed band from the expand to the contract (or to the end of the plan
// when the contract is not scheduled), labelled with its age in the widest visible gap between
// the lane's chips.
void TimelineGrid::paintPending(QPainter &p, int lane, int firstColumn, int lastColumn)
{
    const TimelineModel::Lane &info = m_model->lanes().at(lane);
    const int expand = m_model->chipIndex(info.refactoring, QStringLiteral("expand"));
    const int contract = m_model->chipIndex(info.refactoring, QStringLiteral("contract"));
    if (expand < 0)
        return;
    const QRect from = toViewport(m_layout.chipRect(expand), lane);
    const int endX = contract >= 0 ? toViewport(m_layout.chipRect(contract), lane).left()
                                   : origin().x() + m_layout.contentWidth();
    if (endX <= from.right())
        return;
    const int y = from.center().y();
    p.setPen(QPen(pendingColor(), qMax(1.5, 2 * m_zoom), Qt::DashLine));
    p.drawLine(from.right() + 2, y, endX - 2, y);

    // The gaps between the chips the band passes, clipped to the body.
    const QRect body = bodyRect();
    QList<QPair<int, int>> gaps;
    int left = from.right();
    for (int c : info.chips) {
        const TimelineModel::Chip &chip = m_model->chips().at(c);
        if (chip.column < firstColumn - 4 || chip.column > lastColumn + 4 || c == expand)
            continue;
        const QRect r = toViewport(m_layout.chipRect(c), lane);
        if (r.left() <= from.right() || r.left() >= endX)
            continue;
        gaps.append({left, r.left()});
        left = qMax(left, r.right());
    }
    gaps.append({left, endX});
    const QFont font = m_layout.metrics().smallFont;
    const QFontMetrics fm(font);
    const int width = fm.horizontalAdvance(info.pendingText) + 12;
    int bestLeft = 0, bestWidth = 0;
    for (const auto &gap : std::as_const(gaps)) {
        const int l = qMax(gap.first + 6, body.left() + 6), r = qMin(gap.second - 6, body.right() - 6);
        if (r - l > bestWidth) {
            bestLeft = l;
            bestWidth = r - l;
        }
    }
    if (bestWidth < width)
        return;
    const QRect label(bestLeft + (bestWidth - width) / 2, y - fm.height() / 2 - 2, width, fm.height() + 4);
    p.setPen(pendingColor());
    p.setBrush(QColor(0xff, 0xf3, 0xdc));
    p.drawRoundedRect(label, label.height() / 2.0, label.height() / 2.0);
    p.setFont(font);
    p.setPen(QColor(0x6b, 0x40, 0x00));
    p.drawText(label, Qt::AlignCenter, info.pendingText);
}

void TimelineGrid::paintChip(QPainter &p, int index, const QRect &rect, qreal opacity)
{
    const TimelineModel::Chip &chip = m_model->chips().at(index);
    const QString category = chip.offline ? QStringLiteral("offline") : chip.category;
    const QColor fill = CategoryStyle::color(category);
    const QColor ink = CategoryStyle::textColor(category);
    const double radius = qMin(6.0, rect.height() / 4.0);
    p.save();
    p.setOpacity(opacity);
    p.setPen(QPen(fill.darker(140), 1));
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    if (chip.offline || CategoryStyle::hatched(chip.category)) {
        QColor hatch = ink;
        hatch.setAlpha(70);
        p.setBrush(QBrush(hatch, Qt::BDiagPattern));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(rect, radius, radius);
    }
    if (chip.moved) {
        // A folded corner marks a step the user moved from its default release.
        const int s = qMax(6, rect.height() / 3);
        QPolygon corner{QPoint(rect.right() - s, rect.top()), QPoint(rect.right() + 1, rect.top()),
                        QPoint(rect.right() + 1, rect.top() + s)};
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        p.drawPolygon(corner);
    }
    // A long name first gets a slightly smaller font, and is elided only when that is not enough.
    const QRect textRect = rect.adjusted(4, 0, chip.moved ? -6 : -4, 0);
    const QString name = displayName(chip.step);
    QFont font = m_layout.metrics().chipFont;
    const int smallest = qMax(8, font.pixelSize() - 3);
    while (font.pixelSize() > smallest && QFontMetrics(font).horizontalAdvance(name) > textRect.width())
        font.setPixelSize(font.pixelSize() - 1);
    // A name cut to a letter or two says nothing: then the colour (and the tooltip) speak.
    const QString text = QFontMetrics(font).elidedText(name, Qt::ElideRight, textRect.width());
    if (text == name || text.size() >= 4) {
        p.setFont(font);
        p.setPen(ink);
        p.drawText(textRect, Qt::AlignCenter, text);
    }
    const bool selected = m_selection.kind == Selection::Kind::Step
                          && m_selection.refactoring == chip.refactoring && m_selection.step == chip.step;
    if (index == m_hoverChip && !selected && !m_drag.active) {
        // Hover: the chip can be picked up.
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(fill.darker(170), 1.5));
        p.drawRoundedRect(QRectF(rect).adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1, radius + 1);
    }
    if (selected) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Text), 2.5));
        p.drawRoundedRect(QRectF(rect).adjusted(-2.5, -2.5, 2.5, 2.5), radius + 2, radius + 2);
    }
    p.restore();
}

void TimelineGrid::paintPoint(QPainter &p, const QRect &rect, const QString &text, bool ok, bool selected)
{
    const QColor base = palette().color(QPalette::Base);
    const QColor ink = palette().color(QPalette::Text);
    const QColor fail = CategoryStyle::failColor();
    p.save();
    p.setPen(QPen(ok ? mix(base, ink, 0.45) : fail, ok ? 1 : 2));
    p.setBrush(ok ? mix(base, ink, 0.04) : QColor(0xfd, 0xe2, 0xe2));
    p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    p.setFont(m_layout.metrics().boldFont);
    p.setPen(ok ? ink : fail.darker(130));
    QString label = text;
    label.replace(QLatin1Char('_'), QString()); // "A_2" reads as "A2" with a subscript-like 2
    if (!ok)
        label = QStringLiteral("✗ ") + label;
    p.drawText(rect, Qt::AlignCenter, label);
    if (selected) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(ink, 2.5));
        p.drawRoundedRect(QRectF(rect).adjusted(-2.5, -2.5, 2.5, 2.5), 6, 6);
    }
    p.restore();
}

void TimelineGrid::paintArrows(QPainter &p, int firstColumn, int lastColumn)
{
    const QPoint offset = toViewport(QRect(), 0).topLeft();
    const auto releases = m_layout.releasesAround(m_layout.columnX(firstColumn),
                                                  m_layout.columnX(lastColumn) + m_layout.columnWidth(lastColumn));
    QList<int> arrows;
    for (int k = releases.first; k <= releases.second; ++k)
        arrows += m_model->arrowsOfRelease(k);
    // Passing arrows first, failing ones on top, the hovered or selected one last.
    const auto rank = [this](int a) {
        const TimelineModel::Arrow &arrow = m_model->arrows().at(a);
        const bool selected = m_selection.kind == Selection::Kind::Cell
                              && m_selection.release == releaseIdOf(arrow.stateRelease)
                              && m_selection.phase == arrow.statePhase
                              && m_selection.appRelease == releaseIdOf(arrow.appRelease);
        if (a == m_hoverArrow || selected)
            return 3;
        if (!arrow.ok && arrow.required)
            return 2;
        return arrow.required ? 1 : 0;
    };
    std::stable_sort(arrows.begin(), arrows.end(), [&](int a, int b) { return rank(a) < rank(b); });
    const double width = qMax(1.2, 1.6 * m_zoom);
    for (int a : std::as_const(arrows)) {
        const TimelineModel::Arrow &arrow = m_model->arrows().at(a);
        TimelineLayout::ArrowGeometry geometry = m_layout.arrowGeometry(a);
        for (QPointF *point : {&geometry.from, &geometry.c1, &geometry.c2, &geometry.to})
            *point += offset;
        const QPainterPath path = geometry.path();
        QColor color = arrow.ok ? (arrow.warning ? CategoryStyle::warningColor() : CategoryStyle::passColor())
                                : CategoryStyle::failColor();
        if (!arrow.required)
            color.setAlphaF(0.55f);
        const bool emphasised = rank(a) == 3;
        QPen pen(color, (arrow.ok ? width : width * 1.6) + (emphasised ? 1.5 : 0));
        if (!arrow.required)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setPen(QPen(color, 1));
        p.setBrush(color);
        // The curve enters its state vertically, so the head points straight down.
        drawArrowHead(p, geometry.to, geometry.to - QPointF(0, 10), qMax(6.0, 8 * m_zoom));
        if (!arrow.ok) {
            // A cross on the failing arrow, so the failure does not rest on colour alone.
            const QPointF mid = geometry.midpoint();
            const double r = qMax(6.0, 7 * m_zoom);
            p.setPen(QPen(Qt::white, 1.5));
            p.setBrush(CategoryStyle::failColor());
            p.drawEllipse(mid, r, r);
            p.setPen(QPen(Qt::white, qMax(1.5, 2 * m_zoom)));
            const double d = r * 0.45;
            p.drawLine(mid + QPointF(-d, -d), mid + QPointF(d, d));
            p.drawLine(mid + QPointF(-d, d), mid + QPointF(d, -d));
        }
    }
}

void TimelineGrid::paintDrag(QPainter &p)
{
    const TimelineModel::Chip &chip = m_model->chips().at(m_drag.chip);
    const int k = m_drag.targetRelease;
    const bool forbidden = k > 0 && k == m_drag.checkedRelease && !m_drag.refusal.isEmpty();
    if (k > 0) {
        // The drop indicator: the slot where the step would run (its own phase in release k),
        // red and crossed out when the move would be refused.
        const QRect slot = toViewport(m_layout.cellRect(chip.lane, m_model->column(k, chip.phase)), chip.lane)
                               .adjusted(1, 1, -1, -1);
        const QColor accent = forbidden ? forbiddenColor() : palette().color(QPalette::Highlight);
        QColor fill = accent;
        fill.setAlpha(k == chip.release ? 20 : 50);
        p.fillRect(slot, fill);
        p.setPen(QPen(accent, 2, forbidden ? Qt::SolidLine : Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(slot);
        if (forbidden) {
            const QRect mark = QRect(0, 0, 14, 14).translated(slot.center() - QPoint(7, 7));
            p.drawLine(mark.topLeft(), mark.bottomRight());
            p.drawLine(mark.topRight(), mark.bottomLeft());
        }
        // The target release's column, faintly, so the eye finds it in the header too.
        const int first = m_model->column(k, Phase::Pre), last = m_model->column(k, Phase::Post);
        const QRect header(origin().x() + m_layout.columnX(first), 0,
                           m_layout.columnX(last) + m_layout.columnWidth(last) - m_layout.columnX(first),
                           bodyRect().bottom());
        fill.setAlpha(18);
        p.fillRect(header.intersected(bodyRect()), fill);
    }
    // The chip follows the pointer, with a note of what dropping it would do.
    const QRect original = toViewport(m_layout.chipRect(m_drag.chip), chip.lane);
    const QRect ghost = original.translated(m_drag.pos - m_drag.pressPos);
    paintChip(p, m_drag.chip, ghost, 0.85);
    QString note;
    if (k == 0)
        note = tr("drop on a release");
    else if (k == chip.release)
        note = tr("stays in %1").arg(m_model->release(k).label);
    else if (forbidden)
        note = tr("can’t move to %1: %2").arg(m_model->release(k).label, m_drag.refusal);
    else
        note = tr("move to %1 · %2").arg(m_model->release(k).label, TimelineModel::phaseLabel(chip.phase));
    const QFont font = m_layout.metrics().smallFont;
    const QFontMetrics fm(font);
    // A refusal can be a sentence: it wraps within a readable width.
    const int maxWidth = qMax(160, qMin(420, bodyRect().width() - 8));
    const QRect text = fm.boundingRect(QRect(0, 0, maxWidth, 1000), Qt::TextWordWrap, note);
    QRect label(ghost.left(), ghost.bottom() + 4, text.width() + 12, text.height() + 4);
    label.moveRight(qMin(label.right(), bodyRect().right() - 4)); // keep it readable at the edge
    p.setPen(forbidden ? QPen(forbiddenColor(), 1.5) : QPen(Qt::NoPen));
    p.setBrush(QColor(40, 40, 40, 230));
    p.drawRoundedRect(label, 4, 4);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(label.adjusted(6, 2, -6, -2), Qt::AlignCenter | Qt::TextWordWrap, note);
}

void TimelineGrid::paintReleaseHeader(QPainter &p, int firstColumn, int lastColumn)
{
    const TimelineLayout::Metrics &m = m_layout.metrics();
    const QRect area(m.laneHeaderWidth, 0, viewport()->width() - m.laneHeaderWidth, m_layout.headerHeight());
    const QColor window = palette().color(QPalette::Window);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor muted = mix(window, text, 0.6);
    p.save();
    p.setClipRect(area);
    p.fillRect(area, window);
    const int x0 = origin().x();
    const QFontMetrics fm(m.font), small(m.smallFont);
    const int phaseTop = m.releaseHeaderHeight;

    for (int c = firstColumn; c <= lastColumn; ++c) {
        const int k = m_model->releaseOfColumn(c);
        const TimelineModel::SlotKind slot = m_model->slotKind(c);
        const QRect column(x0 + m_layout.columnX(c), 0, m_layout.columnWidth(c), m_layout.headerHeight());
        // The release header spans its four phases; draw it once, at its first column (or at
        // the first visible one, so that its text stays readable while scrolling).
        const bool firstOfRelease = c == firstColumn || m_model->releaseOfColumn(c - 1) != k;
        if (!firstOfRelease)
            continue;
        int span = c;
        while (span + 1 < m_layout.columnCount() && m_model->releaseOfColumn(span + 1) == k)
            ++span;
        const int left = x0 + m_layout.columnX(m_model->slotKind(c) == TimelineModel::SlotKind::Phase
                                                    ? m_model->column(k, Phase::Pre)
                                                    : c);
        const QRect rect(left, 0, x0 + m_layout.columnX(span) + m_layout.columnWidth(span) - left,
                         m.releaseHeaderHeight);
        const bool selected = m_selection.kind == Selection::Kind::Release && m_selection.release == releaseIdOf(k);
        QString title, subtitle;
        QColor background = window;
        bool deployed = false;
        if (slot == TimelineModel::SlotKind::Baseline) {
            title = tr("Today");
            subtitle = tr("baseline");
            background = mix(window, text, 0.06);
        } else if (slot == TimelineModel::SlotKind::Later) {
            title = tr("Later");
            subtitle = tr("beyond the plan");
            background = mix(window, text, 0.06);
        } else {
            const TimelineModel::ReleaseInfo &r = m_model->release(k);
            title = r.label;
            deployed = r.status == Release::Status::Deployed;
            QStringList parts;
            if (r.date.isValid())
                parts << QLocale().toString(r.date, QLocale::ShortFormat);
            parts << (deployed ? tr("✓ deployed") : Release::statusName(r.status));
            if (r.label != r.id)
                parts.prepend(r.id);
            subtitle = parts.join(QStringLiteral(" · "));
            if (deployed)
                background = deployedTint(palette());
        }
        if (selected)
            background = mix(background, palette().color(QPalette::Highlight), 0.25);
        p.fillRect(rect.adjusted(1, 0, 0, 0), background);
        p.fillRect(QRect(rect.left() + 1, rect.bottom() + 1, rect.width() - 1, m.phaseHeaderHeight),
                   mix(background, window, 0.5));
        // Keep the text in the visible part of a release scrolled half out of view.
        QRect textRect = rect.adjusted(8, 4, -6, -3);
        textRect.setLeft(qMax(textRect.left(), area.left() + 8));
        // Badge (readiness), right-aligned on the title line.
        const TimelineModel::ReleaseInfo *info = slot == TimelineModel::SlotKind::Phase ? &m_model->release(k) : nullptr;
        if (info && !info->badge.isEmpty()) {
            const int bw = small.horizontalAdvance(info->badge) + 14;
            const QRect badge(textRect.right() - bw, textRect.top(), bw, small.height() + 4);
            p.setPen(Qt::NoPen);
            p.setBrush(info->badgeColor.isValid() ? info->badgeColor : QColor(Qt::gray));
            p.drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
            p.setFont(m.smallFont);
            p.setPen(CategoryStyle::textColorOn(p.brush().color()));
            p.drawText(badge, Qt::AlignCenter, info->badge);
            textRect.setRight(badge.left() - 6);
        }
        p.setFont(m.boldFont);
        p.setPen(deployed ? deployedText(palette()) : text);
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignTop,
                   fm.elidedText(title, Qt::ElideRight, textRect.width()));
        p.setFont(m.smallFont);
        p.setPen(deployed ? deployedText(palette()) : muted);
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignBottom,
                   small.elidedText(subtitle, Qt::ElideRight, textRect.width()));
        if (selected) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(rect.adjusted(2, 1, -1, -1));
        }
    }
    if (lastColumn == m_layout.columnCount() - 1) {
        p.setPen(mix(window, text, 0.3));
        const int end = x0 + m_layout.contentWidth();
        p.drawLine(end, 0, end, area.bottom());
    }
    // Phase sub-headers and separators, over the release backgrounds.
    for (int c = firstColumn; c <= lastColumn; ++c) {
        const int k = m_model->releaseOfColumn(c);
        const TimelineModel::SlotKind slot = m_model->slotKind(c);
        const QRect column(x0 + m_layout.columnX(c), 0, m_layout.columnWidth(c), m_layout.headerHeight());
        // Phase sub-header.
        const QRect phaseRect(column.left(), phaseTop, column.width(), m.phaseHeaderHeight);
        p.setFont(m.smallFont);
        p.setPen(muted);
        if (slot == TimelineModel::SlotKind::Phase) {
            const Phase phase = m_model->phaseOfColumn(c);
            p.drawText(phaseRect, Qt::AlignCenter, TimelineModel::phaseLabel(phase));
        }
        p.setPen(mix(window, text, c == 0 || m_model->releaseOfColumn(c - 1) != k ? 0.3 : 0.12));
        p.drawLine(column.left(), c == 0 || m_model->releaseOfColumn(c - 1) != k ? 0 : phaseTop,
                   column.left(), column.bottom());

    }
    p.setPen(mix(window, text, 0.3));
    p.drawLine(area.left(), area.bottom(), area.right(), area.bottom());
    p.restore();
}

void TimelineGrid::paintLaneHeaders(QPainter &p, int firstLane, int lastLane)
{
    const TimelineLayout::Metrics &m = m_layout.metrics();
    const QColor window = palette().color(QPalette::Window);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor muted = mix(window, text, 0.6);
    const QRect column(0, m_layout.headerHeight(), m.laneHeaderWidth, viewport()->height());
    const QFontMetrics bold(m.boldFont), small(m.smallFont);

    const auto paintHeader = [&](int lane) {
        const TimelineModel::Lane &info = m_model->lanes().at(lane);
        const QRect row = toViewport(QRect(0, m_layout.laneY(lane), 1, m_layout.laneHeight(lane)), lane);
        const QRect rect(0, row.top(), m.laneHeaderWidth, row.height());
        const bool selected = info.kind == TimelineModel::LaneKind::Refactoring
                              && (m_selection.kind == Selection::Kind::Refactoring
                                  || m_selection.kind == Selection::Kind::Step)
                              && m_selection.refactoring == info.refactoring;
        QColor background = info.kind == TimelineModel::LaneKind::Refactoring
                                ? window
                                : mix(window, QColor(0x2b, 0x5f, 0x8a), 0.08);
        if (selected)
            background = mix(window, palette().color(QPalette::Highlight), 0.22);
        p.fillRect(rect, background);
        p.setPen(mix(window, text, 0.12));
        p.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom());

        QRect textRect = rect.adjusted(10, m.lanePad, -8, -m.lanePad);
        if (info.kind == TimelineModel::LaneKind::Refactoring) {
            // A strip in the colour of the lane's first step helps the eye follow the lane.
            const QColor accent = info.chips.isEmpty()
                                      ? mix(window, text, 0.3)
                                      : CategoryStyle::color(m_model->chips().at(info.chips.first()).category);
            p.fillRect(QRect(rect.left(), rect.top() + 1, 4, rect.height() - 2), accent);
        }
        // Title, subtitle and, for a pending contract, a badge with its age on a third line.
        const int badgeHeight = small.height() + 4;
        const int lineHeight = bold.height() + small.height() + (info.pending ? badgeHeight + 2 : 0);
        textRect.setTop(rect.top() + (rect.height() - lineHeight) / 2);
        textRect.setHeight(lineHeight);
        p.setFont(m.boldFont);
        p.setPen(text);
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignTop, bold.elidedText(info.title, Qt::ElideRight, textRect.width()));
        p.setFont(m.smallFont);
        p.setPen(muted);
        // "Kind · table": when it does not fit, the kind gives way, the table stays.
        QString subtitle = small.elidedText(info.subtitle, Qt::ElideRight, textRect.width());
        if (!info.table.isEmpty()) {
            const QString table = QStringLiteral(" · ") + info.table;
            const int room = textRect.width() - small.horizontalAdvance(table);
            subtitle = room > 5 * small.averageCharWidth()
                           ? small.elidedText(info.subtitle, Qt::ElideRight, room) + table
                           : small.elidedText(info.table, Qt::ElideRight, textRect.width());
        }
        p.drawText(QRect(textRect.left(), textRect.top() + bold.height(), textRect.width(), small.height()),
                   Qt::AlignLeft | Qt::AlignTop, subtitle);
        if (info.pending) {
            const QString label = small.elidedText(info.pendingText, Qt::ElideRight, textRect.width() - 12);
            const QRect badge(textRect.left(), textRect.bottom() - badgeHeight + 1,
                              small.horizontalAdvance(label) + 12, badgeHeight);
            p.setPen(pendingColor());
            p.setBrush(QColor(0xff, 0xf3, 0xdc));
            p.drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
            p.setPen(QColor(0x6b, 0x40, 0x00));
            p.drawText(badge, Qt::AlignCenter, label);
        }
    };

    p.save();
    p.setClipRect(column.adjusted(0, m_layout.frozenHeight(), 0, 0));
    p.fillRect(column, window);
    for (int lane = firstLane; lane <= lastLane; ++lane)
        paintHeader(lane);
    p.setClipRect(QRect(column.left(), column.top(), column.width(), m_layout.frozenHeight()));
    paintHeader(m_model->appLane());
    paintHeader(m_model->schemaLane());
    p.restore();
    p.setPen(QPen(mix(window, text, 0.3), 1));
    p.drawLine(column.right(), column.top(), column.right(), column.bottom());
    p.setPen(QPen(palette().color(QPalette::Mid), 2));
    p.drawLine(0, column.top() + m_layout.frozenHeight() + 1, column.right(), column.top() + m_layout.frozenHeight() + 1);
}

// The top-left corner holds the legend: one swatch per category, and the arrow colours.
void TimelineGrid::paintCorner(QPainter &p)
{
    const TimelineLayout::Metrics &m = m_layout.metrics();
    const QRect corner(0, 0, m.laneHeaderWidth, m_layout.headerHeight());
    const QColor window = palette().color(QPalette::Window);
    const QColor text = palette().color(QPalette::WindowText);
    p.save();
    p.setClipRect(corner);
    p.fillRect(corner, window);
    QFont font = m.smallFont;
    font.setPixelSize(qMax(8, font.pixelSize() - 1));
    p.setFont(font);
    const QFontMetrics fm(font);
    const QStringList categories = CategoryStyle::categories();
    // Three columns when the labels fit, else two.
    int widest = fm.horizontalAdvance(tr("ok / fails"));
    for (const QString &c : categories)
        widest = qMax(widest, fm.horizontalAdvance(CategoryStyle::label(c)));
    const int swatchRoom = qMin(fm.height() - 2, 12) + 8;
    const int columns = (corner.width() - 8) / 3 >= widest + swatchRoom ? 3 : 2;
    const int rows = (int(categories.size()) + 1 + columns - 1) / columns; // + arrows entry
    const int cellW = (corner.width() - 8) / columns;
    const int cellH = qMax(fm.height() + 2, (corner.height() - 6) / rows);
    const int swatch = qMin(fm.height() - 2, 12);
    for (int i = 0; i <= categories.size(); ++i) {
        const QRect cell(4 + (i % columns) * cellW, 3 + (i / columns) * cellH, cellW, cellH);
        const QRect box(cell.left(), cell.center().y() - swatch / 2, swatch, swatch);
        QString label;
        if (i < categories.size()) {
            p.setPen(Qt::NoPen);
            p.setBrush(CategoryStyle::color(categories.at(i)));
            p.drawRoundedRect(box, 2, 2);
            label = CategoryStyle::label(categories.at(i));
        } else {
            p.setPen(QPen(CategoryStyle::passColor(), 2));
            p.drawLine(box.left(), box.center().y() - 2, box.right(), box.center().y() - 2);
            p.setPen(QPen(CategoryStyle::failColor(), 2));
            p.drawLine(box.left(), box.center().y() + 3, box.right(), box.center().y() + 3);
            label = tr("ok / fails");
        }
        p.setPen(text);
        const QRect textRect = cell.adjusted(swatch + 4, 0, -2, 0);
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(label, Qt::ElideRight, textRect.width()));
    }
    p.restore();
    p.setPen(mix(window, text, 0.3));
    p.drawLine(corner.right(), corner.top(), corner.right(), corner.bottom());
    p.drawLine(corner.left(), corner.bottom(), corner.right(), corner.bottom());
}

} // namespace Tideline
