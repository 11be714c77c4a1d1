// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <document/document.h>

#include <QEvent>
#include <QObject>
#include <QWidget>

#include <functional>
#include <utility>

namespace Tideline {

/**
 * Calls @p rebuild for @p panel when the document's engine result changes, without holding
 * up the GUI thread more than the panel itself needs:
 * - in an event of its own (queued), so that input is handled between the panels' updates
 *   instead of after all of them;
 * - only when the panel can be seen: a panel in a hidden dock tab of a shown window is
 *   rebuilt when it is shown (a window not shown yet rebuilds everything, as tests expect).
 * The follower keeps the result the panel shows alive until the panel shows another.
 */
inline void followResult(Document *document, QWidget *panel, std::function<void()> rebuild)
{
    class Follower final : public QObject
    {
    public:
        Follower(Document *document, QWidget *panel, std::function<void()> rebuild)
            : QObject(panel)
            , m_document(document)
            , m_panel(panel)
            , m_rebuild(std::move(rebuild))
            , m_shown(document->sharedResult()) // what the panel was built from
        {
            setObjectName(QString::fromLatin1(panel->metaObject()->className()));
            panel->installEventFilter(this);
        }

        void resultChanged()
        {
            if (m_panel->window()->isVisible() && !m_panel->isVisible()) {
                m_stale = true;
                return;
            }
            rebuild();
        }

        ~Follower() override { Document::release(std::exchange(m_shown, {})); }

    protected:
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (watched == m_panel && event->type() == QEvent::Show && m_stale)
                rebuild();
            return false;
        }

    private:
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
        Document::ResultPtr m_shown;
    };

    auto *follower = new Follower(document, panel, std::move(rebuild));
    QObject::connect(document, &Document::resultChanged, follower, &Follower::resultChanged,
                     Qt::QueuedConnection);
}

} // namespace Tideline
