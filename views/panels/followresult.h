// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/document.h>

#include <QDockWidget>
#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <utility>

namespace Tideline {

/**
 * Calls a panel's rebuild when the document's engine result changes, without holding up the GUI
 * thread more than the panel itself needs:
 * - in an event of its own (queued), so that input is handled between the panels' updates
 *   instead of after all of them;
 * - only when the panel can be seen: a panel in a hidden dock tab of a shown window is marked
 *   stale and rebuilt when it is shown. Qt does not hide the docks behind a tab: it moves them
 *   out of the window, where they stay "visible" with nothing of them on screen; they are
 *   rebuilt when their tab is chosen (QDockWidget::visibilityChanged), or at the latest when
 *   they are painted, however they came to be seen (a restored layout, a rearranged tab group);
 *   a window not shown yet rebuilds everything, as tests expect.
 * The follower keeps the result the panel shows alive until the panel shows another.
 */
class ResultFollower final : public QObject
{
public:
    ResultFollower(Document *document, QWidget *panel, std::function<void()> rebuild)
        : QObject(panel)
        , m_document(document)
        , m_panel(panel)
        , m_rebuild(std::move(rebuild))
        , m_shown(document->sharedResult()) // what the panel was built from
    {
        setObjectName(QString::fromLatin1(panel->metaObject()->className()));
        panel->installEventFilter(this);
        QObject::connect(document, &Document::resultChanged, this, &ResultFollower::resultChanged,
                         Qt::QueuedConnection);
    }
    ~ResultFollower() override { Document::release(std::exchange(m_shown, {})); }

    /** The panel shows an earlier result than the document's (it was out of sight). */
    bool isStale() const { return m_stale; }
    /** Rebuilds a stale panel now: for a caller about to act on what the panel shows. */
    void ensureCurrent()
    {
        if (m_stale)
            rebuild();
    }

private:
    void resultChanged()
    {
        if (m_panel->window()->isVisible() && !canBeSeen()) {
            m_stale = true;
            followDock();
            return;
        }
        rebuild();
    }

    /** Rebuilds a panel left stale once the tab of its dock is chosen. */
    void dockVisibilityChanged(bool visible)
    {
        if (visible)
            ensureCurrent();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_panel && m_stale) {
            if (event->type() == QEvent::Show)
                rebuild();
            else if (event->type() == QEvent::Paint) // seen, however it came to be
                QTimer::singleShot(0, this, &ResultFollower::ensureCurrent);
        }
        return false;
    }

private:
    /** Shown, and not in a dock behind another dock's tab (moved out of the window). */
    bool canBeSeen() const { return m_panel->isVisible() && !m_panel->visibleRegion().isEmpty(); }

    /** Listens to the dock the panel sits in (docked after the panel was made, or moved). */
    void followDock()
    {
        QDockWidget *dock = nullptr;
        for (QWidget *w = m_panel->parentWidget(); w && !dock; w = w->parentWidget())
            dock = qobject_cast<QDockWidget *>(w);
        if (dock == m_dock)
            return;
        if (m_dock)
            disconnect(m_dock, &QDockWidget::visibilityChanged, this, &ResultFollower::dockVisibilityChanged);
        m_dock = dock;
        if (m_dock)
            connect(m_dock, &QDockWidget::visibilityChanged, this, &ResultFollower::dockVisibilityChanged);
    }

    void rebuild()
    {
        m_stale = false;
        // The run shown stays alive while the panel's models point into it.
        Document::ResultPtr shown = m_document->sharedResult();
        m_rebuild();
        Document::release(std::exchange(m_shown, std::move(shown)));
    }

    Document *m_document;
    QWidget *m_panel;
    std::function<void()> m_rebuild;
    bool m_stale = false;
    QPointer<QDockWidget> m_dock;
    Document::ResultPtr m_shown;
};

/** A ResultFollower of @p panel (owned by it). */
inline ResultFollower *followResult(Document *document, QWidget *panel, std::function<void()> rebuild)
{
    return new ResultFollower(document, panel, std::move(rebuild));
}

} // namespace Tideline
