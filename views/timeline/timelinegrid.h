// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timelinelayout.h"

#include <document/selection.h>
#include <itemmodels/timelinemodel.h>

#include <QAbstractScrollArea>
#include <QPointer>

#include <functional>

class QFrame;
class QLabel;
class QToolButton;

namespace Tideline {


/**
 * The timeline grid: releases as columns (each split into pre · backfill · app · post), the
 * App and Schema lanes with the compatibility arrows between them, and one lane per
 * refactoring with its steps as chips coloured by category. It draws a TimelineModel and
 * computes nothing: a dragged chip only asks for a move (moveRequested()); whoever owns the
 * plan decides, and answers with a new model or with showMessage().
 *
 * It paints only what is visible, so plans of hundreds of releases and thousands of
 * refactorings scroll smoothly. The release header, the lane header column and the App and
 * Schema lanes stay in place while the rest scrolls.
 */
class TimelineGrid : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineGrid(QWidget *parent = nullptr);
    ~TimelineGrid() override;

    /** Shows @p model (not owned); null shows nothing. Follows the model's resets. */
    void setModel(TimelineModel *model);
    TimelineModel *model() const { return m_model; }

    Selection selection() const { return m_selection; }
    double zoom() const { return m_zoom; }
    const TimelineLayout &layout() const { return m_layout; }

    /** The text shown by showMessage() while it is visible, else empty. */
    QString message() const;

    /**
     * Why a step may not go to a release, in plain words, or an empty string when it may.
     * The grid asks while a chip is dragged, once per release under the pointer, and shows a
     * forbidden target as such; the owner of the plan answers (the grid decides nothing).
     */
    using MoveCheck = std::function<QString(const QString &refactoring, const QString &step,
                                            const QString &releaseId)>;
    void setMoveCheck(MoveCheck check) { m_moveCheck = std::move(check); }
    /** While a chip is dragged over a release the check refuses: why; else empty. */
    QString dragRefusal() const { return m_drag.active ? m_drag.refusal : QString(); }
    /** True while the "checking…" mark is shown: the grid shows the last result, not yet
     *  the one of the plan as edited. */
    bool isChecking() const;

    // Where things are, in viewport coordinates; each first scrolls its subject into view.
    // Empty rectangles / null points for unknown subjects.
    QRect chipRect(const QString &refactoring, const QString &step);
    /** The cell of @p refactoring's lane in release @p releaseId, phase @p phase. */
    QRect slotRect(const QString &refactoring, const QString &releaseId, Phase phase);
    QRect releaseHeaderRect(const QString &releaseId);
    QRect laneHeaderRect(const QString &refactoring);
    /** A_k box; "baseline" for A_0. */
    QRect appRect(const QString &releaseId);
    /** P_k (Pre) or S_k (Post) box; "baseline" for S_0. */
    QRect stateRect(const QString &releaseId, Phase phase);
    /** A point on the arrow from A_appRelease to the state; null when there is none. */
    QPoint arrowPoint(const QString &appReleaseId, const QString &stateReleaseId, Phase phase);

    /** The tooltip the grid shows at @p pos (viewport coordinates); empty if none. */
    QString toolTipAt(const QPoint &pos) const;
    /** What a click at @p pos (viewport coordinates) selects. */
    Selection selectionAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    /** Selects @p selection (from another panel) and scrolls it into view; no signal. */
    void setSelection(const Tideline::Selection &selection);
    /** Shows a refusal (or any notice) over the grid until the user dismisses it (its close
     *  button, or Escape) or another message replaces it. */
    void showMessage(const QString &text);
    void dismissMessage();
    void setChecking(bool checking);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void setZoom(double zoom);
    /** Asks to move the selected step @p delta releases later (earlier when negative), as
     *  Ctrl+Shift+Right/Left do; once the model shows it there, the step is scrolled into
     *  view. False when no step is selected or there is no such release. */
    bool moveSelectedStep(int delta);

signals:
    /** The user picked something in the grid. */
    void selectionChanged(const Tideline::Selection &selection);
    /** The user dragged a step to another release; the grid itself changes nothing. */
    void moveRequested(const QString &refactoring, const QString &step, const QString &releaseId);
    void zoomChanged(double zoom);
    /** A double-click on a step, lane header or release header, or Enter on the selection:
     *  the user wants to edit @p selection (which is selected first). */
    void activated(const Tideline::Selection &selection);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;

private:
    struct Hit
    {
        enum class Kind { None, Chip, App, State, Arrow, Lane, Release, Slot } kind = Kind::None;
        int index = -1;  // chip, arrow, lane or release position; k for App / State
        Phase phase = Phase::Post;
        int lane = -1;
        int column = -1;
    };
    struct Drag
    {
        int chip = -1;
        QPoint pressPos;
        QPoint pos;
        bool active = false;
        int targetRelease = 0; // 0: no valid target
        int checkedRelease = 0; // the release `refusal` is about
        QString refusal;        // why targetRelease is forbidden; empty when allowed
    };

    void relayout();
    void followMovedStep();
    void updateScrollBars();
    void placeChecking();
    void placeMessage();
    // Content <-> viewport coordinates.
    QPoint origin() const; // viewport position of content (0, 0) for scrolling lanes
    QRect toViewport(const QRect &content, int lane) const;
    QRect bodyRect() const;       // viewport area of the slots (right of lane headers, below headers)
    QRect scrollingRect() const;  // bodyRect() below the frozen App and Schema lanes
    int contentXAt(int viewportX) const;
    int laneAtViewport(int viewportY) const;
    Hit hitAt(const QPoint &pos) const;
    int arrowAt(const QPoint &pos) const;
    int releaseColumnAt(int viewportX) const; // release position under x, 0 if none
    void ensureVisible(const QRect &content, int lane);
    Selection selectionFor(const Hit &hit) const;
    void select(const Selection &selection, bool ensure);
    QString releaseIdOf(int k) const;
    void navigate(int key, Qt::KeyboardModifiers modifiers);
    void requestMove(int chip, int release);
    // Asks the move check about the release under a dragged chip, when it changed.
    void checkDragTarget();
    int dropRelease(const QPoint &pos) const;

    // Painting, each for the part of the viewport it owns.
    void paintEmpty(QPainter &p);
    void paintBody(QPainter &p, int firstColumn, int lastColumn, int firstLane, int lastLane);
    void paintColumnsBackground(QPainter &p, const QRect &clip, int firstColumn, int lastColumn);
    void paintLane(QPainter &p, int lane, int firstColumn, int lastColumn);
    void paintPending(QPainter &p, int lane, int firstColumn, int lastColumn);
    void paintChip(QPainter &p, int chip, const QRect &rect, qreal opacity = 1.0);
    void paintPoint(QPainter &p, const QRect &rect, const QString &text, bool ok, bool selected);
    void paintArrows(QPainter &p, int firstColumn, int lastColumn);
    void paintDrag(QPainter &p);
    void paintReleaseHeader(QPainter &p, int firstColumn, int lastColumn);
    void paintLaneHeaders(QPainter &p, int firstLane, int lastLane);
    void paintCorner(QPainter &p);

    QPointer<TimelineModel> m_model;
    TimelineLayout m_layout;
    double m_zoom = 1.0;
    Selection m_selection;
    Drag m_drag;
    int m_hoverArrow = -1;
    int m_hoverChip = -1;
    bool m_centerOnScroll = false; // ensureVisible() centres (selection from another panel)
    QFrame *m_banner = nullptr;   // child of the viewport: the message and its close button
    QLabel *m_message = nullptr;  // in m_banner
    QToolButton *m_messageClose = nullptr;
    QLabel *m_checking = nullptr; // child of the viewport, top right
    MoveCheck m_moveCheck;
    // A step moved from the keyboard, to be scrolled into view once the model has it in
    // release `release` (moveSelectedStep()).
    struct Follow
    {
        QString refactoring;
        QString step;
        int release = 0;
    } m_follow;
};

} // namespace Tideline
