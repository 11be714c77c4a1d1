// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QMutexLocker>

#include <map>
#include <memory>
#include <typeindex>

namespace Tideline {

/**
 * What readers of an engine's results (bundles, the review) derive from them once and look up
 * many times: the steps of a release, the cells of a state, which tables passed a dialect's name
 * check. One slot per type, made on first use; the owner lives in the Engine, so nothing outlives
 * the results it was derived from, and Engine::run() empties it.
 *
 * Thread-safe: the document's worker and the GUI thread may build bundles from one engine at
 * once. slot() hands out a shared pointer; what a slot holds guards itself (a slot built once
 * and read only after, or a slot with a mutex of its own).
 *
 * A copy is empty: a copied engine's results may be run again and differ.
 */
class EngineCache
{
public:
    EngineCache() = default;
    EngineCache(const EngineCache &) { }
    EngineCache &operator=(const EngineCache &other)
    {
        if (this != &other)
            clear();
        return *this;
    }

    /** The slot of type @p T, made by @p make() on first use (under the cache's lock). */
    template <class T, class Make>
    std::shared_ptr<T> slot(Make make) const
    {
        QMutexLocker locker(&m_mutex);
        std::shared_ptr<void> &s = m_slots[std::type_index(typeid(T))];
        if (!s)
            s = std::shared_ptr<T>(make());
        return std::static_pointer_cast<T>(s);
    }

    void clear()
    {
        QMutexLocker locker(&m_mutex);
        m_slots.clear();
    }

private:
    mutable QMutex m_mutex;
    mutable std::map<std::type_index, std::shared_ptr<void>> m_slots;
};

} // namespace Tideline
