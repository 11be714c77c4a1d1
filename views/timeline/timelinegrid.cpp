// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinegrid.h"

#include <utility>

#include <itemmodels/timelinemodel.h>

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainterPathStroker>
#include <QScopedValueRollback>
#include <QFrame>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QToolButton>
#include <QToolTip>
#include <QWheelEvent>

namespace Tideline {

namespace {

constexpr double MinZoom = 0.4;
constexpr double MaxZoom = 3.0;
constexpr double ZoomStep = 1.25;

} // namespace

TimelineGrid::TimelineGrid(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_banner(new QFrame(viewport()))
    , m_message(new QLabel(m_banner))
    , m_messageClose(new QToolButton(m_banner))
    , m_checking(new QLabel(viewport()))
{
    setObjectName(QStringLiteral("timelineGrid"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Timeline"));

    // A refusal stays until it is read and dismissed: a sentence that vanishes after a few
    // seconds is easily missed while the eye is on the dragged chip.
    m_banner->setObjectName(QStringLiteral("timelineBanner"));
    m_banner->setAccessibleName(tr("Message"));
    m_banner->setStyleSheet(QStringLiteral(
        "QFrame#timelineBanner { background: rgba(40, 40, 40, 240); border: 2px solid #d01c1c;"
        " border-radius: 6px; }"
        " QLabel { color: white; font-weight: bold; background: transparent; }"
        " QToolButton { color: white; background: transparent; border: none; font-weight: bold;"
        " padding: 2px 6px; }"
        " QToolButton:hover { background: rgba(255, 255, 255, 40); border-radius: 4px; }"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(14, 8, 6, 8);
    bannerLayout->setSpacing(8);
    m_message->setObjectName(QStringLiteral("timelineMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(m_message, 1);
    m_messageClose->setObjectName(QStringLiteral("timelineMessageClose"));
    m_messageClose->setText(QStringLiteral("✕"));
    m_messageClose->setToolTip(tr("Dismiss (Esc)"));
    m_messageClose->setAccessibleName(tr("Dismiss message"));
    bannerLayout->addWidget(m_messageClose, 0, Qt::AlignTop);
    connect(m_messageClose, &QToolButton::clicked, this, &TimelineGrid::dismissMessage);
    m_banner->hide();

    // The mark over the grid while the engine re-checks an edited plan in the background:
    // what is drawn is the last result, and the verdicts wait for the new one.
    m_checking->setObjectName(QStringLiteral("timelineChecking"));
    m_checking->setTextFormat(Qt::PlainText);
    m_checking->setText(tr("checking…"));
    m_checking->setToolTip(tr("The engine is re-checking the plan as edited; the grid still "
                              "shows the last result."));
    m_checking->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(40, 40, 40, 225); color: white; border: 2px solid #e6a700;"
        " border-radius: 6px; padding: 4px 12px; font-weight: bold; }"));
    m_checking->hide();

    relayout();
}

TimelineGrid::~TimelineGrid() = default;

void TimelineGrid::setModel(TimelineModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        const auto changed = [this] { relayout(); };
        connect(m_model, &QAbstractItemModel::modelReset, this, changed);
        connect(m_model, &QAbstractItemModel::headerDataChanged, this, [this] { viewport()->update(); });
        // A re-check that changed some cells (the model updated in place): the layout holds.
        connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
            m_drag = {}; // as after a reset: a drag or hover names the run before
            m_hoverArrow = -1;
            m_hoverChip = -1;
            viewport()->update();
            followMovedStep();
        });
        connect(m_model, &QObject::destroyed, this, changed);
    }
    relayout();
}

void TimelineGrid::relayout()
{
    m_drag = {};
    m_hoverArrow = -1;
    m_hoverChip = -1;
    m_layout.rebuild(m_model, m_zoom, font());
    updateScrollBars();
    viewport()->update();
    followMovedStep();
}

void TimelineGrid::followMovedStep()
{
    // A step moved from the keyboard is followed to where it went.
    if (m_model && !m_follow.step.isEmpty()) {
        const int chip = m_model->chipIndex(m_follow.refactoring, m_follow.step);
        if (chip >= 0 && m_model->chips().at(chip).release == m_follow.release) {
            const Follow follow = std::exchange(m_follow, {});
            chipRect(follow.refactoring, follow.step);
        }
    }
}

void TimelineGrid::updateScrollBars()
{
    const TimelineLayout::Metrics &m = m_layout.metrics();
    const QSize size = viewport()->size();
    const int bodyWidth = qMax(0, size.width() - m.laneHeaderWidth);
    const int bodyHeight = qMax(0, size.height() - m_layout.headerHeight());
    horizontalScrollBar()->setRange(0, qMax(0, m_layout.contentWidth() - bodyWidth));
    horizontalScrollBar()->setPageStep(qMax(1, bodyWidth));
    horizontalScrollBar()->setSingleStep(qMax(1, m.slotWidth / 2));
    verticalScrollBar()->setRange(0, qMax(0, m_layout.contentHeight() - bodyHeight));
    verticalScrollBar()->setPageStep(qMax(1, bodyHeight - m_layout.frozenHeight()));
    verticalScrollBar()->setSingleStep(qMax(1, m.chipHeight));
}

QSize TimelineGrid::sizeHint() const
{
    return QSize(1000, 600);
}

QSize TimelineGrid::minimumSizeHint() const
{
    return QSize(320, 200);
}

// ---------------------------------------------------------------------------------------------
// Coordinates

QPoint TimelineGrid::origin() const
{
    return QPoint(m_layout.metrics().laneHeaderWidth - horizontalScrollBar()->value(),
                  m_layout.headerHeight() - verticalScrollBar()->value());
}

QRect TimelineGrid::toViewport(const QRect &content, int lane) const
{
    QPoint offset = origin();
    if (lane >= 0 && lane < 2)
        offset.setY(m_layout.headerHeight());
    return content.translated(offset);
}

QRect TimelineGrid::bodyRect() const
{
    const QRect all = viewport()->rect();
    return all.adjusted(m_layout.metrics().laneHeaderWidth, m_layout.headerHeight(), 0, 0);
}

QRect TimelineGrid::scrollingRect() const
{
    return bodyRect().adjusted(0, m_layout.frozenHeight(), 0, 0);
}

int TimelineGrid::contentXAt(int viewportX) const
{
    return viewportX - origin().x();
}

int TimelineGrid::laneAtViewport(int viewportY) const
{
    const int y = viewportY - m_layout.headerHeight();
    if (y < 0)
        return -1;
    if (y < m_layout.frozenHeight())
        return m_layout.laneAt(y);
    return m_layout.laneAt(y + verticalScrollBar()->value());
}

int TimelineGrid::releaseColumnAt(int viewportX) const
{
    const int column = m_layout.columnAt(contentXAt(viewportX));
    if (column < 0 || m_model->slotKind(column) != TimelineModel::SlotKind::Phase)
        return 0;
    return m_model->releaseOfColumn(column);
}

void TimelineGrid::ensureVisible(const QRect &content, int lane)
{
    // A subject out of view is centred when another panel picked it (the eye has to find it),
    // and just brought inside the edge when the keyboard walks to it.
    const int bodyWidth = viewport()->width() - m_layout.metrics().laneHeaderWidth;
    QScrollBar *h = horizontalScrollBar();
    const bool outsideX = content.left() < h->value() || content.right() > h->value() + bodyWidth;
    if (outsideX && m_centerOnScroll)
        h->setValue(content.center().x() - bodyWidth / 2);
    else if (content.left() < h->value())
        h->setValue(content.left() - m_layout.metrics().slotWidth / 2);
    else if (content.right() > h->value() + bodyWidth)
        h->setValue(content.right() - bodyWidth + m_layout.metrics().slotWidth / 2);
    if (lane < 2)
        return;
    const int top = content.top() - m_layout.frozenHeight();
    const int visible = viewport()->height() - m_layout.headerHeight() - m_layout.frozenHeight();
    QScrollBar *v = verticalScrollBar();
    const bool outsideY = top < v->value() || top + content.height() > v->value() + visible;
    if (outsideY && m_centerOnScroll)
        v->setValue(top + content.height() / 2 - visible / 2);
    else if (top < v->value())
        v->setValue(top);
    else if (top + content.height() > v->value() + visible)
        v->setValue(top + content.height() - visible);
}

QString TimelineGrid::releaseIdOf(int k) const
{
    if (k == 0)
        return QStringLiteral("baseline");
    if (!m_model || k > m_model->releaseCount())
        return {};
    return m_model->release(k).id;
}

// ---------------------------------------------------------------------------------------------
// Public geometry

QRect TimelineGrid::chipRect(const QString &refactoring, const QString &step)
{
    if (!m_model)
        return {};
    const int chip = m_model->chipIndex(refactoring, step);
    if (chip < 0)
        return {};
    const int lane = m_model->chips().at(chip).lane;
    ensureVisible(m_layout.chipRect(chip), lane);
    return toViewport(m_layout.chipRect(chip), lane);
}

QRect TimelineGrid::slotRect(const QString &refactoring, const QString &releaseId, Phase phase)
{
    if (!m_model)
        return {};
    const int lane = m_model->laneOf(refactoring);
    const int k = m_model->releasePosition(releaseId);
    if (lane < 0 || k == 0)
        return {};
    const QRect cell = m_layout.cellRect(lane, m_model->column(k, phase));
    ensureVisible(cell, lane);
    return toViewport(cell, lane);
}

QRect TimelineGrid::releaseHeaderRect(const QString &releaseId)
{
    if (!m_model)
        return {};
    const int k = m_model->releasePosition(releaseId);
    if (k == 0)
        return {};
    const int first = m_model->column(k, Phase::Pre), last = m_model->column(k, Phase::Post);
    const QRect content(m_layout.columnX(first), 0,
                        m_layout.columnX(last) + m_layout.columnWidth(last) - m_layout.columnX(first),
                        m_layout.metrics().releaseHeaderHeight);
    ensureVisible(content, 0);
    return content.translated(origin().x(), 0);
}

QRect TimelineGrid::laneHeaderRect(const QString &refactoring)
{
    if (!m_model)
        return {};
    const int lane = m_model->laneOf(refactoring);
    if (lane < 0)
        return {};
    QRect cell = m_layout.cellRect(lane, 0);
    ensureVisible(QRect(horizontalScrollBar()->value(), cell.top(), 1, cell.height()), lane);
    cell = toViewport(cell, lane);
    return QRect(0, cell.top(), m_layout.metrics().laneHeaderWidth, cell.height());
}

QRect TimelineGrid::appRect(const QString &releaseId)
{
    if (!m_model || !m_model->hasEngine())
        return {};
    const int k = releaseId == QLatin1String("baseline") ? 0 : m_model->releasePosition(releaseId);
    if (k == 0 && releaseId != QLatin1String("baseline"))
        return {};
    ensureVisible(m_layout.appRect(k), 0);
    return toViewport(m_layout.appRect(k), 0);
}

QRect TimelineGrid::stateRect(const QString &releaseId, Phase phase)
{
    if (!m_model || !m_model->hasEngine())
        return {};
    const int k = releaseId == QLatin1String("baseline") ? 0 : m_model->releasePosition(releaseId);
    if (k == 0 && releaseId != QLatin1String("baseline"))
        return {};
    ensureVisible(m_layout.stateRect(k, phase), 1);
    return toViewport(m_layout.stateRect(k, phase), 1);
}

QPoint TimelineGrid::arrowPoint(const QString &appReleaseId, const QString &stateReleaseId, Phase phase)
{
    if (!m_model)
        return {};
    const int app = appReleaseId == QLatin1String("baseline") ? 0 : m_model->releasePosition(appReleaseId);
    const int state = m_model->releasePosition(stateReleaseId);
    for (int a : m_model->arrowsOfRelease(state)) {
        const TimelineModel::Arrow &arrow = m_model->arrows().at(a);
        if (arrow.appRelease != app || arrow.statePhase != phase)
            continue;
        const TimelineLayout::ArrowGeometry geometry = m_layout.arrowGeometry(a);
        ensureVisible(geometry.path().boundingRect().toAlignedRect(), 0);
        return geometry.midpoint().toPoint() + toViewport(QRect(), 0).topLeft();
    }
    return {};
}

QString TimelineGrid::message() const
{
    return m_banner->isVisible() ? m_message->text() : QString();
}

// ---------------------------------------------------------------------------------------------
// Hit testing, tooltips and selection

int TimelineGrid::arrowAt(const QPoint &pos) const
{
    const QPoint content = pos - toViewport(QRect(), 0).topLeft();
    const auto releases = m_layout.releasesAround(content.x() - 2 * m_layout.metrics().slotWidth,
                                                  content.x() + 2 * m_layout.metrics().slotWidth);
    QPainterPathStroker stroker;
    stroker.setWidth(qMax(6.0, 8 * m_zoom));
    int best = -1;
    for (int k = releases.first; k <= releases.second; ++k) {
        for (int a : m_model->arrowsOfRelease(k)) {
            if (stroker.createStroke(m_layout.arrowPath(a)).contains(content)) {
                // Failing arrows are drawn on top, so they win.
                if (best < 0 || (m_model->arrows().at(best).ok && !m_model->arrows().at(a).ok))
                    best = a;
            }
        }
    }
    return best;
}

TimelineGrid::Hit TimelineGrid::hitAt(const QPoint &pos) const
{
    Hit hit;
    if (!m_model || !m_model->hasEngine() || m_model->releaseCount() == 0)
        return hit;
    const int headerWidth = m_layout.metrics().laneHeaderWidth;
    if (pos.y() < m_layout.headerHeight()) {
        if (pos.x() >= headerWidth && pos.y() < m_layout.metrics().releaseHeaderHeight) {
            if (const int k = releaseColumnAt(pos.x())) {
                hit.kind = Hit::Kind::Release;
                hit.index = k;
            }
        }
        return hit;
    }
    const int lane = laneAtViewport(pos.y());
    if (lane < 0)
        return hit;
    if (pos.x() < headerWidth) {
        hit.kind = Hit::Kind::Lane;
        hit.index = hit.lane = lane;
        return hit;
    }
    const int column = m_layout.columnAt(contentXAt(pos.x()));
    if (column < 0)
        return hit;
    hit.lane = lane;
    hit.column = column;
    const QPoint content = pos - toViewport(QRect(), lane).topLeft();
    const int k = m_model->releaseOfColumn(column);
    const TimelineModel::SlotKind slot = m_model->slotKind(column);
    const Phase phase = m_model->phaseOfColumn(column);
    switch (m_model->lanes().at(lane).kind) {
    case TimelineModel::LaneKind::App:
        if ((slot == TimelineModel::SlotKind::Baseline
             || (slot == TimelineModel::SlotKind::Phase && phase == Phase::App))
            && m_layout.appRect(k).contains(content)) {
            hit.kind = Hit::Kind::App;
            hit.index = k;
            return hit;
        }
        break;
    case TimelineModel::LaneKind::Schema:
        if ((slot == TimelineModel::SlotKind::Baseline
             || (slot == TimelineModel::SlotKind::Phase && (phase == Phase::Pre || phase == Phase::Post)))
            && m_layout.stateRect(k, phase).contains(content)) {
            hit.kind = Hit::Kind::State;
            hit.index = k;
            hit.phase = slot == TimelineModel::SlotKind::Baseline ? Phase::Post : phase;
            return hit;
        }
        break;
    case TimelineModel::LaneKind::Refactoring:
        for (int chip : m_model->chipsAt(lane, column)) {
            if (m_layout.chipRect(chip).contains(content)) {
                hit.kind = Hit::Kind::Chip;
                hit.index = chip;
                return hit;
            }
        }
        hit.kind = Hit::Kind::Slot;
        return hit;
    }
    if (const int arrow = arrowAt(pos); arrow >= 0) {
        hit.kind = Hit::Kind::Arrow;
        hit.index = arrow;
        return hit;
    }
    hit.kind = Hit::Kind::Slot;
    return hit;
}

Selection TimelineGrid::selectionFor(const Hit &hit) const
{
    Selection s;
    switch (hit.kind) {
    case Hit::Kind::Chip: {
        const TimelineModel::Chip &chip = m_model->chips().at(hit.index);
        s.kind = Selection::Kind::Step;
        s.refactoring = chip.refactoring;
        s.step = chip.step;
        break;
    }
    case Hit::Kind::App:
        s.kind = Selection::Kind::AppVersion;
        s.release = releaseIdOf(hit.index);
        break;
    case Hit::Kind::State:
        s.kind = Selection::Kind::SchemaState;
        s.release = releaseIdOf(hit.index);
        s.phase = hit.phase;
        break;
    case Hit::Kind::Arrow: {
        const TimelineModel::Arrow &arrow = m_model->arrows().at(hit.index);
        s.kind = Selection::Kind::Cell;
        s.release = releaseIdOf(arrow.stateRelease);
        s.phase = arrow.statePhase;
        s.appRelease = releaseIdOf(arrow.appRelease);
        break;
    }
    case Hit::Kind::Lane:
        if (m_model->lanes().at(hit.index).kind == TimelineModel::LaneKind::Refactoring) {
            s.kind = Selection::Kind::Refactoring;
            s.refactoring = m_model->lanes().at(hit.index).refactoring;
        }
        break;
    case Hit::Kind::Release:
        s.kind = Selection::Kind::Release;
        s.release = releaseIdOf(hit.index);
        break;
    case Hit::Kind::Slot:
    case Hit::Kind::None:
        break;
    }
    return s;
}

Selection TimelineGrid::selectionAt(const QPoint &pos) const
{
    return selectionFor(hitAt(pos));
}

QString TimelineGrid::toolTipAt(const QPoint &pos) const
{
    const Hit hit = hitAt(pos);
    switch (hit.kind) {
    case Hit::Kind::Chip:
        return m_model->chipToolTip(hit.index);
    case Hit::Kind::Arrow:
        return m_model->arrowToolTip(hit.index);
    case Hit::Kind::App: {
        const TimelineModel::Point &point = m_model->app(hit.index);
        return point.ok ? tr("%1 runs on every schema state it must.").arg(point.name)
                        : tr("%1 fails a required check\n%2").arg(point.name, point.reasons);
    }
    case Hit::Kind::State: {
        const TimelineModel::Point &point = m_model->state(hit.index, hit.phase);
        return point.ok ? tr("%1: every app version that must run on it does.").arg(point.name)
                        : tr("%1: a required app version fails on it\n%2").arg(point.name, point.reasons);
    }
    case Hit::Kind::Lane:
        return m_model->headerData(hit.index, Qt::Vertical, Qt::ToolTipRole).toString();
    case Hit::Kind::Release: {
        const TimelineModel::ReleaseInfo &r = m_model->release(hit.index);
        QStringList lines{tr("Release %1 (%2)").arg(r.label, r.id)};
        if (r.date.isValid())
            lines << QLocale().toString(r.date, QLocale::LongFormat);
        lines << Release::statusName(r.status);
        if (!r.history.isEmpty())
            lines << r.history;
        if (!r.badge.isEmpty())
            lines << r.badge;
        return lines.join(QLatin1Char('\n'));
    }
    case Hit::Kind::Slot:
    case Hit::Kind::None:
        break;
    }
    return {};
}

void TimelineGrid::setSelection(const Selection &selection)
{
    const QScopedValueRollback<bool> center(m_centerOnScroll, true);
    select(selection, true);
}

void TimelineGrid::select(const Selection &selection, bool ensure)
{
    if (m_selection == selection)
        return;
    m_selection = selection;
    if (ensure && m_model && m_model->hasEngine()) {
        switch (selection.kind) {
        case Selection::Kind::Step:
            chipRect(selection.refactoring, selection.step);
            break;
        case Selection::Kind::Refactoring:
            laneHeaderRect(selection.refactoring);
            break;
        case Selection::Kind::Release:
            releaseHeaderRect(selection.release);
            break;
        case Selection::Kind::AppVersion:
            appRect(selection.release);
            break;
        case Selection::Kind::SchemaState:
        case Selection::Kind::Cell:
            stateRect(selection.release, selection.phase);
            break;
        case Selection::Kind::None:
            break;
        }
    }
    viewport()->update();
}

// ---------------------------------------------------------------------------------------------
// Messages and zoom

bool TimelineGrid::isChecking() const
{
    return !m_checking->isHidden();
}

void TimelineGrid::setChecking(bool checking)
{
    m_checking->setVisible(checking);
    if (checking) {
        placeChecking();
        m_checking->raise();
    }
    setAccessibleDescription(checking ? tr("checking…") : QString());
}

void TimelineGrid::placeChecking()
{
    m_checking->adjustSize();
    const QRect body = bodyRect().isValid() ? bodyRect() : viewport()->rect();
    m_checking->move(qMax(body.left(), body.right() - m_checking->width() - 12), body.top() + 8);
}

void TimelineGrid::showMessage(const QString &text)
{
    m_follow = {}; // a refused move stays where it was
    m_message->setText(text);
    m_banner->show();
    placeMessage();
    m_banner->raise();
}

void TimelineGrid::dismissMessage()
{
    m_banner->hide();
}

void TimelineGrid::placeMessage()
{
    if (!m_banner->isVisible())
        return;
    const QRect body = bodyRect().isValid() ? bodyRect() : viewport()->rect();
    const int width = qMin(qMax(240, body.width() - 40), 680);
    m_banner->setFixedWidth(width);
    m_banner->setFixedHeight(m_banner->heightForWidth(width) > 0 ? m_banner->heightForWidth(width)
                                                                  : m_banner->sizeHint().height());
    // At the bottom of the grid, where it hides the least.
    m_banner->move(body.left() + (body.width() - width) / 2,
                   qMax(body.top(), body.bottom() - m_banner->height() - 16));
}

void TimelineGrid::zoomIn()
{
    setZoom(m_zoom * ZoomStep);
}

void TimelineGrid::zoomOut()
{
    setZoom(m_zoom / ZoomStep);
}

void TimelineGrid::resetZoom()
{
    setZoom(1.0);
}

void TimelineGrid::setZoom(double zoom)
{
    zoom = qBound(MinZoom, zoom, MaxZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    // Keep the centre of the body where it is.
    const double fx = m_layout.contentWidth() > 0
                          ? (horizontalScrollBar()->value() + bodyRect().width() / 2.0) / m_layout.contentWidth()
                          : 0;
    const double fy = m_layout.contentHeight() > 0
                          ? (verticalScrollBar()->value() + bodyRect().height() / 2.0) / m_layout.contentHeight()
                          : 0;
    m_zoom = zoom;
    relayout();
    horizontalScrollBar()->setValue(int(fx * m_layout.contentWidth() - bodyRect().width() / 2.0));
    verticalScrollBar()->setValue(int(fy * m_layout.contentHeight() - bodyRect().height() / 2.0));
    emit zoomChanged(m_zoom);
}

// ---------------------------------------------------------------------------------------------
// Events

void TimelineGrid::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    placeChecking();
    placeMessage();
}

void TimelineGrid::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineGrid::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        relayout();
}

bool TimelineGrid::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Resize)
        updateScrollBars(); // the viewport has its new size only now
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineGrid::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    const Selection hit = selectionAt(event->position().toPoint());
    if (hit.kind != Selection::Kind::Step && hit.kind != Selection::Kind::Refactoring
        && hit.kind != Selection::Kind::Release) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    m_drag = {}; // the first click's press may have started one
    if (!(hit == m_selection)) {
        select(hit, false);
        emit selectionChanged(m_selection);
    }
    emit activated(m_selection);
    event->accept();
}

void TimelineGrid::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const Hit hit = hitAt(event->position().toPoint());
    if (hit.kind == Hit::Kind::Chip) {
        m_drag = {};
        m_drag.chip = hit.index;
        m_drag.pressPos = m_drag.pos = event->position().toPoint();
    }
    const Selection s = selectionFor(hit);
    if (s != m_selection) {
        select(s, false);
        emit selectionChanged(m_selection);
    }
    event->accept();
}

int TimelineGrid::dropRelease(const QPoint &pos) const
{
    if (!bodyRect().contains(pos.x(), bodyRect().top()))
        return 0;
    return releaseColumnAt(pos.x());
}

void TimelineGrid::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag.chip >= 0) {
        if (!m_drag.active
            && (pos - m_drag.pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_drag.active = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_drag.active) {
            m_drag.pos = pos;
            m_drag.targetRelease = dropRelease(pos);
            checkDragTarget();
            // Scroll when dragging near the left or right edge of the body.
            const QRect body = bodyRect();
            const int margin = m_layout.metrics().slotWidth / 2;
            if (pos.x() > body.right() - margin)
                horizontalScrollBar()->setValue(horizontalScrollBar()->value() + margin / 2);
            else if (pos.x() < body.left() + margin && pos.x() >= body.left())
                horizontalScrollBar()->setValue(horizontalScrollBar()->value() - margin / 2);
            viewport()->update();
        }
        event->accept();
        return;
    }
    const Hit hit = hitAt(pos);
    const int arrow = hit.kind == Hit::Kind::Arrow ? hit.index : -1;
    const int chip = hit.kind == Hit::Kind::Chip ? hit.index : -1;
    if (arrow != m_hoverArrow || chip != m_hoverChip) {
        m_hoverArrow = arrow;
        m_hoverChip = chip;
        viewport()->update();
    }
    viewport()->setCursor(hit.kind == Hit::Kind::Chip ? Qt::OpenHandCursor : Qt::ArrowCursor);
    event->accept();
}

void TimelineGrid::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_drag.chip >= 0) {
        const Drag drag = m_drag;
        m_drag = {};
        viewport()->setCursor(Qt::OpenHandCursor);
        viewport()->update();
        if (drag.active) {
            const int target = dropRelease(event->position().toPoint());
            if (target > 0 && target != m_model->chips().at(drag.chip).release)
                requestMove(drag.chip, target);
        }
    }
    event->accept();
}

void TimelineGrid::checkDragTarget()
{
    const int k = m_drag.targetRelease;
    if (k == m_drag.checkedRelease)
        return;
    m_drag.checkedRelease = k;
    m_drag.refusal.clear();
    const TimelineModel::Chip &chip = m_model->chips().at(m_drag.chip);
    if (k > 0 && k != chip.release && m_moveCheck)
        m_drag.refusal = m_moveCheck(chip.refactoring, chip.step, releaseIdOf(k));
}

bool TimelineGrid::moveSelectedStep(int delta)
{
    if (!m_model || m_selection.kind != Selection::Kind::Step)
        return false;
    const int chip = m_model->chipIndex(m_selection.refactoring, m_selection.step);
    if (chip < 0)
        return false;
    const int k = m_model->chips().at(chip).release + delta;
    if (k < 1 || k > m_model->releaseCount())
        return false;
    m_follow = {m_selection.refactoring, m_selection.step, k};
    requestMove(chip, k);
    return true;
}

void TimelineGrid::requestMove(int chip, int release)
{
    const TimelineModel::Chip &c = m_model->chips().at(chip);
    // Copies: the receiver may rebuild the model (and so the chip) before the signal returns.
    const QString refactoring = c.refactoring, step = c.step, releaseId = releaseIdOf(release);
    emit moveRequested(refactoring, step, releaseId);
}

void TimelineGrid::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = event->angleDelta().y();
        if (delta > 0)
            zoomIn();
        else if (delta < 0)
            zoomOut();
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier && event->angleDelta().x() == 0) {
        // Shift+wheel walks along the releases, as in most timelines.
        QScrollBar *h = horizontalScrollBar();
        h->setValue(h->value() - event->angleDelta().y() * h->singleStep() * 3 / 120);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineGrid::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::ZoomIn) || (event->modifiers() & Qt::ControlModifier && event->key() == Qt::Key_Equal)) {
        zoomIn();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomOut();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier && event->key() == Qt::Key_0) {
        resetZoom();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Home:
    case Qt::Key_End:
        if (m_model && m_model->hasEngine() && m_model->releaseCount() > 0) {
            navigate(event->key(), event->modifiers());
            event->accept();
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!m_selection.isEmpty()) {
            emit activated(m_selection);
            event->accept();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (m_drag.chip >= 0) {
            m_drag = {};
            viewport()->unsetCursor();
            viewport()->update();
        } else if (m_banner->isVisible()) {
            dismissMessage();
        } else if (!m_selection.isEmpty()) {
            select({}, false);
            emit selectionChanged(m_selection);
        }
        event->accept();
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

// The keyboard walks the "stops" of each lane: A_0 … A_m in the App lane, S_0, P_1, S_1, … in
// the Schema lane, and the chips of a refactoring lane, left to right.
void TimelineGrid::navigate(int key, Qt::KeyboardModifiers modifiers)
{
    struct Stop
    {
        int column;
        Selection selection;
    };
    const auto stopsOf = [this](int lane) {
        QList<Stop> stops;
        const int m = m_model->releaseCount();
        switch (m_model->lanes().at(lane).kind) {
        case TimelineModel::LaneKind::App:
            for (int k = 0; k <= m; ++k) {
                Selection s;
                s.kind = Selection::Kind::AppVersion;
                s.release = releaseIdOf(k);
                stops.append({k == 0 ? 0 : m_model->column(k, Phase::App), s});
            }
            break;
        case TimelineModel::LaneKind::Schema:
            for (int k = 0; k <= m; ++k) {
                for (Phase phase : {Phase::Pre, Phase::Post}) {
                    if (k == 0 && phase == Phase::Pre)
                        continue;
                    Selection s;
                    s.kind = Selection::Kind::SchemaState;
                    s.release = releaseIdOf(k);
                    s.phase = phase;
                    stops.append({k == 0 ? 0 : m_model->column(k, phase), s});
                }
            }
            break;
        case TimelineModel::LaneKind::Refactoring:
            for (int c : m_model->lanes().at(lane).chips) {
                const TimelineModel::Chip &chip = m_model->chips().at(c);
                Selection s;
                s.kind = Selection::Kind::Step;
                s.refactoring = chip.refactoring;
                s.step = chip.step;
                stops.append({chip.column, s});
            }
            break;
        }
        return stops;
    };
    const auto nearest = [](const QList<Stop> &stops, int column) {
        int best = 0;
        for (int i = 1; i < stops.size(); ++i) {
            if (qAbs(stops.at(i).column - column) < qAbs(stops.at(best).column - column))
                best = i;
        }
        return best;
    };

    // Where are we now: a lane and a stop in it (-1: the lane header). Coming from a release
    // header or from nothing, the key only enters the lanes.
    int lane = -1, stop = -1, column = 0;
    enum class Entry { ByKey, Nearest, First } entry = Entry::ByKey;
    const Selection &s = m_selection;
    switch (s.kind) {
    case Selection::Kind::Step:
        lane = m_model->laneOf(s.refactoring);
        break;
    case Selection::Kind::Refactoring:
        lane = m_model->laneOf(s.refactoring);
        break;
    case Selection::Kind::AppVersion:
        lane = m_model->appLane();
        break;
    case Selection::Kind::SchemaState:
    case Selection::Kind::Cell:
        lane = m_model->schemaLane();
        break;
    case Selection::Kind::Release: {
        const int k = m_model->releasePosition(s.release);
        if (key == Qt::Key_Left || key == Qt::Key_Right) {
            const int next = qBound(1, k + (key == Qt::Key_Left ? -1 : 1), m_model->releaseCount());
            Selection r;
            r.kind = Selection::Kind::Release;
            r.release = releaseIdOf(next);
            select(r, true);
            emit selectionChanged(m_selection);
            return;
        }
        lane = m_model->appLane();
        column = m_model->column(qMax(1, k), Phase::App);
        entry = Entry::Nearest; // the App lane's stop below the release
        break;
    }
    case Selection::Kind::None:
        break;
    }
    if (lane < 0) {
        lane = m_model->lanes().size() > 2 ? 2 : m_model->appLane();
        stop = 0;
        entry = Entry::First;
    } else if (s.kind != Selection::Kind::Refactoring && s.kind != Selection::Kind::Release) {
        const QList<Stop> stops = stopsOf(lane);
        for (int i = 0; i < stops.size(); ++i) {
            const Selection &t = stops.at(i).selection;
            if (t.refactoring == s.refactoring && t.step == s.step && t.release == s.release
                && (t.kind != Selection::Kind::SchemaState || t.phase == s.phase))
                stop = i;
        }
        if (stop >= 0)
            column = stops.at(stop).column;
    }

    const bool ctrl = modifiers & Qt::ControlModifier;
    // Ctrl+Shift+Left/Right asks to move the selected step a release earlier or later (the
    // same keys are the shortcuts of Refactoring › Step, which take them first in the window).
    if (s.kind == Selection::Kind::Step && ctrl && (modifiers & Qt::ShiftModifier)
        && (key == Qt::Key_Left || key == Qt::Key_Right)) {
        moveSelectedStep(key == Qt::Key_Left ? -1 : 1);
        return;
    }

    const int lanes = int(m_model->lanes().size());
    QList<Stop> stops = stopsOf(lane);
    if (entry == Entry::Nearest)
        stop = nearest(stops, column);
    switch (entry == Entry::ByKey ? key : 0) {
    case Qt::Key_Left:
        if (stop > 0)
            --stop;
        else if (m_model->lanes().at(lane).kind == TimelineModel::LaneKind::Refactoring) {
            stop = -1; // to the lane header
        }
        break;
    case Qt::Key_Right:
        stop = qMin(int(stops.size()) - 1, stop + 1);
        break;
    case Qt::Key_Home:
        if (ctrl) {
            lane = 0;
            stops = stopsOf(lane);
        }
        stop = 0;
        break;
    case Qt::Key_End:
        if (ctrl) {
            lane = lanes - 1;
            stops = stopsOf(lane);
        }
        stop = int(stops.size()) - 1;
        break;
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int next = qBound(0, lane + (key == Qt::Key_Up ? -1 : 1), lanes - 1);
        if (next == lane)
            break;
        lane = next;
        stops = stopsOf(lane);
        if (s.kind == Selection::Kind::Refactoring
            && m_model->lanes().at(lane).kind == TimelineModel::LaneKind::Refactoring)
            stop = -1; // stay in the lane headers
        else
            stop = nearest(stops, column);
        break;
    }
    default:
        break;
    }

    Selection next;
    if (stop < 0 || stops.isEmpty()) {
        if (m_model->lanes().at(lane).kind == TimelineModel::LaneKind::Refactoring) {
            next.kind = Selection::Kind::Refactoring;
            next.refactoring = m_model->lanes().at(lane).refactoring;
        }
    } else {
        next = stops.at(qBound(0, stop, int(stops.size()) - 1)).selection;
    }
    if (next.isEmpty() || next == m_selection)
        return;
    select(next, true);
    emit selectionChanged(m_selection);
}

} // namespace Tideline
